/**
 * The Wallet sheet: the term's wallet from the vendor's report, and the period from the
 * ledger (docs/model.md §9.6–9.7, §9.10): consumption, the burn trend, the forecast and its
 * alerts, the day each threshold is reached, the daily table with spikes, rerun loops,
 * per-team budgets and the pre-purchase from actual consumption.
 */
import { DEFAULT_ALERT_THRESHOLDS, DEFAULT_ANOMALY_RULE, LAST_EXCEL_SERIAL, serialFromIso } from "../../engine";
import { TEMPLATE_MESSAGES, messageFor } from "../../messages";
import { address, offset, parseAddress } from "../model/address";
import { LIGHTS, Stack, absolute, amount, input, output, panes } from "./builders";
import { add, awu, bool, call, col, concat, div, eq, ge, gt, le, lt, mul, name, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableColumnRange, valueCell } from "../model/layout";
import {
  L,
  actionsWhere,
  dayWeightedUnits,
  firstBurningDay,
  isNum,
  nextDayBurn,
  timestampsBetween,
  trendBurnBetween,
  trendDepletionDays,
  trendDepletionWholeDays,
  trendSlope,
  whereName,
} from "./ledger-formulas";
import { exampleLedgerRows } from "./ledger-sheet";
import type { CellBlock, ConditionalFormat, LabelledCell, SheetSpec, TableBlock, TableRow } from "../model/description";
import { SHEETS, TABLES, importedSummaryRows, type TemplateOptions } from "./names";

