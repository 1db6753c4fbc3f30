/**
 * The Jobs sheet (template.md §2): jobs to be done → volume → quality bar → all-in cost per acceptable outcome, one table row per job.
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { Stack, amount, panes } from "./builders";
import { add, awu, call, col, div, eq, mul, name, num, str, wholeCol, type Expr } from "../model/formula";
import type { SheetSpec, TableBlock, TableColumn, TableRow } from "../model/description";
import { SHEETS, TABLES, WORKFLOWS, type TemplateOptions } from "./names";
import { planInUseShare, usesPlan } from "./plan-formulas";

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
  // The ROI sheet's cases: the items a person would otherwise handle, the labor the agents replace.
  { header: "Human case", kind: "input", format: "text", validation: { kind: "list", choices: ["Yes", "No"], prompt: "Yes: each item replaces a case a person would handle; the ROI sheet counts these." } },
  // The Budget sheet phases each job's monthly volume by these (docs/model.md §10); the columns here are full volume.
  { header: "Ramp (months)", kind: "input", format: "decimal", validation: amount("Months from the budget's start to full volume: 0 = full volume from month 1, 3 = a third, two thirds, then all.") },
  { header: "Monthly growth", kind: "input", format: "percent", validation: { kind: "decimal", min: -1, max: 1, prompt: "Growth a month, compounding from month 1: 2 % = 0.02; negative for a decline, −100 % to +100 %." } },
];

const J = (column: string): Expr => col(TABLES.jobs, column);

const JOB_FORMULA_COLUMNS: readonly TableColumn[] = [
  { header: "Items per month", kind: "formula", format: "decimal", total: "sum", formula: mul(J("Volume per week"), name("WeeksPerMonth")) },
  // Each run of an item is an interaction (a conversation, when priced per conversation): reruns included.
  { header: "Runs per month", kind: "formula", format: "decimal", total: "sum", formula: mul(J("Items per month"), add(num(1), J("Rerun rate"))) },
  { header: "Units per month", kind: "formula", format: "count", total: "sum", formula: mul(J("Runs per month"), J("Units per item")) },
  {
    header: "AI cost per month",
    kind: "formula",
    format: "usd",
    total: "sum",
    formula: call(
      "IF",
      usesPlan(),
      // A vendor plan (the Vendors sheet's plans table, read once on the Pricing sheet): the job's own events, or its share of the seats.
      planInUseShare({ conversations: J("Runs per month"), actions: J("Units per month") }, call("SUM", wholeCol(TABLES.jobs, "Units per month"))),
      call(
      "IF",
      eq(name("PricingModel"), str(PRICING_MODEL_NAMES.perConversation)),
      // Each run of an item is a conversation.
      awu("CONVCOST", J("Runs per month"), name("PricePerConversation")),
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
        div(J("AI cost per month"), J("Runs per month")),
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

/**
 * The example jobs: a service desk's conversations, sized so the one driver chain reproduces
 * the seed's worked figures (pricing.md §5): 100,000 human cases a year and 10,000
 * interactions a month at the mix's 5.3 actions each = 53,000 actions.
 */
export function exampleJobs(): TableRow[] {
  // Units per item follow the Pricing sheet's interaction mix, so editing the mix moves every job.
  const mixActions = { formula: name("ActionsPerInteraction") };
  const job = (
    jobName: string,
    workflow: string,
    perYear: number,
    bar: string,
    acceptance: number,
    rerun: number,
    review: number,
    approves: string,
    humanCase: string,
    rampMonths = 0,
    monthlyGrowth = 0,
  ): TableRow => ({
    Example: "Example",
    Job: jobName,
    Workflow: workflow,
    // Typed as a year's volume ÷ 52 weeks, so a year of the Jobs sheet's months is exactly perYear.
    "Volume per week": perYear / 52,
    "Units per item": mixActions,
    "Acceptance bar": bar,
    "Target acceptance rate": acceptance,
    "Rerun rate": rerun,
    "Review minutes per item": review,
    "Human approves": approves,
    "Human case": humanCase,
    "Ramp (months)": rampMonths,
    "Monthly growth": monthlyGrowth,
  });
  return [
    // The cases an agent would otherwise handle: 8,333 a month, one conversation each (ROI's 100,000 a year).
    job("Customer service conversations", "Support", 100000, "Resolved or handed off with a complete summary", 0.85, 0, 0.5, "No", "Yes"),
    // A follow-up after each escalated case; one in four is redrafted: 533 items, 667 runs a month.
    job("Case follow-up emails", "Follow-ups", 6400, "Sent as drafted; case notes updated", 0.8, 0.25, 1, "Yes", "No"),
    // Sales chat ramps up over three months and grows 2 % a month (the Budget sheet's phasing): 1,000 a month at full volume.
    job("Website sales chat", "Research", 12000, "Lead qualified and routed to the right rep", 0.9, 0, 1, "No", "No", 3, 0.02),
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
    columnWidths: [10, 28, 16, 12, 10, 36, 12, 10, 12, 10, 10, 10, 10, 12, 12, 14, 14, 14, 16, 14, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}
