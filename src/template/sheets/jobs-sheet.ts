/**
 * The Jobs sheet (template.md §2): jobs to be done → volume → quality bar → all-in cost per acceptable outcome, one table row per job.
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { Stack, amount, panes } from "./builders";
import { add, awu, call, col, div, eq, mul, name, num, str, wholeCol, type Expr } from "../model/formula";
import type { SheetSpec, TableBlock, TableColumn, TableRow } from "../model/description";
import { SHEETS, TABLES, WORKFLOWS, type TemplateOptions } from "./names";

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
  // The Budget sheet phases each job's monthly volume by these (docs/model.md §10); the columns here are full volume.
  { header: "Ramp (months)", kind: "input", format: "decimal", validation: amount("Months from the budget's start to full volume: 0 = full volume from month 1, 3 = a third, two thirds, then all.") },
  { header: "Monthly growth", kind: "input", format: "percent", validation: { kind: "decimal", min: -1, max: 1, prompt: "Growth a month, compounding from month 1: 2 % = 0.02; negative for a decline, −100 % to +100 %." } },
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
export function exampleJobs(): TableRow[] {
  const job = (
    jobName: string,
    workflow: string,
    perWeek: number,
    units: number,
    bar: string,
    acceptance: number,
    rerun: number,
    review: number,
    approves: string,
    rampMonths = 0,
    monthlyGrowth = 0,
  ): TableRow => ({
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
    "Ramp (months)": rampMonths,
    "Monthly growth": monthlyGrowth,
  });
  return [
    job("Account enrichment", "Enrichment", 250, 1, "Firmographics filled and sourced", 0.9, 0.1, 0.5, "No"),
    // Growing 2 % a month; research ramps up over its first three months (the Budget sheet's phasing).
    job("Follow-up emails", "Follow-ups", 1200, 2, "Sent as drafted; CRM updated", 0.85, 0.15, 1, "Yes", 0, 0.02),
    job("New-lead research", "Research", 800, 3, "Brief a rep can use without rework", 0.8, 0.2, 2, "No", 3, 0),
    // 300 opportunities a month, as a weekly volume.
    job("Stage hygiene", "Pipeline updates", (300 * 12) / 52, 1, "Stage and next step match the activity log", 0.95, 0.05, 0.5, "Yes"),
  ];
}

export function jobsSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const examples = options.examples ? exampleJobs() : [];
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.jobs,
    anchor: stack.anchor(),
    heading: "Jobs to be done: one row per job (add rows at the bottom; formulas fill in)",
    columns: [...JOB_INPUT_COLUMNS, ...JOB_FORMULA_COLUMNS],
    rows: examples,
    exampleRows: examples.length,
    totalRow: true,
  });
  return {
    name: SHEETS.jobs,
    purpose: "The method's steps 1–4: each job's volume, units and quality bar, mapped to AI, review and rerun cost per acceptable outcome.",
    tabColor: "5B9BD5",
    columnWidths: [10, 24, 16, 12, 10, 36, 12, 10, 12, 10, 10, 10, 12, 14, 14, 14, 16, 14, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}
