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
import { DEFAULT_ALERT_THRESHOLDS, DEFAULT_ANOMALY_RULE, PRICING_MODEL_NAMES, builtInRateCard, localIsoToday, lookupRate, ratesInForce, serialFromIso } from "../engine";
import { LEDGER_SUMMARIES, LEDGER_WORKBOOK, type LedgerTableSpec } from "../ledger/tables";
import { address, offset, parseAddress } from "./address";
import {
  add,
  awu,
  call,
  col,
  concat,
  div,
  eq,
  mul,
  name,
  num,
  ref,
  str,
  sub,
  wholeCol,
  ge,
  bool,
  gt,
  le,
  lt,
  neg,
  type Expr,
} from "./formula";
import { blockHeight, tableColumnRange, valueCell } from "./layout";
import { L, dayWeightedUnits, isNum, ledgerCost, nextDayBurn, ratio, timestampsBetween, trendBurnBetween, trendSlope, whenNumber } from "./ledger-formulas";
import type { Block, CellBlock, ChartBlock, ConditionalFormat, GridBlock, LabelledCell, SheetSpec, TableBlock, TableColumn, TemplateDescription, TableRow } from "./model";

export const TEMPLATE_VERSION = "1.1.0";

export interface TemplateOptions {
  /** Include the example rows and inputs (marked as examples). */
  readonly examples: boolean;
  /** The currency label shown beside amounts. */
  readonly currency: string;
  /** The rate card's date, ISO; today by default. */
  readonly asOf: string;
}

/** Sheet names, table names and the pricing-model choices: what formulas and the pane refer to. */
export const SHEETS = {
  inputs: "Inputs",
  jobs: "Jobs",
  pricing: "Pricing",
  roi: "ROI",
  wallet: "Wallet",
  ledger: "Ledger",
  scenarios: "Scenarios",
  // Where the importer's tables live (src/ledger/tables.ts), named there once.
  ledgerRows: LEDGER_WORKBOOK.ledger.sheet,
  rejects: LEDGER_WORKBOOK.rejects.sheet,
  imports: LEDGER_WORKBOOK.imports.sheet,
} as const;
export const TABLES = {
  rateCard: "RateCard",
  jobs: "Jobs",
  mix: "InteractionMix",
  comparison: "PricingComparison",
  forecast: "CreditForecast",
  teams: LEDGER_SUMMARIES.teamBudgets.table,
  scenarios: "Scenarios",
  ledger: LEDGER_WORKBOOK.ledger.table,
  rejects: LEDGER_WORKBOOK.rejects.table,
  imports: LEDGER_WORKBOOK.imports.table,
  // The summaries the importer adds rows to (src/ledger/tables.ts).
  ledgerSummary: LEDGER_SUMMARIES.byJob.table,
  ledgerByActionType: LEDGER_SUMMARIES.byActionType.table,
  ledgerByAgent: LEDGER_SUMMARIES.byAgent.table,
  ledgerByTeam: LEDGER_SUMMARIES.byTeam.table,
  daily: "DailyConsumption",
  loops: LEDGER_SUMMARIES.loops.table,
  walletThresholds: "WalletThresholds",
} as const;
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

const LIGHTS = { red: { fill: "F8CBAD", font: "9C0006" }, amber: { fill: "FFE699", font: "7F6000" }, green: { fill: "C6EFCE", font: "006100" } };

// ---- Small builders ----------------------------------------------------------------------

const input = (label: string, defined: string, value: number | string, format: LabelledCell["format"], extra: Partial<LabelledCell> = {}): LabelledCell => ({
  label,
  name: defined,
  value: { input: value },
  format,
  style: "input",
  ...extra,
});
const output = (label: string, defined: string, formula: Expr, format: LabelledCell["format"], note?: string): LabelledCell => ({
  label,
  name: defined,
  value: { formula },
  format,
  style: "output",
  ...(note === undefined ? {} : { note }),
});
/** A price or labor figure read from the workbook's RateCard table by key. */
const fromRateCard = (key: string): Expr => call("INDEX", wholeCol(TABLES.rateCard, "Value"), call("MATCH", str(key), wholeCol(TABLES.rateCard, "Key"), num(0)));
const rateCell = (label: string, defined: string, key: string, format: LabelledCell["format"]): LabelledCell =>
  output(label, defined, fromRateCard(key), format, `rate card: ${key}`);

const rate = (prompt: string) => ({ kind: "decimal", min: 0, max: 1, prompt }) as const;
const amount = (prompt: string) => ({ kind: "decimal", min: 0, prompt }) as const;

/** Stacks blocks down a sheet from row 4 (title and purpose above), a blank row between. */
class Stack {
  private row = 4;
  readonly blocks: Block[] = [];
  constructor(private readonly column = "A") {}
  anchor(): string {
    return `${this.column}${this.row}`;
  }
  push<B extends Block>(block: B): B {
    this.blocks.push(block);
    this.row += blockHeight(block) + 1;
    return block;
  }
}

/** The absolute address of a labelled cell's value, for a range over consecutive cells. */
const absolute = (cell: string): string => address(parseAddress(cell), { row: true, column: true });

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

function walletSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const wallet = stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Credit wallet for the term (from the vendor's consumption report)",
    cells: [
      input("Credits allocated for the term", "CreditAllocation", options.examples ? 12000000 : 0, "count", { validation: amount("Prepaid Flex Credits.") }),
      input("Credits consumed to date", "CreditsConsumed", options.examples ? 7000000 : 0, "count", { validation: amount("From the vendor's consumption report.") }),
      { label: "As of", name: "WalletAsOf", value: { formula: call("TODAY") }, format: "date", style: "input", note: "today; type a date to pin it" },
      output("Credits remaining", "CreditsRemaining", call("MAX", num(0), sub(name("CreditAllocation"), name("CreditsConsumed"))), "count"),
      output("Share used", "WalletUsedShare", call("IF", eq(name("CreditAllocation"), num(0)), num(0), div(name("CreditsConsumed"), name("CreditAllocation"))), "percent"),
      // No allocation, no alert (AWU.ALERT refuses an allocation of 0).
      output("Alert (50 / 75 / 90 / 100 %)", "WalletAlert", call("IF", eq(name("CreditAllocation"), num(0)), str(""), awu("ALERT", name("CreditsConsumed"), name("CreditAllocation"))), "text"),
      output("Burn per day", "BurnPerDay", div(mul(awu("CREDITS", name("TotalActionsPerMonth"), name("CreditsPerAction")), num(12)), num(365)), "count", "this month's credits × 12 ÷ 365"),
      output("Forecast depletion date", "DepletionDate", awu("DEPLETION", name("CreditsRemaining"), name("BurnPerDay"), name("WalletAsOf")), "date"),
    ],
  });
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.forecast,
    anchor: stack.anchor(),
    heading: "Credit forecast for the term (one row per month)",
    columns: [
      { header: "Month", kind: "input", format: "count" },
      { header: "Volume multiplier", kind: "input", format: "decimal", validation: amount("This month's volume against today's, 1 = the same.") },
      { header: "Credits", kind: "formula", format: "count", total: "sum", formula: awu("CREDITS", mul(name("TotalActionsPerMonth"), col(TABLES.forecast, "Volume multiplier")), name("CreditsPerAction")) },
    ],
    rows: Array.from({ length: 12 }, (_, i) => ({ Month: i + 1, "Volume multiplier": 1 })),
    exampleRows: false,
    totalRow: true,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Pre-purchase",
    cells: [
      output(
        "Recommended commitment (credits)",
        "CommitCredits",
        // The list price is the prepaid price; pay-as-you-go is the premium over it (rate card), as AWU.COMMIT's defaults.
        awu("COMMIT", wholeCol(TABLES.forecast, "Credits"), name("PricePer100kCredits"), name("PaygPricePer100kCredits"), name("CommitUncertainty")),
        "count",
        "least expected cost; unused credits are lost (docs/model.md)",
      ),
      output("As a share of the forecast", "CommitShare", call("IF", eq(call("SUM", wholeCol(TABLES.forecast, "Credits")), num(0)), num(0), div(name("CommitCredits"), call("SUM", wholeCol(TABLES.forecast, "Credits")))), "percent", "compare the 80 % rule of thumb"),
    ],
  });
  const period = periodBlocks(stack, options);
  const thresholds = stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Team budget thresholds",
    cells: [
      input("Review", "TeamThresholdReview", 0.8, "percent", { validation: amount("Share of budget that raises the first alert.") }),
      input("Over budget", "TeamThresholdOver", 1, "percent", { validation: amount("Share of budget that means spent.") }),
      input("Escalate", "TeamThresholdEscalate", 1.2, "percent", { validation: amount("Share of budget that escalates.") }),
    ],
  });
  const thresholdRange = ref(SHEETS.wallet, `${absolute(valueCell(thresholds, 0))}:${absolute(valueCell(thresholds, 2))}`);
  const T = (c: string): Expr => col(TABLES.teams, c);
  const team = T("Team");
  const budget = T("Budget (credits)");
  // The team's rows of the ledger in the period: SUMIFS criteria, and the same test as a 0/1 array.
  const teamCredits = call("IF", eq(team, str("")), num(0), call("SUMIFS", L("Units"), L("Team"), team, ...timestampsBetween(name("WalletPeriodStart"), add(name("WalletThrough"), num(1)))));
  const alertOf = (credits: Expr): Expr => call("IF", eq(budget, num(0)), str("No budget"), awu("ALERT", credits, budget, thresholdRange));
  const teams = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.teams,
    anchor: stack.anchor(),
    heading: "Per-team budgets for the period: consumption, trend and forecast from the ledger (Team column)",
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: "Team", kind: "input", format: "text", total: "label" },
      { header: "Budget (credits)", kind: "input", format: "count", total: "sum", validation: amount("Credits budgeted for the team for the period.") },
      { header: "Consumed (credits)", kind: "formula", format: "count", total: "sum", formula: teamCredits },
      { header: "Used", kind: "formula", format: "percent", formula: call("IF", eq(budget, num(0)), num(0), div(T("Consumed (credits)"), budget)) },
      { header: "Alert", kind: "formula", format: "text", formula: alertOf(T("Consumed (credits)")) },
      {
        header: "Σ day × credits",
        kind: "formula",
        format: "count",
        formula: call("IF", eq(team, str("")), num(0), dayWeightedUnits(name("WalletPeriodStart"), name("WalletThrough"), eq(L("Team"), team))),
      },
      { header: "Trend (credits a day, per day)", kind: "formula", format: "decimal", formula: trendSlope(name("WalletDaysElapsed"), T("Consumed (credits)"), T("Σ day × credits")) },
      { header: "Burn on the next day", kind: "formula", format: "decimal", formula: nextDayBurn(name("WalletDaysElapsed"), T("Consumed (credits)"), T("Trend (credits a day, per day)")) },
      {
        header: "Forecast (credits)",
        kind: "formula",
        format: "count",
        total: "sum",
        formula: add(T("Consumed (credits)"), trendBurnBetween(T("Burn on the next day"), T("Trend (credits a day, per day)"), num(0), name("WalletDaysRemaining"))),
      },
      { header: "Forecast used", kind: "formula", format: "percent", formula: call("IF", eq(budget, num(0)), num(0), div(T("Forecast (credits)"), budget)) },
      { header: "Forecast alert", kind: "formula", format: "text", formula: alertOf(T("Forecast (credits)")) },
    ],
    rows: options.examples
      ? [
          { Example: "Example", Team: "Sales", "Budget (credits)": 9000 },
          { Example: "Example", Team: "Marketing", "Budget (credits)": 5000 },
          { Example: "Example", Team: "Service", "Budget (credits)": 2000 },
        ]
      : [],
    exampleRows: options.examples,
    totalRow: true,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Teams against the period",
    cells: [
      output("Credits of teams not listed above", "WalletUnbudgetedCredits", sub(name("WalletPeriodConsumed"), call("SUM", wholeCol(TABLES.teams, "Consumed (credits)"))), "count", "add a row for each team with credits here"),
    ],
  });
  const used = valueCell(wallet, 4);
  const light = (range: string, share: Expr, red: Expr, amber: Expr, green: Expr): ConditionalFormat => ({
    range,
    rules: [
      { when: ge(share, red), ...LIGHTS.red },
      { when: ge(share, amber), ...LIGHTS.amber },
      { when: ge(share, green), ...LIGHTS.green },
    ],
  });
  // A rule's formula is written for the range's first cell; a relative row moves with each cell.
  const firstOf = (block: TableBlock, header: string): Expr => ref(SHEETS.wallet, address(parseAddress(tableColumnRange(block, header).split(":")[0] ?? ""), { column: true }));
  const usedRef = ref(SHEETS.wallet, absolute(used));
  const periodUsed = ref(SHEETS.wallet, absolute(valueCell(period.cells, period.usedIndex)));
  const periodForecastUsed = ref(SHEETS.wallet, absolute(valueCell(period.cells, period.usedIndex + 2)));
  const spike = firstOf(period.daily, "Anomaly");
  return {
    name: SHEETS.wallet,
    purpose: "The prepaid credit wallet: what is left, the alert level, when it runs out, how much to pre-purchase, and each team's budget; the period's forecast, alerts and anomalies come from the ledger.",
    tabColor: "A5A5A5",
    columnWidths: [40, 16, 40, 16, 14, 14, 14, 14, 14, 14, 14, 14, 14],
    blocks: stack.blocks,
    conditionalFormats: [
      light(`${absolute(used)}:${absolute(offset(used, 1, 0))}`, usedRef, num(0.9), num(0.75), num(0)),
      // The actuals' share and alert by the actual share; the forecast's by the forecast share.
      light(`${absolute(valueCell(period.cells, period.usedIndex))}:${absolute(offset(valueCell(period.cells, period.usedIndex), 1, 0))}`, periodUsed, num(0.9), num(0.75), num(0)),
      light(`${absolute(valueCell(period.cells, period.usedIndex + 2))}:${absolute(offset(valueCell(period.cells, period.usedIndex + 2), 1, 0))}`, periodForecastUsed, num(0.9), num(0.75), num(0)),
      light(tableColumnRange(teams, "Used"), firstOf(teams, "Used"), name("TeamThresholdOver"), name("TeamThresholdReview"), num(0)),
      light(tableColumnRange(teams, "Forecast used"), firstOf(teams, "Forecast used"), name("TeamThresholdOver"), name("TeamThresholdReview"), num(0)),
      { range: tableColumnRange(period.daily, "Anomaly"), rules: [{ when: eq(spike, str(SPIKE)), ...LIGHTS.red }] },
    ],
  };
}

