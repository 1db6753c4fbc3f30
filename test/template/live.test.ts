/**
 * Live everywhere (issue 10): the figures the portable file used to hold as values now follow
 * their inputs, each tied to the engine that computes the same maths. The Wallet's depletion
 * date is the engine's daysToDepletionTrend in closed form (against the engine directly, on
 * the period's ledgers, past the daily table's 31 days, and on a falling trend that never
 * spends the credits); each scenario's results are computeScenarios's (example and random
 * scenarios); the Wallet's as-of date is an input; and the list of figures still written as
 * values is exactly the cells the file holds as values.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { Failure, LAST_EXCEL_SERIAL, burnTrend, daysToDepletionTrend, serialFromIso, walletReport } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { scenarioNoteMessage } from "../../src/messages/workbook";
import { computeScenarios } from "../../src/template/actions/scenarios";
import { scenarioCellContent } from "../../src/template/actions/refresh";
import { offset, parseAddress, address as cellAddress } from "../../src/template/model/address";
import { sheetCells } from "../../src/template/model/cells";
import { add, mul, name, walk, type Expr } from "../../src/template/model/formula";
import { tableHeaderCell, valueCell } from "../../src/template/model/layout";
import type { CellBlock, SheetSpec, TableBlock, TableRow, TemplateDescription } from "../../src/template/model/description";
import { CellError, workbookEvaluator, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { VALUES_LIST_HEADING, portableDescription, withBuiltResults, writtenAsValues } from "../../src/template/render/live";
import { input, output } from "../../src/template/sheets/builders";
import { firstBurningDay, trendDepletionDays, trendDepletionWholeDays } from "../../src/template/sheets/ledger-formulas";
import { DAILY_ROWS, SCENARIO_RESULT_COLUMNS, STAMP_NAMES, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { TEMPLATE_MESSAGES } from "../../src/messages/sheet-notes";
import { writeWorkbook } from "../../src/template/writers/file";
import { fixtureDescription } from "./fixture";
import { AWKWARD_NAMES, NOV1, awkwardNames, days, fallingTrend, longPeriod, named, recordsOf, scenario, stepChange, withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";
import { budgetInputs, jobInputs, paneInputs, scenarioOverrides } from "./scenario-arbitraries";

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });

/** The engine stops looking for the day past 3,000,000 days (governance.ts MAX_DAYS), past Excel's last date from any start. */
const ENGINE_HORIZON = 3_000_000;

const close = (actual: ExcelValue, expected: number): boolean => typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
const shown = (v: ExcelValue): unknown => (v instanceof CellError ? v.code : v);

const tableOf = (description: TemplateDescription, table: string): { sheet: string; block: TableBlock } => {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === table) return { sheet: sheet.name, block };
  throw new Error(`no table ${table}`);
};