export function walletSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const teamExamples: TableRow[] = options.examples
    ? [
        { Example: "Example", Team: "Sales", "Budget (credits)": 9000 },
        { Example: "Example", Team: "Marketing", "Budget (credits)": 5000 },
        { Example: "Example", Team: "Service", "Budget (credits)": 2000 },
      ]
    : [];
  const wallet = stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Credit wallet for the term (from the vendor's consumption report)",
    cells: [
      input("Credits allocated for the term", "CreditAllocation", options.examples ? 12000000 : 0, "count", { validation: amount("Prepaid Flex Credits.") }),
      input("Credits consumed to date", "CreditsConsumed", options.examples ? 7000000 : 0, "count", { validation: amount("From the vendor's consumption report.") }),
      // The workbook's date, not TODAY(): a volatile date would move every figure after it each day the file is opened.
      input("As of", "WalletAsOf", serialFromIso(options.asOf), "date", { validation: { kind: "decimal", min: 1, prompt: "The date the consumption above was reported." }, note: "the workbook's date; type the report's date" }),
      output("Credits remaining", "CreditsRemaining", call("MAX", num(0), sub(name("CreditAllocation"), name("CreditsConsumed"))), "count"),
      output("Share used", "WalletUsedShare", call("IF", eq(name("CreditAllocation"), num(0)), num(0), div(name("CreditsConsumed"), name("CreditAllocation"))), "percent"),
      // No allocation, no alert (AWU.ALERT refuses an allocation of 0).
      output("Alert (50 / 75 / 90 / 100 %)", "WalletAlert", call("IF", eq(name("CreditAllocation"), num(0)), str(""), awu("ALERT", name("CreditsConsumed"), name("CreditAllocation"))), "general"),
      output("Burn per day", "BurnPerDay", div(mul(awu("CREDITS", name("TotalActionsPerMonth"), name("CreditsPerAction")), num(12)), num(365)), "count", "this month's credits × 12 ÷ 365"),
      output("Forecast depletion date", "DepletionDate", awu("DEPLETION", name("CreditsRemaining"), name("BurnPerDay"), name("WalletAsOf")), "date", TEMPLATE_MESSAGES.notAvailable.depletion),
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
    exampleRows: 0,
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
        // The prices the budget pays: prepaid at list × (1 − discount), anything above the commitment at list (Inputs).
        awu("COMMIT", wholeCol(TABLES.forecast, "Credits"), name("PrepaidPricePer100kCredits"), name("PaygPricePer100kCredits"), name("CommitUncertainty")),
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
  // The team's credits from the period's first day through the last complete one (a blank team has none).
  const teamCredits = call("IF", eq(team, str("")), num(0), call("SUMIFS", L("Units"), ...whereName("Team", team), ...timestampsBetween(name("WalletPeriodStart"), add(name("WalletThrough"), num(1)))));
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
      { header: "Alert", kind: "formula", format: "general", formula: alertOf(T("Consumed (credits)")) },
      {
        header: "Σ day × credits",
        kind: "formula",
        format: "count",
        // "=" compares exactly, in any case, with no wildcards: the rows the SUMIFS of Consumed matches.
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
      { header: "Forecast alert", kind: "formula", format: "general", formula: alertOf(T("Forecast (credits)")) },
    ],
    rows: [...teamExamples, ...importedSummaryRows(options, TABLES.teams, "Team")],
    exampleRows: teamExamples.length,
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
    freeze: panes(stack.blocks),
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
    output("Alert, actual", "WalletPeriodAlert", whenAllocated(awu("ALERT", name("WalletPeriodConsumed"), allocation, thresholdsColumn)), "general"),
    output("Forecast share", "WalletPeriodForecastUsed", call("IF", eq(allocation, num(0)), num(0), div(name("WalletPeriodForecast"), allocation)), "percent"),
    output("Alert, forecast", "WalletPeriodForecastAlert", whenAllocated(awu("ALERT", name("WalletPeriodForecast"), allocation, thresholdsColumn)), "general", "raised when the forecast crosses, before the actuals do"),
    ...depletionCells(),
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
      { header: "Reached by the actuals", kind: "formula", format: "general", formula: call("IF", eq(allocation, num(0)), str(""), call("IF", ge(name("WalletPeriodConsumed"), threshold), str("Yes"), str("No"))) },
      { header: "Reached by the forecast", kind: "formula", format: "general", formula: call("IF", eq(allocation, num(0)), str(""), call("IF", ge(name("WalletPeriodForecast"), threshold), str("Yes"), str("No"))) },
      {
        header: "Day of the period",
        kind: "formula",
        format: "count",
        // The cumulative only grows: the days still below the threshold, plus one. Past the daily table's last row that count
        // would name the day after it, a wrong day: blank there (Reached by the forecast still says Yes).
        formula: call(
          "IF",
          eq(W("Reached by the forecast"), str("Yes")),
          call("IF", lt(call("COUNTIFS", wholeCol(TABLES.daily, "Cumulative (credits)"), concatLess(threshold)), num(DAILY_ROWS)), add(call("COUNTIFS", wholeCol(TABLES.daily, "Cumulative (credits)"), concatLess(threshold)), num(1)), str("")),
          str(""),
        ),
      },
      { header: "Date", kind: "formula", format: "date", formula: call("IF", isNum(W("Day of the period")), sub(add(start, W("Day of the period")), num(1)), str("")) },
    ],
    rows: DEFAULT_ALERT_THRESHOLDS.map((t) => ({ Threshold: t })),
    exampleRows: 0,
    totalRow: false,
  });

  const D = (c: string): Expr => col(TABLES.daily, c);
  const n = D("Day of period");
  const date = D("Date");
  const beyond = gt(n, days);
  // A day past the last complete one has no actual yet.
  const noActual = call("OR", beyond, gt(n, elapsed));
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
      { header: "Actual (credits)", kind: "formula", format: "count", total: "sum", formula: call("IF", noActual, str(""), dayCredits(date)) },
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
        formula: call("IF", noActual, str(""), call("MEDIAN", ...Array.from({ length: window }, (_, k) => dayCredits(sub(date, num(k + 1)))))),
      },
      {
        header: "Anomaly",
        kind: "formula",
        format: "general",
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
    exampleRows: 0,
    totalRow: true,
  });

  // Bursts among rows of one action (Single rerun: an aggregated row's time is its day's midnight, not an action's),
  // plus those an aggregating import found on the raw rows before summing them (the Bursts column).
  // Rows of actions: those with a timestamp and no Bursts (a daily row always has a number there). None: no AWU.RERUNLOOPS to call.
  const noActions = eq(sub(call("COUNT", L("Timestamp")), call("COUNT", L("Bursts"))), num(0));
  const loops = add(call("IF", noActions, num(0), awu("RERUNLOOPS", L("Timestamp"), L("Job"), L("Single rerun"))), call("SUM", L("Bursts")));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Anomalies and loops",
    cells: [
      input("Spike factor (× the trailing median)", "WalletAnomalyFactor", DEFAULT_ANOMALY_RULE.factor, "decimal", { validation: { kind: "decimal", min: 0.0001, prompt: "A day above this many times its trailing median is a spike." } }),
      output("Spike days in the period", "WalletSpikeDays", call("COUNTIFS", wholeCol(TABLES.daily, "Anomaly"), str(SPIKE)), "count"),
      output("Rerun bursts (loops) in the ledger", "WalletRerunLoops", loops, "count", "≥ 10 reruns of one job in 10 minutes, 80 % of its actions (AWU.RERUNLOOPS on rows of one action, plus the Bursts aggregated rows carry)"),
      output("Loop alert", "WalletLoopAlert", call("IF", gt(name("WalletRerunLoops"), num(0)), str("Loop suspected: see Rerun bursts by job"), str("None")), "general"),
    ],
  });

  const loopExamples: TableRow[] = options.examples ? [...new Set(exampleLedgerRows().map((r) => r.Job as string))].map((j) => ({ Example: "Example", Job: j })) : [];
  const job = col(TABLES.loops, "Job");
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.loops,
    anchor: stack.anchor(),
    heading: "Rerun bursts by job (one row per job to watch; AWU.RERUNLOOPS over the whole ledger)",
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: "Job", kind: "input", format: "text", total: "label" },
      { header: "Reruns", kind: "formula", format: "count", total: "sum", formula: call("IF", eq(job, str("")), num(0), actionsWhere(...whereName("Job", job), L("Rerun"), bool(true))) },
      {
        header: "Rerun bursts",
        kind: "formula",
        format: "count",
        total: "sum",
        formula: call(
          "IF",
          eq(job, str("")),
          num(0),
          add(call("IF", noActions, num(0), awu("RERUNLOOPS", L("Timestamp"), L("Job"), L("Single rerun"), job)), call("SUMIFS", L("Bursts"), ...whereName("Job", job))),
        ),
      },
    ],
    rows: [...loopExamples, ...importedSummaryRows(options, TABLES.loops, "Job")],
    exampleRows: loopExamples.length,
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
        awu("COMMIT", name("WalletNextTermCredits"), name("PrepaidPricePer100kCredits"), name("PaygPricePer100kCredits"), name("CommitUncertainty")),
        "count",
        "AWU.COMMIT on the expected consumption",
      ),
    ],
  });
  return { cells: block, usedIndex, daily };
}