/** The word the daily table shows on an anomalous day. */
export const SPIKE = "Spike";
/** Rows of the daily table: the longest month. */
export const DAILY_ROWS = 31;

/**
 * The wallet's period from the ledger (docs/model.md §9.6–9.7): consumption to the last
 * complete day, the least-squares burn trend, the forecast for the period and its alerts,
 * the day each threshold is reached, the daily table with anomalies, rerun loops, and the
 * pre-purchase recomputed from actual consumption.
 */
function periodBlocks(stack: Stack, options: TemplateOptions): { cells: CellBlock; usedIndex: number; daily: TableBlock } {
  const start = name("WalletPeriodStart");
  const days = name("WalletPeriodDays");
  const allocation = name("WalletPeriodAllocation");
  const through = name("WalletThrough");
  const elapsed = name("WalletDaysElapsed");
  const lastInPeriod = call("MAXIFS", L("Timestamp"), ...timestampsBetween(start, add(start, days)));
  const firstOfMonth = serialFromIso(`${options.asOf.slice(0, 7)}-01`);
  const thresholdsColumn = wholeCol(TABLES.walletThresholds, "Threshold");
  const whenAllocated = (e: Expr): Expr => call("IF", eq(allocation, num(0)), str(""), e);
  const cells: LabelledCell[] = [
    input("Period starts", "WalletPeriodStart", options.examples ? EXAMPLE_PERIOD_START : firstOfMonth, "date", { validation: { kind: "decimal", min: 1, prompt: "The first day of the budget period." } }),
    input("Days in the period", "WalletPeriodDays", 30, "count", { validation: { kind: "whole", min: 1, max: 366, prompt: "The period's length in days (the daily table shows 31)." } }),
    input("Credits allocated for the period", "WalletPeriodAllocation", options.examples ? 15000 : 0, "count", { validation: amount("Credits the period may use.") }),
    input("Last complete day (blank: the last day with a record)", "WalletThroughInput", "", "date", { note: "a partial day would pull the trend down" }),
    output(
      "Last complete day",
      "WalletThrough",
      call(
        "IF",
        isNum(name("WalletThroughInput")),
        call("MAX", sub(start, num(1)), call("MIN", call("INT", name("WalletThroughInput")), sub(add(start, days), num(1)))),
        call("IF", eq(lastInPeriod, num(0)), sub(start, num(1)), call("INT", lastInPeriod)),
      ),
      "date",
    ),
    output("Days elapsed", "WalletDaysElapsed", add(sub(through, start), num(1)), "count"),
    output("Days remaining", "WalletDaysRemaining", call("MAX", num(0), sub(days, elapsed)), "count"),
    output("Consumed in the period (credits)", "WalletPeriodConsumed", call("SUMIFS", L("Units"), ...timestampsBetween(start, add(through, num(1)))), "count", "Ledger units from the first day through the last complete day"),
    output("Ledger credits outside the period", "WalletCreditsOutside", sub(call("SUM", L("Units")), name("WalletPeriodConsumed")), "count", "before the period or after the last complete day"),
    output("Σ day × credits", "WalletDayCredits", dayWeightedUnits(start, through), "count", "day 0 = the period's first: for the trend"),
    output("Burn trend (credits a day, per day)", "WalletTrendSlope", trendSlope(elapsed, name("WalletPeriodConsumed"), name("WalletDayCredits")), "decimal", "least-squares line over the elapsed days"),
    output("Burn on the next day (credits)", "WalletNextDayBurn", nextDayBurn(elapsed, name("WalletPeriodConsumed"), name("WalletTrendSlope")), "decimal"),
    output(
      "Forecast for the period (credits)",
      "WalletPeriodForecast",
      add(name("WalletPeriodConsumed"), trendBurnBetween(name("WalletNextDayBurn"), name("WalletTrendSlope"), num(0), name("WalletDaysRemaining"))),
      "count",
      "consumed + the trend over the days remaining (never below 0 a day)",
    ),
    output("Share used", "WalletPeriodUsed", call("IF", eq(allocation, num(0)), num(0), div(name("WalletPeriodConsumed"), allocation)), "percent"),
    output("Alert, actual", "WalletPeriodAlert", whenAllocated(awu("ALERT", name("WalletPeriodConsumed"), allocation, thresholdsColumn)), "text"),
    output("Forecast share", "WalletPeriodForecastUsed", call("IF", eq(allocation, num(0)), num(0), div(name("WalletPeriodForecast"), allocation)), "percent"),
    output("Alert, forecast", "WalletPeriodForecastAlert", whenAllocated(awu("ALERT", name("WalletPeriodForecast"), allocation, thresholdsColumn)), "text", "raised when the forecast crosses, before the actuals do"),
    output(
      "Forecast depletion date",
      "WalletDepletionDate",
      call(
        "IF",
        call("OR", eq(elapsed, num(0)), eq(allocation, num(0))),
        str(""),
        // The trend of the elapsed days, from the day after the last complete one (#N/A: never at this trend).
        call("IF", gt(elapsed, num(DAILY_ROWS)), call("NA"), awu("DEPLETION", call("MAX", num(0), sub(allocation, name("WalletPeriodConsumed"))), wholeCol(TABLES.daily, "Actual (credits)"), add(through, num(1)))),
      ),
      "date",
      "#N/A: the trend never spends it",
    ),
  ];
  const usedIndex = cells.findIndex((c) => c.name === "WalletPeriodUsed");
  const block = stack.push<CellBlock>({ kind: "cells", anchor: stack.anchor(), heading: "This period, from the ledger (Ledger Rows)", cells });

  const W = (c: string): Expr => col(TABLES.walletThresholds, c);
  const threshold = mul(W("Threshold"), allocation);
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.walletThresholds,
    anchor: stack.anchor(),
    heading: "Wallet thresholds: reached by the actuals, or by the forecast, and on which day",
    columns: [
      { header: "Threshold", kind: "input", format: "percent", validation: { kind: "decimal", min: 0.0001, prompt: "A share of the period's allocation (AWU.ALERT's 50/75/90/100 %)." } },
      { header: "Reached by the actuals", kind: "formula", format: "text", formula: call("IF", eq(allocation, num(0)), str(""), call("IF", ge(name("WalletPeriodConsumed"), threshold), str("Yes"), str("No"))) },
      { header: "Reached by the forecast", kind: "formula", format: "text", formula: call("IF", eq(allocation, num(0)), str(""), call("IF", ge(name("WalletPeriodForecast"), threshold), str("Yes"), str("No"))) },
      {
        header: "Day of the period",
        kind: "formula",
        format: "count",
        // The cumulative only grows: the days still below the threshold, plus one.
        formula: call("IF", eq(W("Reached by the forecast"), str("Yes")), add(call("COUNTIFS", wholeCol(TABLES.daily, "Cumulative (credits)"), concatLess(threshold)), num(1)), str("")),
      },
      { header: "Date", kind: "formula", format: "date", formula: call("IF", isNum(W("Day of the period")), sub(add(start, W("Day of the period")), num(1)), str("")) },
    ],
    rows: DEFAULT_ALERT_THRESHOLDS.map((t) => ({ Threshold: t })),
    exampleRows: false,
    totalRow: false,
  });

  const D = (c: string): Expr => col(TABLES.daily, c);
  const n = D("Day of period");
  const date = D("Date");
  const beyond = gt(n, days);
  const dayCredits = (from: Expr): Expr => call("SUMIFS", L("Units"), ...timestampsBetween(from, add(from, num(1))));
  const window = DEFAULT_ANOMALY_RULE.windowDays;
  const daily = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.daily,
    anchor: stack.anchor(),
    heading: `Daily consumption: actual to the last complete day, then the trend; a spike is above the factor × the median of the ${window} days before it`,
    columns: [
      { header: "Day of period", kind: "input", format: "count" },
      { header: "Date", kind: "formula", format: "date", formula: call("IF", beyond, str(""), sub(add(start, n), num(1))) },
      { header: "Actual (credits)", kind: "formula", format: "count", total: "sum", formula: call("IF", call("OR", beyond, gt(n, elapsed)), str(""), dayCredits(date)) },
      {
        header: "Forecast (credits)",
        kind: "formula",
        format: "count",
        total: "sum",
        formula: call("IF", beyond, str(""), call("IF", le(n, elapsed), D("Actual (credits)"), call("MAX", num(0), add(name("WalletNextDayBurn"), mul(name("WalletTrendSlope"), sub(sub(n, num(1)), elapsed)))))),
      },
      { header: "Cumulative (credits)", kind: "formula", format: "count", formula: call("IF", beyond, str(""), call("SUMIFS", wholeCol(TABLES.daily, "Forecast (credits)"), wholeCol(TABLES.daily, "Day of period"), concatAtMost(n))) },
      {
        header: `Median of the ${window} days before`,
        kind: "formula",
        format: "decimal",
        // Days before the period count too: the ledger's own days, so the period's first week has a window.
        formula: call("IF", call("OR", beyond, gt(n, elapsed)), str(""), call("MEDIAN", ...Array.from({ length: window }, (_, k) => dayCredits(sub(date, num(k + 1)))))),
      },
      {
        header: "Anomaly",
        kind: "formula",
        format: "text",
        formula: call(
          "IF",
          isNum(D(`Median of the ${window} days before`)),
          // The ledger's first days have no full window and are never flagged (AWU.ANOMALY).
          call("IF", call("AND", ge(sub(date, num(window)), call("INT", call("MIN", L("Timestamp")))), gt(D("Actual (credits)"), mul(name("WalletAnomalyFactor"), D(`Median of the ${window} days before`)))), str(SPIKE), str("")),
          str(""),
        ),
      },
    ],
    rows: Array.from({ length: DAILY_ROWS }, (_, i) => ({ "Day of period": i + 1 })),
    exampleRows: false,
    totalRow: true,
  });

  const loops = call("IF", eq(call("COUNT", L("Timestamp")), num(0)), num(0), awu("RERUNLOOPS", L("Timestamp"), L("Job"), L("Rerun")));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Anomalies and loops",
    cells: [
      input("Spike factor (× the trailing median)", "WalletAnomalyFactor", DEFAULT_ANOMALY_RULE.factor, "decimal", { validation: { kind: "decimal", min: 0.0001, prompt: "A day above this many times its trailing median is a spike." } }),
      output("Spike days in the period", "WalletSpikeDays", call("COUNTIFS", wholeCol(TABLES.daily, "Anomaly"), str(SPIKE)), "count"),
      output("Rerun bursts (loops) in the ledger", "WalletRerunLoops", loops, "count", "≥ 10 reruns of one job in 10 minutes, 80 % of its actions (AWU.RERUNLOOPS)"),
      output("Loop alert", "WalletLoopAlert", call("IF", gt(name("WalletRerunLoops"), num(0)), str("Loop suspected: see Rerun bursts by job"), str("None")), "text"),
    ],
  });

  const job = col(TABLES.loops, "Job");
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.loops,
    anchor: stack.anchor(),
    heading: "Rerun bursts by job (one row per job to watch; AWU.RERUNLOOPS over the whole ledger)",
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: "Job", kind: "input", format: "text", total: "label" },
      { header: "Reruns", kind: "formula", format: "count", total: "sum", formula: call("IF", eq(job, str("")), num(0), call("COUNTIFS", L("Job"), job, L("Rerun"), bool(true))) },
      {
        header: "Rerun bursts",
        kind: "formula",
        format: "count",
        total: "sum",
        formula: call("IF", call("OR", eq(job, str("")), eq(call("COUNT", L("Timestamp")), num(0))), num(0), awu("RERUNLOOPS", L("Timestamp"), L("Job"), L("Rerun"), job)),
      },
    ],
    rows: options.examples ? [...new Set(exampleLedgerRows().map((r) => r.Job as string))].map((j) => ({ Example: "Example", Job: j })) : [],
    exampleRows: options.examples,
    totalRow: true,
  });

  const remaining = name("WalletDaysRemaining");
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Pre-purchase from actual consumption",
    cells: [
      { label: "Next term (days)", name: "WalletNextTermDays", value: { formula: days }, format: "count", style: "input", validation: { kind: "whole", min: 1, prompt: "The next term's length in days." }, note: "the period's length; type your own" },
      output(
        "Expected consumption next term (credits)",
        "WalletNextTermCredits",
        trendBurnBetween(name("WalletNextDayBurn"), name("WalletTrendSlope"), remaining, add(remaining, name("WalletNextTermDays"))),
        "count",
        "the burn trend continued past the period's end",
      ),
      output(
        "Recommended commitment (credits)",
        "WalletCommitCredits",
        awu("COMMIT", name("WalletNextTermCredits"), name("PricePer100kCredits"), name("PaygPricePer100kCredits"), name("CommitUncertainty")),
        "count",
        "AWU.COMMIT on the expected consumption",
      ),
    ],
  });
  return { cells: block, usedIndex, daily };
}

