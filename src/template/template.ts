/**
 * The budgeting workbook (template.md), described once. Writers render this description
 * and hold no layout of their own. Every derived figure is a formula over named inputs and
 * table columns; prices come from the workbook's own RateCard table (filled from the
 * built-in rate card), so an analyst overrides a price in one place.
 *
 * The example inputs reproduce the published worked figures (docs/model.md): 10,000
 * interactions a month at a 60/30/10 % mix of 3/7/14 actions → 53,000 actions; $5,300,
 * $3,975, $20,000 and $6,250 a month; $8.37 per case; $4.68 blended; payback ≈ 8.1 months.
 */
import { PRICING_MODEL_NAMES, builtInRateCard, localIsoToday, lookupRate, ratesInForce } from "../engine";
import { LEDGER_WORKBOOK } from "../ledger/tables";
import { address, offset, parseAddress } from "./address";
import { Stack, amount, fromRateCard, input, output, rate, rateCell } from "./builders";
import { add, awu, call, col, div, eq, mul, name, num, ref, str, sub, wholeCol, type Expr } from "./formula";
import { tableColumnRange } from "./layout";
import { exampleLedgerRows, importedTableSheet, ledgerSheet } from "./ledger-sheets";
import type { CellBlock, ChartBlock, GridBlock, SheetSpec, TableBlock, TableColumn, TemplateDescription, TableRow } from "./model";
import { SHEETS, TABLES, type TemplateOptions } from "./names";
import { walletSheet } from "./wallet-sheet";

export const TEMPLATE_VERSION = "1.1.0";

export { SHEETS, TABLES, type TemplateOptions } from "./names";
export { DAILY_ROWS, SPIKE } from "./wallet-sheet";
export { EXAMPLE_IMPORT, exampleLedgerRows } from "./ledger-sheets";

export const MODEL_CHOICES = [PRICING_MODEL_NAMES.perConversation, PRICING_MODEL_NAMES.flexDiscounted, PRICING_MODEL_NAMES.perUser] as const;
export const WORKFLOWS = ["Research", "Enrichment", "Follow-ups", "Pipeline updates", "Support", "Custom"] as const;

/** The named cells the pane stamps after a refresh: when, and which rate card. */
export const STAMP_NAMES = { at: "ScenariosRefreshedAt", rateCard: "ScenariosRateCard" } as const;

/** The Scenarios table's columns the pane writes (results) and reads (inputs). */
export const SCENARIO_RESULT_COLUMNS = [
  "Monthly cost",
  "Cost per acceptable outcome",
  "Payback (months)",
  "Δ monthly cost vs base",
  "Δ cost per outcome vs base",
  "Δ payback vs base",
] as const;

// ---- The sheets --------------------------------------------------------------------------

function inputsSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Organisation",
    cells: [
      input("Currency", "CurrencyLabel", options.currency, "text", { note: "label shown beside amounts" }),
      input("Weeks per month", "WeeksPerMonth", 52 / 12, "decimal", { validation: amount("Weeks in a month: 52 ÷ 12 ≈ 4.33."), note: "52 ÷ 12" }),
      input("Pricing model in use", "PricingModel", PRICING_MODEL_NAMES.flexDiscounted, "text", {
        validation: { kind: "list", choices: MODEL_CHOICES, prompt: "How the vendor bills the agents' work." },
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
      rateCell("Pay-as-you-go price per 100,000 credits", "PaygPricePer100kCredits", "flex.paygPricePer100kCredits", "usd"),
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
    exampleRows: false,
    totalRow: false,
  });
  return {
    name: SHEETS.inputs,
    purpose: "The assumptions every other sheet uses: settings, prices and labor, and the dated, sourced rate card they come from.",
    tabColor: "FFC000",
    columnWidths: [38, 16, 44, 14, 60],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

/** The rate card's value for a key as of a date (examples are filled from it, never typed). */
function builtInValue(key: string, asOf: string): number {
  const found = lookupRate(builtInRateCard, key, asOf);
  if (found.found !== "entry") throw new Error(`The built-in rate card has no ${key} on ${asOf}.`);
  return found.value;
}

const JOB_INPUT_COLUMNS: readonly TableColumn[] = [
  { header: "Example", kind: "input", format: "text" },
  { header: "Job", kind: "input", format: "text", total: "label" },
  { header: "Workflow", kind: "input", format: "text", validation: { kind: "list", choices: WORKFLOWS, prompt: "The kind of work." } },
  { header: "Volume per week", kind: "input", format: "decimal", validation: amount("Items a week, 0 or more.") },
  { header: "Units per item", kind: "input", format: "decimal", validation: amount("Agent actions per item, 0 or more.") },
  { header: "Acceptance bar", kind: "input", format: "text" },
  { header: "Target acceptance rate", kind: "input", format: "percent", validation: { kind: "decimal", min: 0.0001, max: 1, prompt: "Share of items accepted first time, above 0 up to 100 %." } },
  { header: "Rerun rate", kind: "input", format: "percent", validation: amount("Extra runs per item (0.2 = one rerun in five).") },
  { header: "Review minutes per item", kind: "input", format: "decimal", validation: amount("Human review minutes per item.") },
  { header: "Human approves", kind: "input", format: "text", validation: { kind: "list", choices: ["Yes", "No"], prompt: "Does a human sign off each item?" } },
];

const J = (column: string): Expr => col(TABLES.jobs, column);

const JOB_FORMULA_COLUMNS: readonly TableColumn[] = [
  { header: "Items per month", kind: "formula", format: "decimal", total: "sum", formula: mul(J("Volume per week"), name("WeeksPerMonth")) },
  {
    header: "Units per month",
    kind: "formula",
    format: "count",
    total: "sum",
    // Reruns consume units too.
    formula: mul(mul(J("Items per month"), J("Units per item")), add(num(1), J("Rerun rate"))),
  },
  {
    header: "AI cost per month",
    kind: "formula",
    format: "usd",
    total: "sum",
    formula: call(
      "IF",
      eq(name("PricingModel"), str(PRICING_MODEL_NAMES.perConversation)),
      // Each run of an item is a conversation.
      awu("CONVCOST", mul(J("Items per month"), add(num(1), J("Rerun rate"))), name("PricePerConversation")),
      call(
        "IF",
        eq(name("PricingModel"), str(PRICING_MODEL_NAMES.perUser)),
        // Seats are shared: each job carries them in proportion to its units.
        call(
          "IF",
          eq(call("SUM", wholeCol(TABLES.jobs, "Units per month")), num(0)),
          num(0),
          div(mul(awu("SEATCOST", name("LicensedUsers"), num(1), name("PricePerUserMonth")), J("Units per month")), call("SUM", wholeCol(TABLES.jobs, "Units per month"))),
        ),
        awu("FLEXCOST", J("Units per month"), name("CreditsPerAction"), name("PricePer100kCredits"), name("PrepurchaseDiscount")),
      ),
    ),
  },
  {
    header: "Human review cost per month",
    kind: "formula",
    format: "usd",
    total: "sum",
    formula: mul(div(mul(J("Items per month"), J("Review minutes per item")), num(60)), name("ReviewerHourlyCost")),
  },
  {
    header: "All-in cost per acceptable outcome",
    kind: "formula",
    format: "usd",
    formula: call(
      "IF",
      eq(J("Items per month"), num(0)),
      str(""),
      awu(
        "ALLIN",
        div(J("AI cost per month"), mul(J("Items per month"), add(num(1), J("Rerun rate")))),
        J("Review minutes per item"),
        name("ReviewerHourlyCost"),
        J("Target acceptance rate"),
        J("Rerun rate"),
      ),
    ),
  },
  { header: "Accepted outcomes per month", kind: "formula", format: "decimal", total: "sum", formula: mul(J("Items per month"), J("Target acceptance rate")) },
  { header: "Total cost per month", kind: "formula", format: "usd", total: "sum", formula: add(J("AI cost per month"), J("Human review cost per month")) },
];

/** The method's four example jobs (template.md); units and review figures are illustrative. */
function exampleJobs(): TableRow[] {
  const job = (jobName: string, workflow: string, perWeek: number, units: number, bar: string, acceptance: number, rerun: number, review: number, approves: string): TableRow => ({
    Example: "Example",
    Job: jobName,
    Workflow: workflow,
    "Volume per week": perWeek,
    "Units per item": units,
    "Acceptance bar": bar,
    "Target acceptance rate": acceptance,
    "Rerun rate": rerun,
    "Review minutes per item": review,
    "Human approves": approves,
  });
  return [
    job("Account enrichment", "Enrichment", 250, 1, "Firmographics filled and sourced", 0.9, 0.1, 0.5, "No"),
    job("Follow-up emails", "Follow-ups", 1200, 2, "Sent as drafted; CRM updated", 0.85, 0.15, 1, "Yes"),
    job("New-lead research", "Research", 800, 3, "Brief a rep can use without rework", 0.8, 0.2, 2, "No"),
    // 300 opportunities a month, as a weekly volume.
    job("Stage hygiene", "Pipeline updates", (300 * 12) / 52, 1, "Stage and next step match the activity log", 0.95, 0.05, 0.5, "Yes"),
  ];
}

function jobsSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.jobs,
    anchor: stack.anchor(),
    heading: "Jobs to be done: one row per job (add rows at the bottom; formulas fill in)",
    columns: [...JOB_INPUT_COLUMNS, ...JOB_FORMULA_COLUMNS],
    rows: options.examples ? exampleJobs() : [],
    exampleRows: options.examples,
    totalRow: true,
  });
  return {
    name: SHEETS.jobs,
    purpose: "The method's steps 1–4: each job's volume, units and quality bar, mapped to AI, review and rerun cost per acceptable outcome.",
    tabColor: "5B9BD5",
    columnWidths: [10, 24, 16, 12, 10, 36, 12, 10, 12, 10, 12, 14, 14, 14, 16, 14, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

function pricingSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Volume",
    cells: [input("Interactions per month", "InteractionsPerMonth", options.examples ? 10000 : 0, "count", { validation: amount("Customer interactions a month, 0 or more.") })],
  });
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.mix,
    anchor: stack.anchor(),
    heading: "Interaction mix (shares add up to 100 %)",
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
    exampleRows: false,
    totalRow: false,
  });
  const shares = wholeCol(TABLES.mix, "Share");
  const actions = wholeCol(TABLES.mix, "Actions per interaction");
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Actions",
    cells: [
      output("Actions per interaction (mix)", "ActionsPerInteraction", awu("MIXACTIONS", num(1), shares, actions), "decimal", "Σ share × actions"),
      output("Actions per month", "TotalActionsPerMonth", awu("MIXACTIONS", name("InteractionsPerMonth"), shares, actions), "count", "interactions × Σ share × actions"),
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
      { header: "Annual cost", kind: "formula", format: "usd", formula: mul(col(TABLES.comparison, "Monthly cost"), num(12)) },
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
    exampleRows: false,
    totalRow: false,
  });
  const cost = wholeCol(TABLES.comparison, "Monthly cost");
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Where the models meet",
    cells: [
      output("Cheapest model", "CheapestModel", call("INDEX", wholeCol(TABLES.comparison, "Model"), call("MATCH", call("MIN", cost), cost, num(0))), "text"),
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
  return {
    name: SHEETS.pricing,
    purpose: "What the same work costs under each pricing model, where they cross over, and which is cheapest.",
    tabColor: "70AD47",
    columnWidths: [46, 16, 16, 16, 4],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

function roiSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Cost per case",
    cells: [
      output(
        "Human cost per case",
        "HumanCostPerCase",
        awu("HUMANCOST", name("HourlyWage"), name("BenefitsLoad"), name("LaborOverhead"), name("Utilization"), name("HandleMinutes")),
        "usd",
        "loaded wage ÷ utilization × handle minutes",
      ),
      { label: "AI cost per case", name: "AiCostPerCase", value: { formula: name("PricePerConversation") }, format: "usd", style: "input", validation: amount("AI cost per case, in currency."), note: "the price per conversation; type your own" },
      input("Resolution rate", "ResolutionRate", options.examples ? 0.6 : 0, "percent", { validation: rate("Share of cases the AI resolves, 0 to 100 %.") }),
      input("Escalation savings", "EscalationSavings", options.examples ? 0.2 : 0, "percent", { validation: rate("How much cheaper an escalated case is for the human, 0 to 100 %.") }),
      input("Cases per year", "AnnualCases", options.examples ? 100000 : 0, "count", { validation: amount("Inbound cases a year.") }),
    ],
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Return",
    cells: [
      output("Blended cost per case", "BlendedCostPerCase", awu("BLENDED", name("HumanCostPerCase"), name("AiCostPerCase"), name("ResolutionRate"), name("EscalationSavings")), "usd"),
      output("Break-even resolution rate", "BreakevenResolution", awu("BREAKEVEN", name("HumanCostPerCase"), name("AiCostPerCase"), name("EscalationSavings")), "percent"),
      output("Annual savings", "AnnualSavings", mul(name("AnnualCases"), sub(name("HumanCostPerCase"), name("BlendedCostPerCase"))), "usdWhole"),
      output(
        "Payback",
        "PaybackMonths",
        awu("PAYBACK", name("EnablementCost"), name("AnnualCases"), name("HumanCostPerCase"), name("AiCostPerCase"), name("ResolutionRate"), name("EscalationSavings")),
        "months",
        "enablement cost ÷ monthly savings",
      ),
    ],
  });
  const rows = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const columns = [0, 0.1, 0.2, 0.3];
  const gridAnchor = stack.anchor();
  const corner = parseAddress(offset(gridAnchor, 1, 0));
  const formulas = rows.map((_, i) =>
    columns.map((__, j) =>
      awu(
        "BLENDED",
        name("HumanCostPerCase"),
        name("AiCostPerCase"),
        ref(SHEETS.roi, address({ row: corner.row + 1 + i, column: corner.column }, { column: true })),
        ref(SHEETS.roi, address({ row: corner.row, column: corner.column + 1 + j }, { row: true })),
      ),
    ),
  );
  stack.push<GridBlock>({
    kind: "grid",
    anchor: gridAnchor,
    heading: "Blended cost per case: resolution rate (rows) × escalation savings (columns)",
    corner: "Resolution \\ savings",
    rowValues: rows,
    columnValues: columns,
    rowFormat: "percent",
    columnFormat: "percent",
    cellFormat: "usd",
    formulas,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Build vs buy",
    cells: [
      input("Fixed annual cost to build", "BuildFixedAnnualCost", options.examples ? 150000 : 0, "usdWhole", { validation: amount("Engineering and hosting a year.") }),
      { label: "Buy price per case", name: "BuyPricePerCase", value: { formula: name("AiCostPerCase") }, format: "usd", style: "input", validation: amount("Vendor price per case."), note: "the AI cost per case; type your own" },
      input("Compute per case when built", "ComputePerCase", options.examples ? 0.25 : 0, "usd", { validation: amount("Model tokens and hosting per case.") }),
      output("Cases a year above which building wins", "BuildVsBuyCases", awu("BUILDVSBUY", name("BuildFixedAnnualCost"), name("BuyPricePerCase"), name("ComputePerCase")), "count"),
    ],
  });
  return {
    name: SHEETS.roi,
    purpose: "Payback against human labor: cost per case, blended cost, the break-even resolution rate, payback, and build vs buy.",
    tabColor: "ED7D31",
    columnWidths: [40, 16, 16, 16, 16, 40],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

function scenariosSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const scenario = (scenarioName: string, multiplier: number, overrides: Partial<Record<"Acceptance rate" | "Rerun rate" | "Discount" | "Pricing model" | "Resolution rate", number | string>> = {}): TableRow => ({
    Scenario: scenarioName,
    "Volume multiplier": multiplier,
    ...overrides,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Last refresh",
    cells: [
      { label: "Refreshed at", name: STAMP_NAMES.at, value: { input: "not yet: press Refresh scenarios in the task pane" }, format: "dateTime", style: "output" },
      { label: "Rate card", name: STAMP_NAMES.rateCard, value: { input: "" }, format: "text", style: "output" },
    ],
  });
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.scenarios,
    anchor: stack.anchor(),
    heading: "Scenarios: blank inputs keep the Jobs, Inputs and ROI values; the first row is the base",
    columns: [
      { header: "Scenario", kind: "input", format: "text" },
      { header: "Volume multiplier", kind: "input", format: "decimal", validation: amount("Volume against the Jobs sheet's, 1 = the same.") },
      { header: "Acceptance rate", kind: "input", format: "percent", validation: { kind: "decimal", min: 0.0001, max: 1, prompt: "Replaces every job's target acceptance rate; blank keeps them." } },
      { header: "Rerun rate", kind: "input", format: "percent", validation: amount("Replaces every job's rerun rate; blank keeps them.") },
      { header: "Discount", kind: "input", format: "percent", validation: rate("Pre-purchase discount; blank keeps the Inputs sheet's.") },
      { header: "Pricing model", kind: "input", format: "text", validation: { kind: "list", choices: MODEL_CHOICES, prompt: "Blank keeps the Inputs sheet's model." } },
      { header: "Resolution rate", kind: "input", format: "percent", validation: rate("Replaces the ROI sheet's resolution rate; blank keeps it.") },
      ...SCENARIO_RESULT_COLUMNS.map((header): TableColumn => ({ header, kind: "result", format: header.includes("Payback") ? "months" : "usd" })),
    ],
    rows: options.examples
      ? [
          scenario("Base", 1),
          scenario("Double volume", 2),
          scenario("Stricter quality bar", 1, { "Acceptance rate": 0.7, "Rerun rate": 0.3 }),
          scenario("Per-user licences", 1, { "Pricing model": PRICING_MODEL_NAMES.perUser }),
          scenario("Better resolution", 1, { "Resolution rate": 0.75 }),
        ]
      : [scenario("Base", 1)],
    exampleRows: false,
    totalRow: false,
  });
  return {
    name: SHEETS.scenarios,
    purpose: "Named what-ifs over the whole budget; Refresh scenarios in the task pane recomputes them against the base.",
    tabColor: "7030A0",
    columnWidths: [26, 12, 12, 12, 12, 18, 12, 14, 16, 14, 16, 16, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

/** The whole template. */
export function buildTemplate(options: Partial<TemplateOptions> = {}): TemplateDescription {
  const full: TemplateOptions = {
    examples: options.examples ?? true,
    currency: options.currency ?? "USD",
    asOf: options.asOf ?? localIsoToday(),
  };
  return {
    version: TEMPLATE_VERSION,
    sheets: [
      inputsSheet(full),
      jobsSheet(full),
      pricingSheet(full),
      roiSheet(full),
      walletSheet(full),
      ledgerSheet(full, exampleJobs().map((row) => row.Job as string)),
      scenariosSheet(full),
      importedTableSheet(LEDGER_WORKBOOK.ledger, full.examples ? exampleLedgerRows() : [], full.examples, "The imported usage log: one row per agent action (Import → Usage log in the task pane appends here; the example rows are marked Example in the Import column).", "4472C4"),
      importedTableSheet(LEDGER_WORKBOOK.rejects, [], false, "Rows of an imported log that could not be read: the import, the source row and why. Nothing is dropped silently.", "C00000"),
      importedTableSheet(LEDGER_WORKBOOK.imports, [], false, "One row per import: the file, its counts, the content hash and the column mapping used.", "808080"),
    ],
  };
}
