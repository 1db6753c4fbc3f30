/**
 * The Summary sheet: first in the workbook; every headline equals, through the evaluator, the
 * named cell or range it summarises (with examples, without, and under another pricing model);
 * its monthly and scenario tables read the public names row by row; its three charts plot
 * those tables' columns; ScenarioAnnualTotal is one cell per scenario, its monthly cost × 12.
 */
import { parseAddress } from "../../src/template/model/address";
import type { ChartBlock, TemplateDescription } from "../../src/template/model/description";
import { tableColumnRange } from "../../src/template/model/layout";
import { portableDescription } from "../../src/template/render/live";
import { CellError, workbookEvaluator, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { BUDGET_NAMES, SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { SCENARIO_ANNUAL_TOTAL } from "../../src/template/sheets/scenarios-sheet";
import { SUMMARY_TABLES } from "../../src/template/sheets/summary-sheet";
import { TEMPLATE_MESSAGES } from "../../src/messages/sheet-notes";
import { tableOf } from "../support/libreoffice";
import { column, namedRange } from "./budget-fixture";
import { named, withInput } from "./ledger-fixture";
import { HEADLINES } from "./summary-fixture";

const AS_OF = "2026-11-23";
const template = describeTemplate({ examples: true, asOf: AS_OF });


const plain = (v: ExcelValue): unknown => (v instanceof CellError ? v.code : v);

/** A named range's values, top to bottom. */
function rangeValues(description: TemplateDescription, evaluator: WorkbookEvaluator, defined: string): ExcelValue[] {
  const { sheet, range } = namedRange(description, defined);
  const [from, to] = range.split(":") as [string, string];
  const a = parseAddress(from);
  const b = parseAddress(to);
  return Array.from({ length: b.row - a.row + 1 }, (_, i) => evaluator.cell(sheet, `${from.replace(/\d+$/, "")}${a.row + i}`));
}

/** What a headline should show, from its source as the evaluator computes it. */
function expected(description: TemplateDescription, evaluator: WorkbookEvaluator, source: string, how: "cell" | "sum" | "count"): unknown {
  if (how === "cell") {
    const { sheet, address } = named(description, source);
    return plain(evaluator.cell(sheet, address));
  }
  const numbers = rangeValues(description, evaluator, source).filter((v): v is number => typeof v === "number");
  return how === "count" ? numbers.length : numbers.reduce((a, b) => a + b, 0);
}

const headline = (description: TemplateDescription, evaluator: WorkbookEvaluator, defined: string): unknown => {
  const { sheet, address } = named(description, defined);
  expect(sheet).toBe(SHEETS.summary);
  return plain(evaluator.cell(sheet, address));
};

const close = (a: unknown, b: unknown): boolean => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b);

describe.each([
  ["with examples", template],
  ["without examples", describeTemplate({ examples: false, asOf: AS_OF })],
  ["priced per user", withInput(template, "PricingModel", "Per user")],
  ["priced per conversation", withInput(template, "PricingModel", "Per conversation")],
])("the Summary %s", (_label, description) => {
  const evaluator = workbookEvaluator(portableDescription(description));
  const portable = portableDescription(description);

  test("every headline equals the named cell or range it summarises", () => {
    const problems = HEADLINES.flatMap(([defined, source, how]) => {
      const mine = headline(portable, evaluator, defined);
      const theirs = expected(portable, evaluator, source, how);
      return close(mine, theirs) ? [] : [`${defined}: ${JSON.stringify(mine)}, ${source} ${JSON.stringify(theirs)}`];
    });
    expect(problems).toEqual([]);
  });

  test("the variance % is the variance over the budget for the months with actuals, blank without any", () => {
    const budget = headline(portable, evaluator, "SummaryActualBudget") as number;
    const percent = headline(portable, evaluator, "SummaryVariancePercent");
    if (budget === 0) expect(percent).toBe("");
    else expect(percent).toBeCloseTo((headline(portable, evaluator, "SummaryVarianceToDate") as number) / budget, 12);
  });

  test("the cheapest model's monthly cost is the smallest of the Pricing comparison", () => {
    const costs = column(evaluator, portable, TABLES.comparison, "Monthly cost").filter((v): v is number => typeof v === "number");
    expect(headline(portable, evaluator, "SummaryCheapestMonthlyCost")).toBeCloseTo(Math.min(...costs), 9);
  });

  test("the monthly table is the Budget's 12 months by name, and the budget for the days with actuals is actual − variance", () => {
    const pairs: [string, string][] = [
      ["Month", BUDGET_NAMES.months],
      ["AI spend", BUDGET_NAMES.ai],
      ["Review and escalation", BUDGET_NAMES.review],
      ["Platform and hidden", BUDGET_NAMES.platform],
      ["Budget", BUDGET_NAMES.total],
      ["Actual", BUDGET_NAMES.actual],
      ["Variance", BUDGET_NAMES.variance],
    ];
    for (const [header, defined] of pairs) expect([header, column(evaluator, portable, SUMMARY_TABLES.months, header)]).toEqual([header, rangeValues(portable, evaluator, defined)]);
    const actual = rangeValues(portable, evaluator, BUDGET_NAMES.actual);
    const variance = rangeValues(portable, evaluator, BUDGET_NAMES.variance);
    const covered = column(evaluator, portable, SUMMARY_TABLES.months, "Budget, days with actuals");
    covered.forEach((v, i) => expect(v).toEqual(typeof actual[i] === "number" ? (actual[i] as number) - (variance[i] as number) : ""));
  });

  test("the scenarios table is one row per scenario: its name and ScenarioAnnualTotal, and the difference from the base", () => {
    const names = column(evaluator, portable, TABLES.scenarios, "Scenario");
    const annual = rangeValues(portable, evaluator, SCENARIO_ANNUAL_TOTAL);
    expect(column(evaluator, portable, SUMMARY_TABLES.scenarios, "Scenario")).toEqual(names);
    expect(column(evaluator, portable, SUMMARY_TABLES.scenarios, "Annual cost")).toEqual(annual);
    expect(column(evaluator, portable, SUMMARY_TABLES.scenarios, "Δ vs base")).toEqual(annual.map((v) => (v as number) - (annual[0] as number)));
  });
});

describe("the Summary sheet", () => {
  const summary = template.sheets[0];
  const charts = (summary?.blocks ?? []).filter((b): b is ChartBlock => b.kind === "chart");
  const months = tableOf(template, SUMMARY_TABLES.months).block;
  const scenarios = tableOf(template, SUMMARY_TABLES.scenarios).block;

  test("is the workbook's first sheet, frozen and printed as the others", () => {
    expect(summary?.name).toBe(SHEETS.summary);
    expect(summary?.freeze).toEqual({ rows: 2, columns: 1 });
  });

  test("has three charts: the budget by component stacked, budget vs actual side by side, the scenarios' annual cost", () => {
    const m = (header: string): string => tableColumnRange(months, header);
    expect(charts.map((c) => [c.title, c.type, c.stacked === true, c.categories, [c.values, ...(c.moreSeries ?? []).map((s) => s.values)]])).toEqual([
      ["Monthly budget by component", "column", true, m("Month"), [m("AI spend"), m("Review and escalation"), m("Platform and hidden")]],
      ["Budget vs actual by month", "column", false, m("Month"), [m("Budget"), m("Budget, days with actuals"), m("Actual")]],
      ["Scenarios: AI and review cost a year", "bar", false, tableColumnRange(scenarios, "Scenario"), [tableColumnRange(scenarios, "Annual cost")]],
    ]);
  });

  test("the charts sit right of the tables, one under another, without overlapping", () => {
    const lastColumn = Math.max(...[months, scenarios].map((t) => parseAddress(t.anchor).column + t.columns.length - 1));
    charts.forEach((c, i) => {
      expect(parseAddress(c.from).column).toBeGreaterThan(lastColumn);
      const next = charts[i + 1];
      if (next) expect(parseAddress(next.from).row).toBeGreaterThan(parseAddress(c.to).row);
    });
  });

  test("a headline that can be #N/A says why beside it", () => {
    const notes = new Map(summary?.blocks.flatMap((b) => (b.kind === "cells" ? b.cells.map((c) => [c.name, c.note] as const) : [])));
    expect(notes.get("SummaryPaybackMonths")).toBe(TEMPLATE_MESSAGES.notAvailable.payback);
    expect(notes.get("SummaryTermDepletionDate")).toBe(TEMPLATE_MESSAGES.notAvailable.depletion);
    expect(notes.get("SummaryPeriodDepletionDate")).toMatch(/#N\/A/);
    for (const [defined, note] of notes) expect([defined, (note ?? "").length > 0]).toEqual([defined, true]);
  });

  test("when nothing is saved, the payback headline is the ROI sheet's #N/A", () => {
    // Resolving no case and saving nothing on escalations: every case costs the AI's $0.3975 on top of the person's $8.37.
    // (At 0 % resolution alone the 20 % escalation savings, $1.67 a case, still beat the AI's $0.3975: payback 23.5 months.)
    const d = withInput(withInput(template, "ResolutionRate", 0), "EscalationSavings", 0);
    const evaluator = workbookEvaluator(portableDescription(d));
    expect(headline(d, evaluator, "SummaryPaybackMonths")).toBe("#N/A");
  });
});

describe("ScenarioAnnualTotal", () => {
  const block = tableOf(template, TABLES.scenarios).block;

  test("names the Scenarios table's Annual cost column, one cell per scenario", () => {
    const { sheet, range } = namedRange(template, SCENARIO_ANNUAL_TOTAL);
    expect(sheet).toBe(SHEETS.scenarios);
    expect(range).toBe(tableColumnRange(block, "Annual cost").replace(/\$/g, ""));
    const [from, to] = range.split(":") as [string, string];
    expect(parseAddress(to).row - parseAddress(from).row + 1).toBe(block.rows.length);
  });

  test("is each scenario's monthly cost × 12 in the portable file, and blank in the AWU workbook until the pane refreshes", () => {
    const portable = portableDescription(template);
    const evaluator = workbookEvaluator(portable);
    const monthly = column(evaluator, portable, TABLES.scenarios, "Monthly cost");
    expect(monthly.every((v) => typeof v === "number")).toBe(true);
    expect(rangeValues(portable, evaluator, SCENARIO_ANNUAL_TOTAL)).toEqual(monthly.map((v) => (v as number) * 12));
    expect(rangeValues(template, workbookEvaluator(template), SCENARIO_ANNUAL_TOTAL)).toEqual(block.rows.map(() => ""));
  });
});