/** The example period: November 2026, which the example ledger's days fall in. */
const EXAMPLE_PERIOD_START = 46327;
const concatLess = (e: Expr): Expr => concat(str("<"), e);
const concatAtMost = (e: Expr): Expr => concat(str("<="), e);

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

// ---- The ledger (issue 4; docs/model.md §9) ------------------------------------------------

/** A template format for an importer's Excel number format (src/ledger/tables.ts). */
const formatFor = (spec: LedgerTableSpec, header: string): TableColumn["format"] => {
  const code = (spec.formats as Readonly<Record<string, string>>)[header];
  if (code === undefined) return "general";
  if (code === "@") return "text";
  return code.startsWith("yyyy-mm-dd hh") ? "dateTime" : "general";
};

/** One of the importer's tables on its own sheet, with exactly the importer's columns. */
function importedTableSheet(spec: LedgerTableSpec, rows: TableRow[], examples: boolean, purpose: string, tabColor: string): SheetSpec {
  const stack = new Stack();
  stack.push<TableBlock>({
    kind: "table",
    name: spec.table,
    anchor: stack.anchor(),
    heading: `${spec.table}: written by the importer (columns as the importer names them)`,
    columns: spec.columns.map((header): TableColumn => ({ header, kind: "input", format: formatFor(spec, header) })),
    rows,
    exampleRows: examples && rows.length > 0,
    totalRow: false,
  });
  return { name: spec.sheet, purpose, tabColor, columnWidths: spec.columns.map((h) => (h === "Raw" || h === "Reason" || h === "Mapping" || h === "SHA-256" ? 40 : 16)), blocks: stack.blocks, conditionalFormats: [] };
}

