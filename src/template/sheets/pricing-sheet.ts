/**
 * The Pricing sheet (template.md §3): the interaction mix, the pricing models side by side with a chart, crossover and seat break-even.
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { SHARE_SUM_TOLERANCE } from "../../functions/params";
import { LIGHTS, Stack, absolute, amount, output, panes, rate } from "./builders";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { awu, call, col, div, eq, le, mul, name, ne, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableColumnRange, valueCell } from "../model/layout";
import type { CellBlock, ChartBlock, ConditionalFormat, SheetSpec, TableBlock } from "../model/description";
import { SHEETS, TABLES } from "./names";
import { PLAN_IN_USE, planInUseFormulas } from "./plan-formulas";


export function pricingSheet(): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Volume, from the Jobs sheet",
    cells: [
      // Σ runs: each run of a job's item is an interaction (a conversation, when priced per conversation).
      output("Interactions per month", "InteractionsPerMonth", call("SUM", wholeCol(TABLES.jobs, "Runs per month")), "count", "Σ the jobs' runs a month"),
    ],
  });
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.mix,
    anchor: stack.anchor(),
    heading: "Interaction mix: the actions an interaction takes (shares add up to 100 %); jobs priced by the mix use its average",
    columns: [
      { header: "Kind", kind: "input", format: "text" },
      { header: "Share", kind: "input", format: "percent", validation: rate("Share of interactions of this kind; the column adds up to 100 %.") },
      { header: "Actions per interaction", kind: "input", format: "decimal", validation: amount("Agent actions an interaction of this kind takes.") },
    ],
    rows: [
      { Kind: "Simple", Share: 0.6, "Actions per interaction": 3 },
      { Kind: "Moderate", Share: 0.3, "Actions per interaction": 7 },
      { Kind: "Complex", Share: 0.1, "Actions per interaction": 14 },
    ],
    exampleRows: 0,
    totalRow: false,
  });
  const shares = wholeCol(TABLES.mix, "Share");
  const actions = wholeCol(TABLES.mix, "Actions per interaction");
  const mixCheck = TEMPLATE_MESSAGES.mixCheck;
  const actionsBlock = stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Actions",
    cells: [
      output("Interaction shares add up to", "MixShareTotal", call("SUM", shares), "percent", mixCheck.totalNote),
      // The visible cause of a #VALUE! below: AWU.MIXACTIONS refuses shares off 100 % by more than this.
      output("Mix check", "MixCheck", call("IF", le(call("ABS", sub(name("MixShareTotal"), num(1))), num(SHARE_SUM_TOLERANCE)), str(mixCheck.ok), str(mixCheck.sharesOff)), "general"),
      output("Actions per interaction (mix)", "ActionsPerInteraction", awu("MIXACTIONS", num(1), shares, actions), "decimal", "Σ share × actions"),
      output("Actions per month", "TotalActionsPerMonth", call("SUM", wholeCol(TABLES.jobs, "Units per month")), "count", "Σ the jobs' units a month, reruns included"),
    ],
  });
  const monthly = (formula: Expr) => ({ formula });
  const comparison = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.comparison,
    anchor: stack.anchor(),
    heading: "Pricing models side by side",
    columns: [
      { header: "Model", kind: "input", format: "text" },
      { header: "Monthly cost", kind: "input", format: "usd" },
      { header: "Annual cost", kind: "formula", format: "usdWhole", formula: mul(col(TABLES.comparison, "Monthly cost"), num(12)) },
      {
        header: "Cost vs cheapest",
        kind: "formula",
        format: "ratio",
        formula: call(
          "IF",
          eq(call("MIN", wholeCol(TABLES.comparison, "Monthly cost")), num(0)),
          call("NA"),
          div(col(TABLES.comparison, "Monthly cost"), call("MIN", wholeCol(TABLES.comparison, "Monthly cost"))),
        ),
      },
    ],
    rows: [
      { Model: PRICING_MODEL_NAMES.perConversation, "Monthly cost": monthly(awu("CONVCOST", name("InteractionsPerMonth"), name("PricePerConversation"))) },
      { Model: PRICING_MODEL_NAMES.flexList, "Monthly cost": monthly(awu("FLEXCOST", name("TotalActionsPerMonth"), name("CreditsPerAction"), name("PricePer100kCredits"), num(0))) },
      {
        Model: PRICING_MODEL_NAMES.flexDiscounted,
        "Monthly cost": monthly(awu("FLEXCOST", name("TotalActionsPerMonth"), name("CreditsPerAction"), name("PricePer100kCredits"), name("PrepurchaseDiscount"))),
      },
      { Model: PRICING_MODEL_NAMES.perUser, "Monthly cost": monthly(awu("SEATCOST", name("LicensedUsers"), num(1), name("PricePerUserMonth"))) },
    ],
    exampleRows: 0,
    totalRow: false,
  });
  const cost = wholeCol(TABLES.comparison, "Monthly cost");
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Where the models meet",
    cells: [
      output("Cheapest model", "CheapestModel", call("INDEX", wholeCol(TABLES.comparison, "Model"), call("MATCH", call("MIN", cost), cost, num(0))), "general", TEMPLATE_MESSAGES.notAvailable.cheapest),
      output(
        "Crossover: actions per interaction (list price)",
        "CrossoverActions",
        awu("CROSSOVER", name("PricePerConversation"), name("CreditsPerAction"), name("PricePer100kCredits"), num(0)),
        "decimal",
        "above this, per conversation is cheaper than Flex",
      ),
      output(
        "Seat break-even: actions per user per month (list price)",
        "SeatBreakevenActions",
        awu("SEATBREAKEVEN", name("PricePerUserMonth"), name("CreditsPerAction"), name("PricePer100kCredits"), num(0)),
        "count",
        "above this, a seat is cheaper than Flex",
      ),
    ],
  });
  const plan = planInUseFormulas();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "The pricing model in use (Inputs): one of the models above or a vendor plan (Vendors sheet)",
    cells: [
      output("Pricing model in use", "PricingModelInUse", name("PricingModel"), "general", TEMPLATE_MESSAGES.pricingModels.inUse),
      output("A vendor plan: what it bills", PLAN_IN_USE.bills, plan.bills, "general", TEMPLATE_MESSAGES.pricingModels.bills),
      output("Its price per event billed", PLAN_IN_USE.usdPerEvent, plan.usdPerEvent, "usd", TEMPLATE_MESSAGES.pricingModels.usdPerEvent),
      output("Its price per unit (the ledger's units)", PLAN_IN_USE.usdPerUnit, plan.usdPerUnit, "general", TEMPLATE_MESSAGES.pricingModels.usdPerUnit),
      output("Its seats a month (a seat plan)", PLAN_IN_USE.seats, plan.seats, "usd", TEMPLATE_MESSAGES.pricingModels.seats),
      output("AI cost a month under it", "MonthlyAiCostInUse", call("SUM", wholeCol(TABLES.jobs, "AI cost per month")), "usd", TEMPLATE_MESSAGES.pricingModels.costInUse),
    ],
  });
  const chart: ChartBlock = {
    kind: "chart",
    title: "Monthly cost by pricing model",
    type: "bar",
    from: "F4",
    to: "M20",
    categories: tableColumnRange(comparison, "Model"),
    values: tableColumnRange(comparison, "Monthly cost"),
    seriesName: "Monthly cost",
  };
  stack.blocks.push(chart);
  const check = ref(SHEETS.pricing, absolute(valueCell(actionsBlock, 1)));
  const checkLight: ConditionalFormat = {
    range: absolute(valueCell(actionsBlock, 1)),
    rules: [
      { when: ne(check, str(mixCheck.ok)), ...LIGHTS.red },
      { when: eq(check, str(mixCheck.ok)), ...LIGHTS.green },
    ],
  };
  return {
    name: SHEETS.pricing,
    purpose: "What the same work costs under each pricing model, where they cross over, and which is cheapest.",
    tabColor: "70AD47",
    columnWidths: [46, 16, 16, 19, 20],
    blocks: stack.blocks,
    conditionalFormats: [checkLight],
    freeze: panes(stack.blocks),
  };
}