/**
 * When the period's allocation runs out at the burn trend (docs/model.md §9.10): the engine's
 * daysToDepletionTrend in closed form over the trend's cells, which come from the ledger's
 * sums, so any number of elapsed days is counted (the daily table's 31 rows are not read).
 */
function depletionCells(): LabelledCell[] {
  const allocation = name("WalletPeriodAllocation");
  const r0 = name("WalletNextDayBurn");
  const s = name("WalletTrendSlope");
  const left = name("WalletPeriodLeft");
  const noPeriod = call("OR", eq(name("WalletDaysElapsed"), num(0)), eq(allocation, num(0)));
  const date = add(add(name("WalletThrough"), num(1)), name("WalletDepletionDays"));
  return [
    output("Credits left for the period", "WalletPeriodLeft", call("MAX", num(0), sub(allocation, name("WalletPeriodConsumed"))), "count"),
    output("First day of the trend that burns", "WalletBurnFromDay", firstBurningDay(r0, s), "count", "0 = the day after the last complete day"),
    output("Burn on that day (credits)", "WalletBurnFrom", add(r0, mul(s, name("WalletBurnFromDay"))), "decimal"),
    output(
      "Whole days the credits last at the trend",
      "WalletDepletionWholeDays",
      call("IF", noPeriod, str(""), trendDepletionWholeDays(left, r0, s, name("WalletBurnFromDay"), name("WalletBurnFrom"))),
      "count",
      "the last day whose cumulative burn is below the credits left",
    ),
    output(
      "Days the credits last at the trend",
      "WalletDepletionDays",
      call("IF", noPeriod, str(""), trendDepletionDays(left, s, name("WalletBurnFromDay"), name("WalletBurnFrom"), name("WalletDepletionWholeDays"))),
      "decimal",
      "the whole days, then the part of the next day's burn that is left",
    ),
    output(
      "Forecast depletion date",
      "WalletDepletionDate",
      // AWU.DEPLETION's rule: a date after 9999-12-31 is #N/A.
      call("IF", noPeriod, str(""), call("IF", gt(date, num(LAST_EXCEL_SERIAL + 1)), call("NA"), date)),
      "date",
      "at the trend, from the day after the last complete day",
    ),
    output(
      "Why there is no date",
      "WalletDepletionReason",
      call(
        "IF",
        call("OR", noPeriod, isNum(name("WalletDepletionDate"))),
        str(""),
        call("IF", isNum(name("WalletDepletionWholeDays")), str(messageFor({ code: "neverDepletes", reason: "pastLastDate" })), str(messageFor({ code: "neverDepletes", reason: "trendEnds" }))),
      ),
      "general",
    ),
  ];
}

/** The example period: November 2026, which the example ledger's days fall in. */
const EXAMPLE_PERIOD_START = 46327;
const concatLess = (e: Expr): Expr => concat(str("<"), e);
const concatAtMost = (e: Expr): Expr => concat(str("<="), e);