/** The example ledger's marker, in the Import column (the importer numbers its imports; the Ledger table has no Example column). */
export const EXAMPLE_IMPORT = "Example";

/**
 * A small example usage log over three of the example jobs (Stage hygiene has none): reruns,
 * escalations and failures mixed, so every summary figure is worked by hand in the tests.
 */
export function exampleLedgerRows(): TableRow[] {
  const day = 46328; // 2026-11-02
  const row = (i: number, at: number, agent: string, job: string, action: string, units: number, status: string, escalated: boolean, rerun: boolean, review: number): TableRow => ({
    Timestamp: day + at,
    Agent: agent,
    Job: job,
    "Action type": action,
    Units: units,
    Status: status,
    Escalated: escalated,
    Rerun: rerun,
    "Review minutes": review,
    // The mailer works for Marketing: two teams, so each has its own trend and budget status.
    Team: agent === "Mailer" ? "Marketing" : "Sales",
    Import: EXAMPLE_IMPORT,
    "Source row": i + 1,
    Key: `example-${i}`,
  });
  return [
    row(1, 0.375, "Enricher", "Account enrichment", "Enrich account", 20, "validated", false, false, 2),
    row(2, 0.4, "Enricher", "Account enrichment", "Enrich account", 20, "failed", false, false, 0),
    row(3, 0.42, "Enricher", "Account enrichment", "Enrich account", 20, "validated", false, true, 1),
    row(4, 1.5, "Enricher", "Account enrichment", "Enrich account", 20, "succeeded", true, false, 5),
    row(5, 1.6, "Mailer", "Follow-up emails", "Draft email", 30, "validated", false, false, 3),
    row(6, 2.4, "Mailer", "Follow-up emails", "Draft email", 30, "attempted", false, false, 0),
    row(7, 2.45, "Mailer", "Follow-up emails", "Draft email", 30, "failed", true, false, 6),
    row(8, 2.5, "Mailer", "Follow-up emails", "Draft email", 60, "validated", false, true, 2),
    row(9, 3.4, "Researcher", "New-lead research", "Research lead", 60, "validated", false, false, 10),
    row(10, 3.5, "Researcher", "New-lead research", "Research lead", 60, "succeeded", false, true, 4),
  ];
}

