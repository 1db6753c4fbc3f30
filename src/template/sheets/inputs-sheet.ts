/**
 * The Inputs sheet (template.md §1): organisation settings, the rate card in use, labor inputs, the enablement cost and the pre-purchase discount.
 */
import { PRICING_MODEL_NAMES, builtInPlans, builtInRateCard, lookupRate, plansInForce, ratesInForce } from "../../engine";
import { Stack, amount, fromRateCard, input, output, panes, rate, rateCell } from "./builders";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { add, div, mul, name, num, str, sub } from "../model/formula";
import { SHEETS, TABLES, PRICING_MODEL_CHOICES_NAME, pricingModelChoices, type TemplateOptions } from "./names";
import type { CellBlock, SheetSpec, TableBlock, TableRow, Validation } from "../model/description";

export function inputsSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Organisation",
    cells: [
      // Not an input: the money formats are written in this currency when the workbook is built.
      output("Currency", "CurrencyLabel", str(options.currency), "general", TEMPLATE_MESSAGES.currencyNote),
      input("Weeks per month", "WeeksPerMonth", 52 / 12, "decimal", { validation: amount("Weeks in a month: 52 ÷ 12 ≈ 4.33."), note: "52 ÷ 12" }),
      input("Pricing model in use", "PricingModel", PRICING_MODEL_NAMES.flexDiscounted, "text", {
        validation: pricingModelValidation(options.asOf),
      }),
      input("Licensed users", "LicensedUsers", options.examples ? 50 : 0, "count", { validation: { kind: "whole", min: 0, prompt: "Users licensed per month under per-user pricing." } }),
      input("Pre-purchase discount", "PrepurchaseDiscount", builtInValue("flex.prepurchaseDiscount", options.asOf), "percent", {
        validation: rate("Share off list price for pre-purchased Flex Credits, 0 to 100 %."),
        note: "rate card: flex.prepurchaseDiscount",
      }),
      input("One-time enablement cost", "EnablementCost", options.examples ? 250000 : 0, "usdWhole", { validation: amount("Set-up, integration and training, in currency.") }),
    ],
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Prices in use (from the rate card below: change them there)",
    cells: [
      rateCell("Price per conversation", "PricePerConversation", "conversation.price", "usd"),
      rateCell("Flex Credits per action", "CreditsPerAction", "flex.creditsPerAction", "count"),
      rateCell("Price per 100,000 Flex Credits", "PricePer100kCredits", "flex.pricePer100kCredits", "usd"),
      // One meaning of the discount everywhere: credits bought as used pay the list price, pre-purchased ones list × (1 − discount).
      output("Pay-as-you-go price per 100,000 credits", "PaygPricePer100kCredits", name("PricePer100kCredits"), "usd", TEMPLATE_MESSAGES.prices.payg),
      output("Prepaid price per 100,000 credits", "PrepaidPricePer100kCredits", mul(name("PricePer100kCredits"), sub(num(1), name("PrepurchaseDiscount"))), "usd", TEMPLATE_MESSAGES.prices.prepaid),
      rateCell("Price per user per month", "PricePerUserMonth", "seat.addOn", "usd"),
      rateCell("Forecast uncertainty (relative)", "CommitUncertainty", "commit.uncertainty", "percent"),
    ],
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Labor (from the rate card below: change them there)",
    cells: [
      rateCell("Hourly wage", "HourlyWage", "labor.csrMedianWage", "usd"),
      output("Benefits load", "BenefitsLoad", div(fromRateCard("labor.eceBenefits"), fromRateCard("labor.eceWages")), "percent", "rate card: labor.eceBenefits ÷ labor.eceWages"),
      rateCell("Overhead", "LaborOverhead", "labor.overhead", "percent"),
      rateCell("Utilization", "Utilization", "labor.utilization", "percent"),
      rateCell("Handle minutes per case", "HandleMinutes", "labor.handleMinutes", "decimal"),
      output(
        "Reviewer's loaded hourly cost",
        "ReviewerHourlyCost",
        mul(mul(name("HourlyWage"), add(num(1), name("BenefitsLoad"))), add(num(1), name("LaborOverhead"))),
        "usd",
        "wage × (1 + benefits) × (1 + overhead)",
      ),
    ],
  });
  const rows: TableRow[] = ratesInForce(builtInRateCard, options.asOf).map((row) => ({
    Key: row.key,
    Value: row.value,
    Unit: row.entry.unit,
    "As of": row.entry.asOf,
    Source: row.entry.source,
  }));
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.rateCard,
    anchor: stack.anchor(),
    heading: `Rate card (built-in, as of ${options.asOf}; override a value here)`,
    columns: [
      { header: "Key", kind: "input", format: "text" },
      { header: "Value", kind: "input", format: "general", validation: amount("A price or rate, 0 or more.") },
      { header: "Unit", kind: "input", format: "text" },
      { header: "As of", kind: "input", format: "text" },
      { header: "Source", kind: "input", format: "text" },
    ],
    rows,
    exampleRows: 0,
    totalRow: false,
  });
  stack.push<TableBlock>(pricingModelsTable(options.asOf, stack.anchor()));
  return {
    name: SHEETS.inputs,
    purpose: "The assumptions every other sheet uses: settings, prices and labor, and the dated, sourced rate card they come from.",
    tabColor: "FFC000",
    columnWidths: [38, 16, 62, 14, 80],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}

/** The rate card's value for a key as of a date (examples are filled from it, never typed). */
function builtInValue(key: string, asOf: string): number {
  const found = lookupRate(builtInRateCard, key, asOf);
  if (found.found !== "entry") throw new Error(`The built-in rate card has no ${key} on ${asOf}.`);
  return found.value;
}

/** The drop-down of every pricing model (the Inputs sheet's and the Scenarios'): the cells of the pricing models table. */
export const pricingModelValidation = (asOf: string): Validation => ({
  kind: "list",
  choices: pricingModelChoices(asOf),
  source: PRICING_MODEL_CHOICES_NAME,
  prompt: TEMPLATE_MESSAGES.pricingModels.prompt,
});

/** The pricing models to choose from, and what prices each: the three this sheet prices, then the vendor plans in force. */
function pricingModelsTable(asOf: string, anchor: string): TableBlock {
  const M = TEMPLATE_MESSAGES.pricingModels;
  const own: TableRow[] = [
    { "Pricing model": PRICING_MODEL_NAMES.perConversation, "Priced by": M.inputs.perConversation },
    { "Pricing model": PRICING_MODEL_NAMES.flexDiscounted, "Priced by": M.inputs.flex },
    { "Pricing model": PRICING_MODEL_NAMES.perUser, "Priced by": M.inputs.perUser },
  ];
  const plans = plansInForce(builtInPlans, asOf).map((plan): TableRow => ({ "Pricing model": plan.key, "Priced by": M.plan(plan.vendor, plan.charges, plan.unit) }));
  return {
    kind: "table",
    name: TABLES.pricingModels,
    anchor,
    heading: M.heading,
    columns: [
      { header: "Pricing model", kind: "input", format: "text", name: PRICING_MODEL_CHOICES_NAME },
      { header: "Priced by", kind: "input", format: "text" },
    ],
    rows: [...own, ...plans],
    exampleRows: 0,
    totalRow: false,
  };
}
