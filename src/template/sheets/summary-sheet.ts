/**
 * The Summary sheet (template.md "One budget"), the workbook's first: the headline figures a
 * CFO reads first, each a formula over another sheet's named cells with a one-line note, and
 * three charts: the monthly budget by component, budget vs actual by month, and the
 * scenarios' annual cost. The charts plot tables on this sheet that read the public names
 * (BudgetMonths…, ScenarioAnnualTotal) row by row, so each chart's data sits beside it.
 */
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { absolute, output, panes, Stack } from "./builders";
import { BUDGET_NAMES, SHEETS, TABLES, type TemplateOptions } from "./names";
import { SCENARIO_ANNUAL_TOTAL, scenariosSheet } from "./scenarios-sheet";
import { call, div, eq, name, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableColumnRange, tableHeaderCell } from "../model/layout";
import type { CellBlock, ChartBlock, SheetSpec, TableBlock, TableColumn } from "../model/description";

/** The Summary's own tables: the charts' data. */
export const SUMMARY_TABLES = { months: "SummaryByMonth", scenarios: "SummaryScenarios" } as const;

const NOTES = TEMPLATE_MESSAGES.summary;

/** Row n of a table's data (1 for the first): its row less the header's, so every row has the same formula. */
function rowNumber(anchor: string, table: string): Expr {
  const header = tableHeaderCell({ kind: "table", name: table, anchor, heading: "", columns: [], rows: [], exampleRows: 0, totalRow: true });
  return sub(call("ROW"), call("ROW", ref(SHEETS.summary, absolute(header))));
}

function headlines(stack: Stack): void {
  const cells = (heading: string, list: CellBlock["cells"]): void => void stack.push<CellBlock>({ kind: "cells", anchor: stack.anchor(), heading, cells: list });
  const sumOf = (named: string): Expr => call("SUM", name(named));
  cells("The year's budget", [
    output("Budget for the year", "SummaryAnnualTotal", name(BUDGET_NAMES.annualTotal), "usdWhole", NOTES.annualTotal),
    output("AI spend", "SummaryAnnualAI", sumOf(BUDGET_NAMES.ai), "usdWhole", NOTES.ai),
    output("Human review and escalation", "SummaryAnnualReview", sumOf(BUDGET_NAMES.review), "usdWhole", NOTES.review),
    output("Platform and hidden costs", "SummaryAnnualPlatform", sumOf(BUDGET_NAMES.platform), "usdWhole", NOTES.platform),
    output("Pricing model in use", "SummaryPricingModel", name("PricingModel"), "general", NOTES.model),
    output("Fiscal year starts", "SummaryFiscalYearStart", name(BUDGET_NAMES.fiscalYearStart), "date", NOTES.fiscalYear),
  ]);
  // Budget for the months with actuals: actual − variance, as the Budget sheet prorates it.
  const actual = sumOf(BUDGET_NAMES.actual);
  const variance = sumOf(BUDGET_NAMES.variance);
  cells("Budget vs actual to date", [
    output("Months with actuals", "SummaryActualMonths", call("COUNT", name(BUDGET_NAMES.actual)), "count", NOTES.months),
    output("Actual", "SummaryActualToDate", actual, "usdWhole", NOTES.actual),
    output("Budget for those months", "SummaryActualBudget", sub(actual, variance), "usdWhole", NOTES.actualBudget),
    output("Variance (actual − budget)", "SummaryVarianceToDate", variance, "usdWhole", NOTES.variance),
    output("Variance %", "SummaryVariancePercent", call("IF", eq(name("SummaryActualBudget"), num(0)), str(""), div(name("SummaryVarianceToDate"), name("SummaryActualBudget"))), "percent", NOTES.variancePercent),
  ]);
  cells("Pricing", [
    output("Cheapest pricing model", "SummaryCheapestModel", name("CheapestModel"), "general", NOTES.cheapest),
    output("Its monthly cost", "SummaryCheapestMonthlyCost", call("MIN", wholeCol(TABLES.comparison, "Monthly cost")), "usd", NOTES.cheapestCost),
    output("Agent actions a month", "SummaryActionsPerMonth", name("TotalActionsPerMonth"), "count", NOTES.actions),
  ]);
  cells("Return on investment", [
    output("Human cost per case", "SummaryHumanCostPerCase", name("HumanCostPerCase"), "usd", NOTES.humanCost),
    output("Blended cost per case", "SummaryBlendedCostPerCase", name("BlendedCostPerCase"), "usd", NOTES.blended),
    output("Payback", "SummaryPaybackMonths", name("PaybackMonths"), "months", TEMPLATE_MESSAGES.notAvailable.payback),
  ]);
  cells("Credit wallet", [
    output("Term alert", "SummaryWalletAlert", name("WalletAlert"), "general", NOTES.termAlert),
    output("Term credits run out", "SummaryTermDepletionDate", name("DepletionDate"), "date", TEMPLATE_MESSAGES.notAvailable.depletion),
    output("Period forecast (credits)", "SummaryPeriodForecast", name("WalletPeriodForecast"), "count", NOTES.periodForecast),
    output("Forecast alert", "SummaryForecastAlert", name("WalletPeriodForecastAlert"), "general", NOTES.forecastAlert),
    output("Period credits run out", "SummaryPeriodDepletionDate", name("WalletDepletionDate"), "date", NOTES.periodDepletion),
  ]);
  cells("Verified outcomes", [
    output("Cost per validated outcome", "SummaryCostPerOutcome", name("LedgerCostPerOutcome"), "usd", NOTES.costPerOutcome),
    output("Acceptance rate", "SummaryAcceptance", name("LedgerAcceptance"), "percent", NOTES.acceptance),
    output("Ledger reconciled", "SummaryReconciled", name("LedgerReconciled"), "general", NOTES.reconciled),
  ]);
}

