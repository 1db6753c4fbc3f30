/**
 * The Scenarios sheet (template.md §6): named what-ifs over the budget, with results the pane
 * refreshes; the portable file computes the same results with native formulas instead.
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { scenarioNoteMessage } from "../../messages/workbook";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { Stack, amount, panes, rate } from "./builders";
import { SHEETS, TABLES, STAMP_NAMES, SCENARIO_RESULT_COLUMNS, type TemplateOptions } from "./names";
import { add, call, col, div, eq, errorLiteral, gt, mul, name, num, str, sub, wholeCol, type Expr } from "../model/formula";
import { isPlan, planShareCost } from "./plan-formulas";
import { pricingModelValidation } from "./inputs-sheet";
import type { CellBlock, SheetSpec, TableBlock, TableColumn, TableRow } from "../model/description";

type ScenarioResult = (typeof SCENARIO_RESULT_COLUMNS)[number];

/** The workbook-scoped name of each scenario's annual cost, one cell per scenario (a public contract, template.md). */
export const SCENARIO_ANNUAL_TOTAL = "ScenarioAnnualTotal";

/** The Scenarios table's working columns: each row's volumes and AI cost under its own overrides and model, native formulas in both workbooks. */
const WORKING = {
  runs: "Conversations a month",
  units: "Actions a month",
  caseItems: "Cases a month",
  caseRuns: "Case conversations a month",
  caseUnits: "Case actions a month",
  ai: "AI cost a month",
  caseAi: "Case jobs' AI cost a month",
} as const;

/**
 * Each result column as a native formula over its row's overrides, the Jobs table and the
 * named inputs: what computeScenarios (actions/scenarios.ts) computes, summed over the jobs
 * with SUMPRODUCT. A blank override keeps every job's own value; a given one replaces them
 * all, so it multiplies a plain sum of the jobs' volumes instead.
 */
export function scenarioResultFormulas(): { readonly results: Readonly<Record<ScenarioResult, Expr>>; readonly working: readonly TableColumn[] } {
  const S = (column: string): Expr => col(TABLES.scenarios, column);
  const J = (column: string): Expr => wholeCol(TABLES.jobs, column);
  const blank = (column: string): Expr => eq(S(column), str(""));
  const orElse = (column: string, fallback: Expr): Expr => call("IF", blank(column), fallback, S(column));
  const model = orElse("Pricing model", name("PricingModel"));
  const volume = J("Volume per week");
  // Items a month per item a week: the Jobs sheet's weeks, times the scenario's volume.
  const scale = mul(name("WeeksPerMonth"), orElse("Volume multiplier", num(1)));
  const withReruns = (perItem: Expr[]): Expr =>
    call("IF", blank("Rerun rate"), call("SUMPRODUCT", volume, ...perItem, add(num(1), J("Rerun rate"))), mul(add(num(1), S("Rerun rate")), call("SUMPRODUCT", volume, ...perItem)));
  // 1 for the jobs whose items are the ROI sheet's cases, else 0 (a comparison times 1 is a number in SUMPRODUCT).
  const isCase = mul(eq(J("Human case"), str("Yes")), num(1));
  // The row's volumes and AI costs, each once in a column of its own: the results read them (Excel holds 8,192 characters a formula).
  const runs = S(WORKING.runs);
  const units = S(WORKING.units);
  const caseItems = S(WORKING.caseItems);
  const accepted = mul(scale, call("IF", blank("Acceptance rate"), call("SUMPRODUCT", volume, J("Target acceptance rate")), mul(S("Acceptance rate"), call("SUM", volume))));
  const seats = mul(name("LicensedUsers"), name("PricePerUserMonth"));
  /** The AI cost a month of `runsOf` runs and `unitsOf` units under the row's model; the seats are shared by units. */
  const resolution = orElse("Resolution rate", name("ResolutionRate"));
  const aiCostOf = (runsOf: Expr, unitsOf: Expr): Expr =>
    call(
      "IF",
      isPlan(model),
      // A vendor plan: its events under the row's volume and resolution rate, or its seats shared by units.
      planShareCost(model, { conversations: runsOf, actions: unitsOf }, { conversations: runs, actions: units }, resolution),
      call(
      "IF",
      eq(model, str(PRICING_MODEL_NAMES.perConversation)),
      mul(runsOf, name("PricePerConversation")),
      call(
        "IF",
        eq(model, str(PRICING_MODEL_NAMES.perUser)),
        call("IF", eq(units, num(0)), num(0), div(mul(seats, unitsOf), units)),
        call(
          "IF",
          eq(model, str(PRICING_MODEL_NAMES.flexDiscounted)),
          mul(div(mul(mul(unitsOf, name("CreditsPerAction")), name("PricePer100kCredits")), num(100000)), sub(num(1), orElse("Discount", name("PrepurchaseDiscount")))),
          // Not one of the choices: the pane says so in the cell.
          errorLiteral("#VALUE!"),
        ),
      ),
      ),
    );
  const aiCost = S(WORKING.ai);
  const review = mul(div(mul(scale, call("SUMPRODUCT", volume, J("Review minutes per item"))), num(60)), name("ReviewerHourlyCost"));
  const human = name("HumanCostPerCase");
  // The ROI sheet's return under the row's volume, model and discount: its case jobs' AI cost per case.
  const aiPerCase = div(S(WORKING.caseAi), caseItems);
  const blended = add(aiPerCase, mul(mul(sub(num(1), resolution), human), sub(num(1), name("EscalationSavings"))));
  const savings = mul(mul(caseItems, num(12)), sub(human, blended));
  const noPayback = str(scenarioNoteMessage({ code: "noPayback" }));
  const own = (column: ScenarioResult): Expr => S(column);
  const base = (column: ScenarioResult): Expr => call("INDEX", wholeCol(TABLES.scenarios, column), num(1));
  // A difference exists where both figures do (the pane leaves it blank otherwise).
  const delta = (column: ScenarioResult): Expr =>
    call("IF", call("AND", call("ISNUMBER", own(column)), call("ISNUMBER", base(column))), sub(own(column), base(column)), str(""));
  const column = (header: string, format: TableColumn["format"], formula: Expr): TableColumn => ({ header, kind: "formula", format, formula });
  const working: TableColumn[] = [
    column(WORKING.runs, "count", mul(scale, withReruns([]))),
    column(WORKING.units, "count", mul(scale, withReruns([J("Units per item")]))),
    column(WORKING.caseItems, "count", mul(scale, call("SUMPRODUCT", volume, isCase))),
    column(WORKING.caseRuns, "count", mul(scale, withReruns([isCase]))),
    column(WORKING.caseUnits, "count", mul(scale, withReruns([J("Units per item"), isCase]))),
    column(WORKING.ai, "usd", aiCostOf(runs, units)),
    column(WORKING.caseAi, "usd", aiCostOf(S(WORKING.caseRuns), S(WORKING.caseUnits))),
  ];
  const results = {
    "Monthly cost": add(aiCost, review),
    "Cost per acceptable outcome": call("IF", gt(accepted, num(0)), div(own("Monthly cost"), accepted), str(scenarioNoteMessage({ code: "noAcceptedOutcomes" }))),
    // No case jobs (nothing to divide by) or nothing saved: no payback, as the pane writes it.
    "Payback (months)": call("IF", gt(caseItems, num(0)), call("IF", gt(savings, num(0)), div(name("EnablementCost"), div(savings, num(12))), noPayback), noPayback),
    "Δ monthly cost vs base": delta("Monthly cost"),
    "Δ cost per outcome vs base": delta("Cost per acceptable outcome"),
    "Δ payback vs base": delta("Payback (months)"),
  };
  return { results, working };
}