/** A sheet of the template by name. */
const sheetNamed = (description: TemplateDescription, sheet: string): SheetSpec => {
  const found = description.sheets.find((s) => s.name === sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  return found;
};

const valueOf = (evaluator: WorkbookEvaluator, description: TemplateDescription, defined: string): ExcelValue => {
  const { sheet, address } = named(description, defined);
  return evaluator.cell(sheet, address);
};

// ---- The depletion date's closed form against daysToDepletionTrend -------------------------------

/** The closed form on a sheet of its own, over a trend given as numbers: the cells the Wallet sheet has. */
function closedForm(balance: number, r0: number, slope: number): number | CellError | string {
  const cells: CellBlock = {
    kind: "cells",
    anchor: "A4",
    heading: "Depletion at a trend",
    cells: [
      input("Balance", "Balance", balance, "decimal"),
      input("Burn on the next day", "NextDayBurn", r0, "decimal"),
      input("Slope", "Slope", slope, "decimal"),
      output("First day that burns", "FirstDay", firstBurningDay(name("NextDayBurn"), name("Slope")), "count"),
      output("Its burn", "FirstBurn", add(name("NextDayBurn"), mul(name("Slope"), name("FirstDay"))), "decimal"),
      output("Whole days", "WholeDays", trendDepletionWholeDays(name("Balance"), name("NextDayBurn"), name("Slope"), name("FirstDay"), name("FirstBurn")), "count"),
      output("Days", "Days", trendDepletionDays(name("Balance"), name("Slope"), name("FirstDay"), name("FirstBurn"), name("WholeDays")), "decimal"),
    ],
  };
  const description: TemplateDescription = {
    ...template,
    sheets: [{ name: "Trend", purpose: "The depletion date's closed form on its own.", tabColor: "000000", columnWidths: [20, 14], blocks: [cells], conditionalFormats: [] }],
  };
  const v = workbookEvaluator(description).cell("Trend", valueCell(cells, 6));
  return v instanceof CellError ? v : (v as number);
}

/** The closed form's days over a history's trend against the engine's; the disagreement in words, or none. */
function depletionDisagreement(balance: number, history: readonly number[]): string | undefined {
  const engine = daysToDepletionTrend(balance, history);
  const trend = burnTrend(history);
  const sheet = closedForm(balance, trend.nextDayBurn, trend.slopePerDay);
  const agree =
    engine instanceof Failure
      ? sheet instanceof CellError && sheet.code === "#N/A"
      : engine >= ENGINE_HORIZON
        ? typeof sheet === "number" && sheet >= ENGINE_HORIZON
        : close(sheet as ExcelValue, engine);
  return agree ? undefined : `balance ${balance}, history ${JSON.stringify(history)}: engine ${engine instanceof Failure ? engine.problem.code : engine}, sheet ${JSON.stringify(shown(sheet as ExcelValue))}`;
}

describe("the depletion date's closed form is daysToDepletionTrend", () => {
  test.each<[string, number, number[], number | "#N/A"]>([
    // docs/model.md §7.5: forecast 40, 50, 60 a day; 90 in two days, the last 10 in 10/60 of day three.
    ["a rising trend (model.md §7.5)", 100, [10, 20, 30], 2 + 10 / 60],
    // 30, 20, 10: the line is at 0 on the next day.
    ["a trend already at 0 never spends anything", 100, [30, 20, 10], "#N/A"],
    // The line 230 − 20i over ten days is at 30 next, then 10, then stops: 40 in all.
    ["a falling trend spends 40 before it stops: short of 41", 41, [230, 210, 190, 170, 150, 130, 110, 90, 70, 50], "#N/A"],
    ["a falling trend spends 40 before it stops: 40 is day two's end", 40, [230, 210, 190, 170, 150, 130, 110, 90, 70, 50], 2],
    ["a falling trend: 20 of day one's 30", 20, [230, 210, 190, 170, 150, 130, 110, 90, 70, 50], 20 / 30],
    // −20, −10: the line is 0 on the next day and burns 10, 20, 30, 40 after it: 100 is spent at the end of day 4, 5 days in.
    ["a rising trend from below 0 burns from the day after its root", 100, [-20, -10], 5],
    ["a flat trend: balance ÷ burn", 1000, [80, 80, 80], 12.5],
    ["a flat trend at 0 never spends anything", 1000, [0, 0, 0], "#N/A"],
    ["one day is a constant burn", 90, [60], 1.5],
    ["a balance of 0 is spent at once", 0, [0, 0], 0],
  ])("%s", (_label, balance, history, expected) => {
    const sheet = closedForm(balance, burnTrend(history).nextDayBurn, burnTrend(history).slopePerDay);
    if (expected === "#N/A") expect(shown(sheet as ExcelValue)).toBe("#N/A");
    else expect(sheet).toBeCloseTo(expected, 9);
    expect(depletionDisagreement(balance, history)).toBeUndefined();
  });

  // Figures as typed, to four decimals.
  const decimal = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: Math.round(min * 1e4), max: Math.round(max * 1e4) }).map((n) => n / 1e4);

  test("random daily histories, rising, falling and flat: the same days to a billionth, and #N/A where the engine finds none", () => {
    fc.assert(
      fc.property(decimal(0, 1e6), fc.array(decimal(0, 1000), { minLength: 1, maxLength: 60 }), (balance, history) => {
        expect(depletionDisagreement(balance, history)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  test("random lines through any history, below 0 included: the branch where burning starts after the root too", () => {
    fc.assert(
      fc.property(decimal(0, 1e5), fc.array(decimal(-500, 500), { minLength: 2, maxLength: 20 }), (balance, history) => {
        expect(depletionDisagreement(balance, history)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});

// ---- The Wallet sheet's period: depletion over the ledger, against walletReport ----------------

/** The engine's wallet over the description's ledger rows and period inputs. */
function engineDepletion(description: TemplateDescription, evaluator: WorkbookEvaluator) {
  const number = (defined: string): number => valueOf(evaluator, description, defined) as number;
  return walletReport(recordsOf(tableOf(description, TABLES.ledger).block.rows), {
    periodStartSerial: number("WalletPeriodStart"),
    daysInPeriod: number("WalletPeriodDays"),
    allocation: number("WalletPeriodAllocation"),
  }).depletion;
}

/** The sheet's depletion date and reason against the engine's; the disagreement in words, or none. */
function walletDisagreement(description: TemplateDescription): string | undefined {
  const portable = portableDescription(description);
  const evaluator = workbookEvaluator(portable);
  const engine = engineDepletion(portable, evaluator);
  const date = valueOf(evaluator, portable, "WalletDepletionDate");
  const reason = valueOf(evaluator, portable, "WalletDepletionReason");
  const expected =
    engine instanceof Failure
      ? { date: "#N/A", reason: messageFor({ code: "neverDepletes", reason: "trendEnds" }) }
      : engine.serial > LAST_EXCEL_SERIAL + 1
        ? { date: "#N/A", reason: messageFor({ code: "neverDepletes", reason: "pastLastDate" }) }
        : { date: engine.serial, reason: "" };
  const agree = (typeof expected.date === "number" ? close(date, expected.date) : shown(date) === expected.date) && reason === expected.reason;
  return agree ? undefined : `engine ${JSON.stringify(expected)}, sheet ${JSON.stringify({ date: shown(date), reason })}`;
}

describe("the Wallet's depletion date follows the ledger as the engine's walletReport does", () => {
  test("the example rows: 14,650 credits left from 6 November run out on 2 December, 26.79 days in", () => {
    const portable = portableDescription(template);
    const evaluator = workbookEvaluator(portable);
    const value = (defined: string): ExcelValue => valueOf(evaluator, portable, defined);
    // 160m + 15m(m − 1): 13,910 after 26 days, then 740 of day 27's 940.
    expect([value("WalletPeriodLeft"), value("WalletBurnFromDay"), value("WalletBurnFrom"), value("WalletDepletionWholeDays")]).toEqual([14650, 0, 160, 26]);
    expect(value("WalletDepletionDate")).toBeCloseTo(NOV1 + 5 + 26 + 740 / 940, 9);
    expect(value("WalletDepletionReason")).toBe("");
    expect(walletDisagreement(template)).toBeUndefined();
  });

  test("a falling trend that never spends the allocation: #N/A and the reason, not a date", () => {
    const never = fallingTrend(3000);
    const evaluator = workbookEvaluator(portableDescription(never));
    // 1,400 consumed, 1,600 left; the trend burns 30 then 10 and stops.
    expect(valueOf(evaluator, never, "WalletPeriodConsumed")).toBe(1400);
    expect(valueOf(evaluator, never, "WalletTrendSlope")).toBeCloseTo(-20, 9);
    expect(valueOf(evaluator, never, "WalletNextDayBurn")).toBeCloseTo(30, 9);
    expect(shown(valueOf(evaluator, never, "WalletDepletionDate"))).toBe("#N/A");
    expect(valueOf(evaluator, never, "WalletDepletionReason")).toBe(messageFor({ code: "neverDepletes", reason: "trendEnds" }));
    expect(walletDisagreement(never)).toBeUndefined();
  });

  test("a falling trend that does spend it: 20 credits left go in 20/30 of 11 November", () => {
    const spent = fallingTrend(1420);
    const evaluator = workbookEvaluator(portableDescription(spent));
    expect(valueOf(evaluator, spent, "WalletDepletionDate")).toBeCloseTo(NOV1 + 10 + 20 / 30, 9);
    expect(walletDisagreement(spent)).toBeUndefined();
  });

  test(`a period longer than the daily table's ${DAILY_ROWS} rows: 45 days elapsed still give the engine's date`, () => {
    const long = longPeriod(20000);
    const evaluator = workbookEvaluator(portableDescription(long));
    expect(valueOf(evaluator, long, "WalletDaysElapsed")).toBe(45);
    expect(typeof valueOf(evaluator, long, "WalletDepletionDate")).toBe("number");
    expect(walletDisagreement(long)).toBeUndefined();
  });

  test(`a threshold the forecast reaches past the daily table's ${DAILY_ROWS} rows has no day, never the wrong day ${DAILY_ROWS + 1}`, () => {
    // About 3,000 credits by day 40 of 60: 50 % of 4,000 is reached inside the daily table, 75 % and 90 % past it.
    const long = longPeriod(4000);
    const evaluator = workbookEvaluator(portableDescription(long));
    const block = long.sheets.flatMap((s) => s.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === TABLES.walletThresholds);
    if (!block) throw new Error("no thresholds table");
    const columnOf = (header: string): ExcelValue[] =>
      block.rows.map((_r, i) => evaluator.cell("Wallet", offset(tableHeaderCell(block), 1 + i, block.columns.findIndex((c) => c.header === header))));
    const number = (defined: string): number => valueOf(evaluator, long, defined) as number;
    const report = walletReport(recordsOf(tableOf(long, TABLES.ledger).block.rows), {
      periodStartSerial: number("WalletPeriodStart"),
      daysInPeriod: number("WalletPeriodDays"),
      allocation: number("WalletPeriodAllocation"),
    });
    const engineDays = report.alerts.crossings.map((c) => c.day);
    const days = columnOf("Day of the period");
    expect(columnOf("Reached by the forecast")).toEqual(report.alerts.crossings.map((c) => (c.byForecast ? "Yes" : "No")));
    engineDays.forEach((day, i) => expect([i, days[i]]).toEqual([i, day === undefined || day + 1 > DAILY_ROWS ? "" : day + 1]));
    expect(engineDays.some((day) => day !== undefined && day + 1 > DAILY_ROWS)).toBe(true);
    expect(days).not.toContain(DAILY_ROWS + 1);
  });

  test.each<[string, () => TemplateDescription]>([
    ["a steady burn of 80 a day", () => scenario(days(1, 10, (d) => [{ serial: NOV1 + d - 1 + 0.5, job: "Research", units: 80 }]), 3000, [["Sales", 2000]])],
    ["a step change from 50 to 200 a day", stepChange],
    ["names that are wildcards", () => awkwardNames(AWKWARD_NAMES).description],
  ])("%s", (_label, make) => {
    expect(walletDisagreement(make())).toBeUndefined();
  });

  test.each<[string, TemplateDescription]>([
    ["no day elapsed", describeTemplate({ examples: false, asOf: "2026-11-23" })],
    ["no allocation", withInput(template, "WalletPeriodAllocation", 0)],
  ])("%s: the date and its reason are blank", (_label, none) => {
    const evaluator = workbookEvaluator(portableDescription(none));
    expect([valueOf(evaluator, none, "WalletDepletionDate"), valueOf(evaluator, none, "WalletDepletionReason")]).toEqual(["", ""]);
  });

  test("random ledgers of 1 to 50 days in a 60-day period: the engine's date, or #N/A where it finds none", () => {
    const base = withInput(scenario([], 1, []), "WalletPeriodDays", 60);
    fc.assert(
      fc.property(
        // At least one day with units: a ledger with no row is the "no day elapsed" case below, blank by design.
        fc.array(fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 1e4), { minLength: 1, maxLength: 50 }).filter((daily) => daily.some((units) => units > 0)),
        fc.integer({ min: 1, max: 100_000 }),
        (daily, allocation) => {
          const actions = daily.flatMap((units, i) => (units > 0 ? [{ serial: NOV1 + i + 0.5, job: "Research", units }] : []));
          const description = withInput(withTableRows(base, TABLES.ledger, () => ledgerRowsOf(actions)), "WalletPeriodAllocation", allocation);
          expect(walletDisagreement(description)).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Ledger rows for actions, through the fixture's own scenario (which also stamps the import). */
const ledgerRowsOf = (actions: readonly { serial: number; job: string; units: number }[]): TableRow[] => tableOf(scenario(actions, 1, []), TABLES.ledger).block.rows as TableRow[];

// ---- The Wallet's as-of date ---------------------------------------------------------------

describe("the Wallet's as-of date is an input: the workbook's date, not TODAY()", () => {
  test("no Wallet formula reads TODAY() or NOW()", () => {
    const volatile = sheetCells(sheetNamed(template, "Wallet")).flatMap((c) =>
      "formula" in c.content ? [...walk(c.content.formula)].flatMap((e) => (e.op === "call" && (e.fn === "TODAY" || e.fn === "NOW") ? [c.address] : [])) : [],
    );
    expect(volatile).toEqual([]);
  });

  test("WalletAsOf is an input holding the workbook's date; the term's depletion date counts from it", () => {
    const other = describeTemplate({ examples: true, asOf: "2027-02-14" });
    const cell = (d: TemplateDescription): unknown => {
      for (const s of d.sheets) for (const b of s.blocks) if (b.kind === "cells") for (const c of b.cells) if (c.name === "WalletAsOf") return c;
      return undefined;
    };
    expect(cell(template)).toMatchObject({ style: "input", value: { input: serialFromIso("2026-11-23") } });
    expect(cell(other)).toMatchObject({ value: { input: serialFromIso("2027-02-14") } });
    // 5,000,000 credits left at 53,000 × 20 × 12 ÷ 365 a day.
    const evaluator = workbookEvaluator(portableDescription(template));
    expect((valueOf(evaluator, template, "DepletionDate") as number) - serialFromIso("2026-11-23")).toBeCloseTo(5000000 / ((53000 * 20 * 12) / 365), 9);
  });
});

// ---- Every scenario's results, live in the portable file ---------------------------------------

/** The portable Scenarios table as the evaluator computes it, row by row, in SCENARIO_RESULT_COLUMNS order. */
function portableResults(description: TemplateDescription, evaluator: WorkbookEvaluator): ExcelValue[][] {
  const { sheet, block } = tableOf(description, TABLES.scenarios);
  return block.rows.map((_, r) => SCENARIO_RESULT_COLUMNS.map((c) => evaluator.cell(sheet, offset(tableHeaderCell(block), 1 + r, block.columns.findIndex((k) => k.header === c)))));
}

/** computeScenarios against the portable formulas: every result cell, numbers to a billionth, notes as the pane writes them. */
function scenarioDisagreements(description: TemplateDescription): string[] {
  const portable = portableDescription(description);
  const evaluator = workbookEvaluator(portable);
  const pane = computeScenarios(paneInputs(portable, evaluator)).results;
  const sheet = portableResults(portable, evaluator);
  return pane.flatMap((row, r) =>
    row.flatMap((expected, k) => {
      const actual = sheet[r]?.[k] ?? null;
      const agree = typeof expected === "number" ? close(actual, expected) : actual === scenarioCellContent(expected);
      return agree ? [] : [`row ${r + 1} ${SCENARIO_RESULT_COLUMNS[k]}: pane ${JSON.stringify(scenarioCellContent(expected))}, portable ${JSON.stringify(shown(actual))}`];
    }),
  );
}

describe("each scenario's results in the portable file are computeScenarios's", () => {
  test("the example scenarios: base, double volume, a stricter bar, per-user licences, better resolution", () => {
    const portable = portableDescription(template);
    const results = portableResults(portable, workbookEvaluator(portable));
    // Base payback is the ROI sheet's under the model in use (Flex Credits at 25 % off): $0.3975 of AI a case
    // (5.3 actions × 20 credits × $0.005 × 0.75), blended 0.3975 + 0.4 × 8.369032 × 0.8 = 3.0756, on 100,000 cases a year.
    // Doubling the volume doubles the cases, halving it.
    expect(results[0]?.[2]).toBeCloseTo(250000 / ((100000 * (8.369032172646627 - (0.3975 + 0.4 * 8.369032172646627 * 0.8))) / 12), 9);
    expect(results[1]?.[2]).toBeCloseTo((results[0]?.[2] as number) / 2, 9);
    expect(results[1]?.[0]).toBeCloseTo(2 * (results[0]?.[0] as number), 9);
    expect(results[0]?.slice(3)).toEqual([0, 0, 0]);
    expect(scenarioDisagreements(template)).toEqual([]);
  });

  test("no accepted outcomes and no payback are the pane's words, and their differences blank", () => {
    let d = withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => ({ ...r, "Volume per week": 0 })));
    d = withTableRows(d, TABLES.scenarios, (): TableRow[] => [{ Scenario: "Base", "Volume multiplier": 1 }, { Scenario: "Worse", "Resolution rate": 0 }]);
    const portable = portableDescription(d);
    const results = portableResults(portable, workbookEvaluator(portable));
    expect(results.map((r) => r[1])).toEqual([scenarioNoteMessage({ code: "noAcceptedOutcomes" }), scenarioNoteMessage({ code: "noAcceptedOutcomes" })]);
    expect(results[1]?.[2]).toBe(scenarioNoteMessage({ code: "noPayback" }));
    expect(results[1]?.slice(4)).toEqual(["", ""]);
    expect(scenarioDisagreements(d)).toEqual([]);
  });

  test("the refresh stamp says the results are live in the portable file, and asks for a refresh in the AWU workbook", () => {
    const stamp = (d: TemplateDescription): ExcelValue[] =>
      [STAMP_NAMES.at, STAMP_NAMES.rateCard].map((n) => {
        const { sheet, address } = named(d, n);
        return workbookEvaluator(d).cell(sheet, address);
      });
    expect(stamp(template)).toEqual([TEMPLATE_MESSAGES.scenarioStamp.notYet, ""]);
    expect(stamp(portableDescription(template))).toEqual([TEMPLATE_MESSAGES.scenarioStamp.live, TEMPLATE_MESSAGES.scenarioStamp.liveRateCard]);
  });

  test("the AWU workbook keeps them as results the pane refreshes: no formula there", () => {
    const columns = tableOf(template, TABLES.scenarios).block.columns.filter((c) => (SCENARIO_RESULT_COLUMNS as readonly string[]).includes(c.header));
    expect(columns.map((c) => [c.kind, c.formula === undefined, c.portableFormula !== undefined])).toEqual(SCENARIO_RESULT_COLUMNS.map(() => ["result", true, true]));
    const live = tableOf(portableDescription(template), TABLES.scenarios).block.columns.filter((c) => (SCENARIO_RESULT_COLUMNS as readonly string[]).includes(c.header));
    expect(live.map((c) => c.kind)).toEqual(SCENARIO_RESULT_COLUMNS.map(() => "formula"));
  });

  test("as built, the AWU workbook holds the first refresh's results: computeScenarios's figures, an annual total for each, the stamp says when", () => {
    const built = withBuiltResults(template);
    const evaluator = workbookEvaluator(built);
    const { sheet, block } = tableOf(built, TABLES.scenarios);
    const pane = computeScenarios(paneInputs(template, workbookEvaluator(template))).results;
    // The rows hold values (no formula), each the pane's own figure.
    block.rows.forEach((row, r) =>
      SCENARIO_RESULT_COLUMNS.forEach((c, k) => {
        const expected = pane[r]?.[k];
        const given = row[c];
        if (typeof expected === "number") expect(typeof given === "number" && close(given, expected)).toBe(true);
        else expect(given ?? "").toBe(expected === null || expected === undefined ? "" : scenarioCellContent(expected));
      }),
    );
    const annual = block.rows.map((_, r) => evaluator.cell(sheet, offset(tableHeaderCell(block), 1 + r, block.columns.findIndex((c) => c.header === "Annual cost"))));
    expect(annual.every((v) => typeof v === "number" && v > 0)).toBe(true);
    expect(annual[0]).toBeCloseTo(12 * (pane[0]?.[0] as number), 9);
    const stamp = named(built, STAMP_NAMES.at);
    expect(evaluator.cell(stamp.sheet, stamp.address)).toBe(TEMPLATE_MESSAGES.scenarioStamp.built);
  });

  test("random budgets and scenarios: every result and difference to a billionth", () => {
    fc.assert(
      fc.property(
        fc.array(jobInputs, { minLength: 1, maxLength: 5 }),
        budgetInputs,
        fc.array(scenarioOverrides, { minLength: 1, maxLength: 4 }),
        (rows, inputs, scenarios) => {
          let d = withTableRows(template, TABLES.jobs, (examples) => rows.map((r, i): TableRow => ({ ...(examples[i % examples.length] as TableRow), ...r, Job: `Job ${i + 1}` })));
          d = withTableRows(d, TABLES.scenarios, () => scenarios.map((o, i): TableRow => ({ Scenario: `S${i + 1}`, ...o })));
          for (const [key, value] of Object.entries(inputs)) d = withInput(d, key, value);
          expect(scenarioDisagreements(d)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---- What the portable file does not keep live, listed on its sheet ----------------------------------

/** Every cell of an address or range on one sheet. */
function cellsOf(range: string): string[] {
  const [from, to = from] = range.split(":") as [string, string?];
  const a = parseAddress(from);
  const b = parseAddress(to);
  const out: string[] = [];
  for (let row = a.row; row <= b.row; row++) for (let column = a.column; column <= b.column; column++) out.push(cellAddress({ row, column }));
  return out;
}

/** The cells a written portable file holds as values where its description has a formula, by sheet. */
async function valueCellsOfFile(description: TemplateDescription): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeWorkbook(description, { portable: true, now: () => new Date(2026, 10, 23) })).slice().buffer);
  const portable = portableDescription(description);
  return portable.sheets.flatMap((sheet) =>
    sheetCells(sheet).flatMap((c) => {
      if (!("formula" in c.content)) return [];
      const written = book.getWorksheet(sheet.name)?.getCell(c.address);
      return written?.formula === undefined ? [`${sheet.name}!${c.address}`] : [];
    }),
  );
}

/** The list blocks of the portable description: the cells each entry names, by sheet. */
function listedCells(description: TemplateDescription): string[] {
  return portableDescription(description).sheets.flatMap((sheet) =>
    sheet.blocks.flatMap((b) => (b.kind === "cells" && b.heading === VALUES_LIST_HEADING ? b.cells.flatMap((c) => cellsOf(String("input" in c.value ? c.value.input : "")).map((a) => `${sheet.name}!${a}`)) : [])),
  );
}

describe("each sheet of the portable file lists the figures it holds as values, and why", () => {
  test("the template: only the rerun loops (AWU.RERUNLOOPS), on the Wallet sheet; every other sheet is live", () => {
    const lists = portableDescription(template).sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "cells" && b.heading === VALUES_LIST_HEADING ? [{ sheet: s.name, block: b }] : [])));
    expect(lists.map((l) => l.sheet)).toEqual(["Wallet"]);
    expect(writtenAsValues(sheetNamed(template, "Wallet")).map((v) => [v.figure, v.refusal.fn])).toEqual([
      ["Rerun bursts (loops) in the ledger", "RERUNLOOPS"],
      [`${TABLES.loops}[Rerun bursts]`, "RERUNLOOPS"],
    ]);
    const list = lists[0]?.block as CellBlock;
    expect(list.cells.map((c) => c.value)).toEqual([{ input: named(template, "WalletRerunLoops").address }, expect.objectContaining({ input: expect.stringMatching(/^D\d+:D\d+$/) })]);
    expect(list.cells.every((c) => /^AWU\.RERUNLOOPS has no portable formula: /.test(c.note ?? ""))).toBe(true);
    // The AWU workbook computes every figure with the add-in: no list.
    expect(template.sheets.some((s) => s.blocks.some((b) => b.kind === "cells" && b.heading === VALUES_LIST_HEADING))).toBe(false);
  });

  test.each<[string, TemplateDescription]>([
    ["the template", template],
    ["a description with AWU.TOKENCOST and AWU.RATE on two sheets (the writers' fixture)", fixtureDescription()],
  ])("%s: the list names exactly the cells the written file holds as values", async (_label, description) => {
    const written = await valueCellsOfFile(description);
    expect(written.length).toBeGreaterThan(0);
    expect([...listedCells(description)].sort()).toEqual([...written].sort());
  });

  test("below everything else on its sheet, charts included, so it covers nothing", () => {
    const lists = portableDescription(fixtureDescription()).sheets.flatMap((sheet) => {
      const list = sheet.blocks.find((b): b is CellBlock => b.kind === "cells" && b.heading === VALUES_LIST_HEADING);
      if (!list) return [];
      const others = sheet.blocks.filter((b) => b !== list);
      const bottom = Math.max(...others.map((b) => (b.kind === "chart" ? parseAddress(b.to).row : Math.max(...sheetCells({ ...sheet, blocks: [b] }).map((c) => parseAddress(c.address).row)))));
      return [{ sheet: sheet.name, below: parseAddress(list.anchor).row > bottom, charted: others.some((b) => b.kind === "chart") }];
    });
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.some((l) => l.charted)).toBe(true);
    expect(lists.filter((l) => !l.below)).toEqual([]);
  });
});

describe("the portable description refers only to what it defines", () => {
  test("every name and table column in the scenario results' formulas exists", () => {
    const portable = portableDescription(template);
    const names = new Set(portable.sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "cells" ? b.cells.flatMap((c) => (c.name ? [c.name] : [])) : []))));
    const columns = new Map(portable.sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [[b.name, new Set(b.columns.map((c) => c.header))] as const] : []))));
    const formulas: Expr[] = tableOf(portable, TABLES.scenarios).block.columns.flatMap((c) => (c.formula ? [c.formula] : []));
    const unknown = formulas.flatMap((f) => [...walk(f)]).flatMap((e) => (e.op === "name" && !names.has(e.name) ? [e.name] : e.op === "column" && !columns.get(e.table)?.has(e.column) ? [`${e.table}[${e.column}]`] : e.op === "awu" ? [`AWU.${e.fn}`] : []));
    expect(unknown).toEqual([]);
  });
});