/** Units may differ from the stamps by sums' rounding only: a billionth of the total (docs/model.md §9.8). */
const UNITS_TOLERANCE = 1e-9;

/**
 * A summary of the ledger by one of its columns (action type, agent, team): one row per
 * value, the same figures as by job (docs/model.md §9.2), matched by SUMIFS/COUNTIFS.
 */
function groupTable(anchor: string, tableName: string, key: "Action type" | "Agent" | "Team", heading: string, rows: TableRow[], examples: boolean): TableBlock {
  const G = (column: string): Expr => col(tableName, column);
  const k = G(key);
  const inGroup = (e: Expr): Expr => call("IF", eq(k, str("")), num(0), e);
  const count = (...criteria: Expr[]): Expr => inGroup(call("COUNTIFS", L(key), k, ...criteria));
  const units = (...criteria: Expr[]): Expr => inGroup(call("SUMIFS", L("Units"), L(key), k, ...criteria));
  return {
    kind: "table",
    name: tableName,
    anchor,
    heading,
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: key, kind: "input", format: "text", total: "label" },
      { header: "Actions attempted", kind: "formula", format: "count", total: "sum", formula: count(L("Status"), str("<>")) },
      { header: "Actions succeeded", kind: "formula", format: "count", total: "sum", formula: add(count(L("Status"), str("succeeded")), count(L("Status"), str("validated"))) },
      { header: "Actions validated", kind: "formula", format: "count", total: "sum", formula: count(L("Status"), str("validated")) },
      { header: "Success rate", kind: "formula", format: "percent", formula: ratio(G("Actions succeeded"), G("Actions attempted")) },
      { header: "Acceptance rate", kind: "formula", format: "percent", formula: ratio(G("Actions validated"), G("Actions attempted")) },
      { header: "Units attempted", kind: "formula", format: "decimal", total: "sum", formula: units() },
      { header: "Units validated", kind: "formula", format: "decimal", total: "sum", formula: units(L("Status"), str("validated")) },
      { header: "Units rerun", kind: "formula", format: "decimal", total: "sum", formula: units(L("Rerun"), bool(true)) },
      { header: "Rerun inflation", kind: "formula", format: "ratio", formula: ratio(G("Units rerun"), G("Units validated")) },
      { header: "Escalation rate", kind: "formula", format: "percent", formula: ratio(count(L("Escalated"), bool(true)), G("Actions attempted")) },
      { header: "Review hours", kind: "formula", format: "decimal", total: "sum", formula: div(inGroup(call("SUMIFS", L("Review minutes"), L(key), k)), num(60)) },
      { header: "Cost", kind: "formula", format: "usd", total: "sum", formula: ledgerCost(G("Units attempted")) },
      { header: "Cost per validated outcome", kind: "formula", format: "usd", formula: ratio(G("Cost"), G("Actions validated")) },
      { header: "Accepted units per dollar", kind: "formula", format: "decimal", formula: ratio(G("Units validated"), G("Cost")) },
    ],
    rows,
    exampleRows: examples && rows.length > 0,
    totalRow: true,
  };
}

function ledgerSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const S = (column: string): Expr => col(TABLES.ledgerSummary, column);
  const job = S("Job");
  const byJob = (...criteria: Expr[]): Expr[] => [L("Job"), job, ...criteria];
  // A row without a job has nothing (and a blank criterion is no criterion to every engine).
  const perJob = (e: Expr): Expr => call("IF", eq(job, str("")), num(0), e);
  const sumIfs = (units: Expr, ...criteria: Expr[]): Expr => perJob(call("SUMIFS", units, ...byJob(...criteria)));
  const countIfs = (...criteria: Expr[]): Expr => perJob(call("COUNTIFS", ...byJob(...criteria)));
  const fromJobs = (column: string): Expr => call("INDEX", wholeCol(TABLES.jobs, column), call("MATCH", job, wholeCol(TABLES.jobs, "Job"), num(0)));
  const planned = (e: Expr): Expr => call("IF", eq(job, str("")), str(""), call("IFERROR", e, str("")));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Ledger settings",
    cells: [
      input("Months the ledger covers", "LedgerMonths", 1, "decimal", { validation: amount("The period of the imported log, in months: plans are monthly."), note: "planned cost = the Jobs sheet's monthly AI cost × months" }),
      input("Rate tolerance (points)", "LedgerRateTolerance", 0.05, "percent", { validation: rate("A rate within this of plan is on plan."), note: "acceptance and rerun rate" }),
      input("Cost tolerance (share of plan)", "LedgerCostTolerance", 0.1, "percent", { validation: amount("A cost within this share of plan is on plan.") }),
    ],
  });
  const validatedUnits = call("SUMIFS", L("Units"), L("Status"), str("validated"));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "The whole ledger",
    cells: [
      output("Units attempted", "LedgerUnits", call("SUM", L("Units")), "decimal", "every row, failures and reruns included"),
      output("Actions attempted", "LedgerActions", call("COUNTIFS", L("Status"), str("<>")), "count", "one row = one action"),
      output("Actions validated", "LedgerValidated", call("COUNTIFS", L("Status"), str("validated")), "count"),
      output("Acceptance rate", "LedgerAcceptance", ratio(name("LedgerValidated"), name("LedgerActions")), "percent", "validated ÷ attempted"),
      output("Rerun inflation", "LedgerRerunInflation", ratio(call("SUMIFS", L("Units"), L("Rerun"), bool(true)), validatedUnits), "ratio", "rerun units ÷ validated units"),
      output("Cost", "LedgerCost", ledgerCost(name("LedgerUnits")), "usd", "under the Inputs sheet's pricing model"),
      output("Cost per validated outcome", "LedgerCostPerOutcome", ratio(name("LedgerCost"), name("LedgerValidated")), "usd", "all the cost ÷ validated actions"),
      output("Units of jobs not listed below", "LedgerUnitsUnlisted", sub(name("LedgerUnits"), call("SUM", wholeCol(TABLES.ledgerSummary, "Units attempted"))), "decimal", "add a row for each job with units here"),
    ],
  });
  const summary = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.ledgerSummary,
    anchor: stack.anchor(),
    heading: "By job, against the Jobs sheet's plan (one row per job; add rows for jobs not on the Jobs sheet)",
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: "Job", kind: "input", format: "text", total: "label" },
      { header: "Units attempted", kind: "formula", format: "decimal", total: "sum", formula: sumIfs(L("Units")) },
      { header: "Actions attempted", kind: "formula", format: "count", total: "sum", formula: countIfs(L("Status"), str("<>")) },
      {
        header: "Actions succeeded",
        kind: "formula",
        format: "count",
        total: "sum",
        formula: add(countIfs(L("Status"), str("succeeded")), countIfs(L("Status"), str("validated"))),
      },
      { header: "Actions validated", kind: "formula", format: "count", total: "sum", formula: countIfs(L("Status"), str("validated")) },
      { header: "Units validated", kind: "formula", format: "decimal", total: "sum", formula: sumIfs(L("Units"), L("Status"), str("validated")) },
      { header: "Units rerun", kind: "formula", format: "decimal", total: "sum", formula: sumIfs(L("Units"), L("Rerun"), bool(true)) },
      { header: "Acceptance rate", kind: "formula", format: "percent", formula: ratio(S("Actions validated"), S("Actions attempted")) },
      { header: "Rerun inflation", kind: "formula", format: "ratio", formula: ratio(S("Units rerun"), S("Units validated")) },
      { header: "Escalation rate", kind: "formula", format: "percent", formula: ratio(countIfs(L("Escalated"), bool(true)), S("Actions attempted")) },
      { header: "Review hours", kind: "formula", format: "decimal", total: "sum", formula: div(sumIfs(L("Review minutes")), num(60)) },
      { header: "Cost", kind: "formula", format: "usd", total: "sum", formula: ledgerCost(S("Units attempted")) },
      { header: "Cost per validated outcome", kind: "formula", format: "usd", formula: ratio(S("Cost"), S("Actions validated")) },
      { header: "Accepted units per dollar", kind: "formula", format: "decimal", formula: ratio(S("Units validated"), S("Cost")) },
      {
        header: "First-time acceptance",
        kind: "formula",
        format: "percent",
        formula: ratio(countIfs(L("Status"), str("validated"), L("Rerun"), bool(false)), countIfs(L("Status"), str("<>"), L("Rerun"), bool(false))),
      },
      { header: "Rerun rate", kind: "formula", format: "percent", formula: ratio(S("Units rerun"), sumIfs(L("Units"), L("Rerun"), bool(false))) },
      { header: "Planned acceptance", kind: "formula", format: "percent", formula: planned(fromJobs("Target acceptance rate")) },
      { header: "Planned rerun rate", kind: "formula", format: "percent", formula: planned(fromJobs("Rerun rate")) },
      { header: "Planned cost", kind: "formula", format: "usd", total: "sum", formula: planned(mul(fromJobs("AI cost per month"), name("LedgerMonths"))) },
      {
        header: "Acceptance gap",
        kind: "formula",
        format: "percent",
        formula: call("IF", call("AND", isNum(S("First-time acceptance")), isNum(S("Planned acceptance"))), sub(S("First-time acceptance"), S("Planned acceptance")), str("")),
      },
      {
        header: "Rerun gap",
        kind: "formula",
        format: "percent",
        formula: call("IF", call("AND", isNum(S("Rerun rate")), isNum(S("Planned rerun rate"))), sub(S("Rerun rate"), S("Planned rerun rate")), str("")),
      },
      { header: "Cost gap", kind: "formula", format: "usd", formula: call("IF", isNum(S("Planned cost")), sub(S("Cost"), S("Planned cost")), str("")) },
      {
        header: "Plan status",
        kind: "formula",
        format: "text",
        formula: call(
          "IF",
          eq(job, str("")),
          str(""),
          call(
            "IF",
            call("NOT", isNum(S("Planned acceptance"))),
            str("Unplanned"),
            call(
              "IF",
              eq(S("Actions attempted"), num(0)),
              str("No actual"),
              call(
                "IF",
                call(
                  "OR",
                  whenNumber(S("Acceptance gap"), lt(S("Acceptance gap"), neg(name("LedgerRateTolerance")))),
                  whenNumber(S("Rerun gap"), gt(S("Rerun gap"), name("LedgerRateTolerance"))),
                  whenNumber(S("Cost gap"), gt(S("Cost gap"), mul(name("LedgerCostTolerance"), S("Planned cost")))),
                ),
                str("Worse"),
                call(
                  "IF",
                  call(
                    "OR",
                    whenNumber(S("Acceptance gap"), gt(S("Acceptance gap"), name("LedgerRateTolerance"))),
                    whenNumber(S("Rerun gap"), lt(S("Rerun gap"), neg(name("LedgerRateTolerance")))),
                    whenNumber(S("Cost gap"), lt(S("Cost gap"), neg(mul(name("LedgerCostTolerance"), S("Planned cost"))))),
                  ),
                  str("Better"),
                  str("On plan"),
                ),
              ),
            ),
          ),
        ),
      },
    ],
    rows: options.examples ? exampleJobs().map((r) => ({ Example: "Example", Job: r.Job as string })) : [],
    exampleRows: options.examples,
    totalRow: true,
  });

  const exampleRows = options.examples ? exampleLedgerRows() : [];
  const distinct = (header: string): TableRow[] => [...new Set(exampleRows.map((r) => r[header] as string))].map((v) => ({ Example: "Example", [header]: v }));
  const byActionType = stack.push(groupTable(stack.anchor(), TABLES.ledgerByActionType, "Action type", "By action type (one row per action type; add rows as the log has them)", distinct("Action type"), options.examples));
  const byAgent = stack.push(groupTable(stack.anchor(), TABLES.ledgerByAgent, "Agent", "By agent (one row per agent; add rows as the log has them)", distinct("Agent"), options.examples));
  const byTeam = stack.push(groupTable(stack.anchor(), TABLES.ledgerByTeam, "Team", "By team (one row per team; add rows as the log has them)", distinct("Team"), options.examples));
  const imported = (column: (typeof LEDGER_WORKBOOK.imports.columns)[number]): Expr => call("SUM", wholeCol(TABLES.imports, column));
  const unlisted = (table: TableBlock): Expr => sub(name("LedgerUnits"), call("SUM", wholeCol(table.name, "Units attempted")));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Audit: the ledger against the imports' stamps (Imports sheet)",
    cells: [
      output("Rows in the ledger", "LedgerRowCount", name("LedgerActions"), "count", "one row per action"),
      output("Example rows", "LedgerExampleRows", call("COUNTIFS", L("Import"), str(EXAMPLE_IMPORT)), "count", "marked Example in the Import column: delete them before a real import"),
      output("Rows the imports accepted", "LedgerImportedRows", imported("Accepted"), "count", "Σ Imports[Accepted]"),
      output("Rows not accounted for", "LedgerRowsGap", sub(sub(name("LedgerRowCount"), name("LedgerExampleRows")), name("LedgerImportedRows")), "count", "0 when every row came from an import"),
      output("Units in the ledger", "LedgerUnitsTotal", name("LedgerUnits"), "decimal"),
      output("Example units", "LedgerExampleUnits", call("SUMIFS", L("Units"), L("Import"), str(EXAMPLE_IMPORT)), "decimal"),
      output("Units the imports accepted", "LedgerImportedUnits", imported("Units accepted"), "decimal", "Σ Imports[Units accepted]"),
      output("Units not accounted for", "LedgerUnitsGap", sub(sub(name("LedgerUnitsTotal"), name("LedgerExampleUnits")), name("LedgerImportedUnits")), "decimal", "0 to the credit"),
      output(
        "Reconciled",
        "LedgerReconciled",
        call(
          "IF",
          call("AND", eq(name("LedgerRowsGap"), num(0)), le(call("ABS", name("LedgerUnitsGap")), mul(num(UNITS_TOLERANCE), call("MAX", num(1), call("ABS", name("LedgerUnitsTotal")))))),
          str("Yes"),
          str("No: the ledger differs from the imports' stamps"),
        ),
        "text",
        "rows exactly; units to a billionth of the total",
      ),
      output("Units of action types not listed", "LedgerUnitsUnlistedActionTypes", unlisted(byActionType), "decimal", "add a row for each action type with units here"),
      output("Units of agents not listed", "LedgerUnitsUnlistedAgents", unlisted(byAgent), "decimal", "add a row for each agent with units here"),
      output("Units of teams not listed", "LedgerUnitsUnlistedTeams", unlisted(byTeam), "decimal", "add a row for each team with units here"),
    ],
  });
  // A rule's formula is written for the range's first cell; a relative row moves with each cell.
  const first = (header: string): Expr => ref(SHEETS.ledger, address(parseAddress(tableColumnRange(summary, header).split(":")[0] ?? ""), { column: true }));
  const tol = name("LedgerRateTolerance");
  const accGap = first("Acceptance gap");
  const rerunGap = first("Rerun gap");
  const costGap = first("Cost gap");
  const costTol = mul(name("LedgerCostTolerance"), first("Planned cost"));
  const status = first("Plan status");
  return {
    name: SHEETS.ledger,
    purpose: "The verified outcome ledger: what the imported usage log cost per validated outcome, its rerun inflation, and each job against its plan.",
    tabColor: "4472C4",
    columnWidths: [34, 24, ...Array.from({ length: 22 }, () => 13)],
    blocks: stack.blocks,
    conditionalFormats: [
      { range: tableColumnRange(summary, "Acceptance gap"), rules: [{ when: whenNumber(accGap, lt(accGap, neg(tol))), ...LIGHTS.red }, { when: whenNumber(accGap, gt(accGap, tol)), ...LIGHTS.green }] },
      { range: tableColumnRange(summary, "Rerun gap"), rules: [{ when: whenNumber(rerunGap, gt(rerunGap, tol)), ...LIGHTS.red }, { when: whenNumber(rerunGap, lt(rerunGap, neg(tol))), ...LIGHTS.green }] },
      { range: tableColumnRange(summary, "Cost gap"), rules: [{ when: whenNumber(costGap, gt(costGap, costTol)), ...LIGHTS.red }, { when: whenNumber(costGap, lt(costGap, neg(costTol))), ...LIGHTS.green }] },
      {
        range: tableColumnRange(summary, "Plan status"),
        rules: [
          { when: eq(status, str("Worse")), ...LIGHTS.red },
          { when: eq(status, str("Unplanned")), ...LIGHTS.amber },
          { when: eq(status, str("Better")), ...LIGHTS.green },
        ],
      },
    ],
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
      ledgerSheet(full),
      scenariosSheet(full),
      importedTableSheet(LEDGER_WORKBOOK.ledger, full.examples ? exampleLedgerRows() : [], full.examples, "The imported usage log: one row per agent action (Import → Usage log in the task pane appends here; the example rows are marked Example in the Import column).", "4472C4"),
      importedTableSheet(LEDGER_WORKBOOK.rejects, [], false, "Rows of an imported log that could not be read: the import, the source row and why. Nothing is dropped silently.", "C00000"),
      importedTableSheet(LEDGER_WORKBOOK.imports, [], false, "One row per import: the file, its counts, the content hash and the column mapping used.", "808080"),
    ],
  };
}