export function scenariosSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const { results: portable, working } = scenarioResultFormulas();
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
      {
        label: "Refreshed at",
        name: STAMP_NAMES.at,
        value: { input: TEMPLATE_MESSAGES.scenarioStamp.notYet },
        format: "dateTime",
        style: "output",
        portableInput: TEMPLATE_MESSAGES.scenarioStamp.live,
        builtInput: TEMPLATE_MESSAGES.scenarioStamp.built,
      },
      { label: "Rate card", name: STAMP_NAMES.rateCard, value: { input: "" }, format: "text", style: "output", portableInput: TEMPLATE_MESSAGES.scenarioStamp.liveRateCard },
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
      { header: "Pricing model", kind: "input", format: "text", validation: { ...pricingModelValidation(options.asOf), prompt: TEMPLATE_MESSAGES.pricingModels.scenarioPrompt } },
      { header: "Resolution rate", kind: "input", format: "percent", validation: rate("Replaces the ROI sheet's resolution rate; blank keeps it.") },
      ...SCENARIO_RESULT_COLUMNS.map((header): TableColumn => ({ header, kind: "result", portableFormula: portable[header], format: /payback/i.test(header) ? "months" : "usd" })),
      // A native formula over the result in both workbooks: blank, as the differences are, until the monthly cost is a number.
      {
        header: "Annual cost",
        kind: "formula",
        format: "usdWhole",
        name: SCENARIO_ANNUAL_TOTAL,
        formula: call("IF", call("ISNUMBER", col(TABLES.scenarios, "Monthly cost")), mul(col(TABLES.scenarios, "Monthly cost"), num(12)), str("")),
      },
      ...working,
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
    exampleRows: 0,
    totalRow: false,
  });
  return {
    name: SHEETS.scenarios,
    purpose: "Named what-ifs over the whole budget; Refresh scenarios in the task pane recomputes them against the base.",
    tabColor: "7030A0",
    columnWidths: [26, 12, 12, 12, 12, 18, 12, 14, 16, 14, 16, 16, 14, 14, 14, 14, 12, 14, 14, 14, 16],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}