const MONTHS = 12;

function monthsTable(anchor: string): TableBlock {
  const n = rowNumber(anchor, SUMMARY_TABLES.months);
  const month = (header: string, named: string, extra: Partial<TableColumn> = {}): TableColumn => ({ header, kind: "formula", format: "usdWhole", total: "sum", formula: call("INDEX", name(named), n), ...extra });
  return {
    kind: "table",
    name: SUMMARY_TABLES.months,
    anchor,
    heading: NOTES.monthly,
    columns: [
      month("Month", BUDGET_NAMES.months, { format: "date", total: "label" }),
      month("AI spend", BUDGET_NAMES.ai),
      month("Review and escalation", BUDGET_NAMES.review),
      month("Platform and hidden", BUDGET_NAMES.platform),
      month("Budget", BUDGET_NAMES.total),
      // What the actual compares with: the month's budget for the days the ledger covers (actual − variance).
      {
        header: "Budget, days with actuals",
        kind: "formula",
        format: "usdWhole",
        total: "sum",
        formula: call("IF", call("ISNUMBER", call("INDEX", name(BUDGET_NAMES.variance), n)), sub(call("INDEX", name(BUDGET_NAMES.actual), n), call("INDEX", name(BUDGET_NAMES.variance), n)), str("")),
      },
      month("Actual", BUDGET_NAMES.actual),
      month("Variance", BUDGET_NAMES.variance),
    ],
    rows: Array.from({ length: MONTHS }, () => ({})),
    exampleRows: 0,
    totalRow: true,
  };
}

/** One row per scenario the Scenarios table is built with (rows added there later are not in ScenarioAnnualTotal either). */
function scenariosTable(anchor: string, scenarios: number): TableBlock {
  const n = rowNumber(anchor, SUMMARY_TABLES.scenarios);
  const own = call("INDEX", name(SCENARIO_ANNUAL_TOTAL), n);
  const base = call("INDEX", name(SCENARIO_ANNUAL_TOTAL), num(1));
  return {
    kind: "table",
    name: SUMMARY_TABLES.scenarios,
    anchor,
    heading: NOTES.scenarios,
    columns: [
      { header: "Scenario", kind: "formula", format: "general", formula: call("INDEX", wholeCol(TABLES.scenarios, "Scenario"), n) },
      { header: "Annual cost", kind: "formula", format: "usdWhole", formula: own },
      // A difference exists where both figures do, as on the Scenarios sheet.
      { header: "Δ vs base", kind: "formula", format: "usdWhole", formula: call("IF", call("AND", call("ISNUMBER", own), call("ISNUMBER", base)), sub(own, base), str("")) },
    ],
    rows: Array.from({ length: scenarios }, () => ({})),
    exampleRows: 0,
    totalRow: false,
  };
}

export function summarySheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  headlines(stack);
  const months = stack.push(monthsTable(stack.anchor()));
  const scenarioRows = scenariosSheet(options).blocks.find((b): b is TableBlock => b.kind === "table" && b.name === TABLES.scenarios)?.rows.length ?? 0;
  const scenarios = stack.push(scenariosTable(stack.anchor(), scenarioRows));
  const m = (header: string): string => tableColumnRange(months, header);
  const charts: ChartBlock[] = [
    {
      kind: "chart",
      title: "Monthly budget by component",
      type: "column",
      stacked: true,
      from: "K4",
      to: "T21",
      categories: m("Month"),
      values: m("AI spend"),
      seriesName: "AI spend",
      moreSeries: [
        { values: m("Review and escalation"), name: "Review and escalation" },
        { values: m("Platform and hidden"), name: "Platform and hidden costs" },
      ],
    },
    {
      kind: "chart",
      title: "Budget vs actual by month",
      type: "column",
      from: "K23",
      to: "T40",
      categories: m("Month"),
      values: m("Budget"),
      seriesName: "Budget",
      moreSeries: [
        { values: m("Budget, days with actuals"), name: "Budget for the days with actuals" },
        { values: m("Actual"), name: "Actual" },
      ],
    },
    {
      kind: "chart",
      title: "Scenarios: AI and review cost a year",
      type: "bar",
      from: "K42",
      to: "T59",
      categories: tableColumnRange(scenarios, "Scenario"),
      values: tableColumnRange(scenarios, "Annual cost"),
      seriesName: "Annual cost",
    },
  ];
  stack.blocks.push(...charts);
  return {
    name: SHEETS.summary,
    purpose: "The headline figures and charts a CFO reads first, each from the sheet named beside it.",
    tabColor: "1F3864",
    columnWidths: [30, 15, 15, 15, 15, 15, 15, 15, 15, 2],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}
