/**
 * The Wallet sheet's period, forecast and alerts, and the Ledger sheet's summaries by agent,
 * team and action type and its audit block, computed by a spreadsheet engine (HyperFormula)
 * through the real functions bundle (docs/model.md §9.2, §9.6–9.8): worked by hand over the
 * ten example rows, and checked against the ledger engine (walletReport, summariseLedger) on
 * synthetic consumption series with known answers: a steady burn, a step change, a runaway loop.
 */
import { summariseLedger, walletReport, type LedgerFigures, type WalletReport } from "../../src/engine";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { offset } from "../../src/template/model/address";
import { sheetPrefix, walk } from "../../src/template/model/formula";
import { tableHeaderCell } from "../../src/template/model/layout";
import type { TableBlock, TableRow, TemplateDescription } from "../../src/template/model/description";
import { DAILY_ROWS, EXAMPLE_IMPORT, SPIKE, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { computeWorkbook } from "../support/hf-workbook";
import { AWKWARD_NAMES, NOV1, awkwardNames, days, fallingTrend, figuresByHeader, importStamp, longPeriod, named, recordsOf, scenario, stepChange, withInput, type Action } from "../template/ledger-fixture";
import { messageFor } from "../../src/messages";
import { withTableRows } from "../template/office-fixture";


type Book = ReturnType<typeof computeWorkbook>;

function tableOf(description: TemplateDescription, name: string): { sheet: string; block: TableBlock } {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === name) return { sheet: sheet.name, block };
  throw new Error(`no table ${name}`);
}

/** A table's cell as a formula reference, found through the layout rather than typed. */
function at(description: TemplateDescription, table: string, column: string, row: number): string {
  const { sheet, block } = tableOf(description, table);
  const index = block.columns.findIndex((c) => c.header === column);
  if (index < 0) throw new Error(`no column ${table}[${column}]`);
  return `=${sheetPrefix(sheet)}${offset(tableHeaderCell(block), 1 + row, index)}`;
}

function column(book: Book, description: TemplateDescription, table: string, header: string): unknown[] {
  const { block } = tableOf(description, table);
  return block.rows.map((_, i) => book.value(at(description, table, header, i)));
}

const num = (book: Book, formula: string): number => {
  const v = book.value(formula);
  if (typeof v !== "number") throw new Error(`${formula} gave ${JSON.stringify(v)}`);
  return v;
};

/** The engine's wallet over the description's own ledger rows and inputs. */
function engineWallet(description: TemplateDescription, book: Book): WalletReport {
  const { block } = tableOf(description, TABLES.ledger);
  const teams = tableOf(description, TABLES.teams).block.rows.map((r) => ({ team: r.Team as string, budgetUnits: r["Budget (credits)"] as number }));
  return walletReport(recordsOf(block.rows), {
    periodStartSerial: num(book, "=WalletPeriodStart"),
    daysInPeriod: num(book, "=WalletPeriodDays"),
    allocation: num(book, "=WalletPeriodAllocation"),
    teamBudgets: teams,
    commit: { prepaidPrice: num(book, "=PrepaidPricePer100kCredits"), paygPrice: num(book, "=PaygPricePer100kCredits"), uncertainty: num(book, "=CommitUncertainty") },
  });
}

/** The sheet's period figures agree with the engine's walletReport, to a billionth. */
function expectSheetMatchesEngine(description: TemplateDescription, book: Book): WalletReport {
  const report = engineWallet(description, book);
  const close = (formula: string, expected: number): void => expect([formula, num(book, formula)]).toEqual([formula, expect.closeTo(expected, 6)]);
  close("=WalletPeriodConsumed", report.consumedUnits);
  close("=WalletDaysElapsed", report.days.length);
  close("=WalletTrendSlope", report.alerts.forecast.trend.slopePerDay);
  close("=WalletNextDayBurn", report.alerts.forecast.trend.nextDayBurn);
  close("=WalletPeriodForecast", report.alerts.forecast.forecastUnits);
  const words = (t: number | undefined): string => (t === undefined ? "OK" : `${t * 100}%`);
  expect(book.value("=WalletPeriodAlert")).toBe(words(report.alerts.actualAlert));
  expect(book.value("=WalletPeriodForecastAlert")).toBe(words(report.alerts.forecastAlert));
  // The day each threshold is reached, actual or forecast.
  const days = column(book, description, TABLES.walletThresholds, "Day of the period");
  expect(days).toEqual(report.alerts.crossings.map((c) => c.day ?? ""));
  expect(column(book, description, TABLES.walletThresholds, "Reached by the actuals")).toEqual(report.alerts.crossings.map((c) => (c.byActual ? "Yes" : "No")));
  expect(column(book, description, TABLES.walletThresholds, "Reached by the forecast")).toEqual(report.alerts.crossings.map((c) => (c.byForecast ? "Yes" : "No")));
  if ("serial" in report.depletion) close("=WalletDepletionDate", report.depletion.serial);
  else expect(book.value("=ISNA(WalletDepletionDate)")).toBe(true);
  // Anomalies: the period's days the engine flags, and no others.
  const periodDays = report.days.map((d) => d.serial);
  const flagged = column(book, description, TABLES.daily, "Anomaly").flatMap((v, i) => (v === SPIKE ? [NOV1 + i] : []));
  expect(flagged).toEqual(report.anomalies.map((a) => a.serial).filter((s) => periodDays.includes(s)));
  expect(num(book, "=WalletRerunLoops")).toBe(report.bursts.length);
  // Teams in the budgets' order: consumption, forecast and both statuses.
  const teams = report.teams.filter((t) => t.budgetUnits !== undefined);
  column(book, description, TABLES.teams, "Team").forEach((team, i) => {
    const t = teams[i];
    expect(t?.label).toBe(team);
    expect(num(book, at(description, TABLES.teams, "Consumed (credits)", i))).toBeCloseTo(t?.consumedUnits ?? Number.NaN, 6);
    expect(num(book, at(description, TABLES.teams, "Forecast (credits)", i))).toBeCloseTo(t?.forecastUnits ?? Number.NaN, 6);
    expect([team, book.value(at(description, TABLES.teams, "Alert", i)), book.value(at(description, TABLES.teams, "Forecast alert", i))]).toEqual([team, t?.actualStatus, t?.forecastStatus]);
  });
  close("=WalletNextTermCredits", report.commit?.expectedCredits ?? Number.NaN);
  close("=WalletCommitCredits", report.commit?.commitCredits ?? Number.NaN);
  return report;
}

describe("the example wallet period, worked by hand (docs/model.md §9.6)", () => {
  const description = describeTemplate({ examples: true, asOf: "2026-11-23" });
  const book = computeWorkbook(description);
  const value = (name: string): unknown => book.value(`=${name}`);

  test("consumption to the last day with a record: 0, 60, 50, 120, 120 credits on 1–5 November", () => {
    expect(value("WalletPeriodStart")).toBe(NOV1);
    expect(value("WalletThrough")).toBe(NOV1 + 4);
    expect(value("WalletDaysElapsed")).toBe(5);
    expect(value("WalletDaysRemaining")).toBe(25);
    expect(value("WalletPeriodConsumed")).toBe(350);
    expect(value("WalletCreditsOutside")).toBe(0);
    expect(column(book, description, TABLES.daily, "Actual (credits)").slice(0, 6)).toEqual([0, 60, 50, 120, 120, ""]);
  });

  test("the trend: Σ day × credits 1,000, slope 30 a day, 160 on the next day, 13,350 forecast (89 % → the 75 % alert)", () => {
    // x = 0…4, Σx 10, Σy 350, Σxy 0·0 + 1·60 + 2·50 + 3·120 + 4·120 = 1,000; Sxy = 1,000 − 10 × 350 ÷ 5 = 300; Sxx = 10.
    expect(value("WalletDayCredits")).toBe(1000);
    expect(value("WalletTrendSlope")).toBeCloseTo(30, 12);
    // 70 + 30 × (5 + 1) ÷ 2.
    expect(value("WalletNextDayBurn")).toBeCloseTo(160, 12);
    // 350 + Σ_{k=0}^{24} (160 + 30k) = 350 + 4,000 + 9,000.
    expect(value("WalletPeriodForecast")).toBeCloseTo(13350, 9);
    expect(value("WalletPeriodAlert")).toBe("OK");
    expect(value("WalletPeriodForecastUsed")).toBeCloseTo(0.89, 12);
    expect(value("WalletPeriodForecastAlert")).toBe("75%");
    // Day 6 onwards: 160, 190, 220, …
    expect(column(book, description, TABLES.daily, "Forecast (credits)").slice(4, 8)).toEqual([120, 160, 190, 220]);
    expect(num(book, `=SUM(${at(description, TABLES.daily, "Forecast (credits)", 0).slice(1)}:${at(description, TABLES.daily, "Forecast (credits)", DAILY_ROWS - 1).slice(1).replace(/^.*!/, "")})`)).toBeCloseTo(13350, 9);
  });

  test("thresholds: 50 % on day 23, 75 % on day 28 (forecast); 90 % and 100 % not this period", () => {
    // 350 + 160m + 15m(m − 1) first reaches 7,500 at m = 18 (day 23) and 11,250 at m = 23 (day 28).
    expect(column(book, description, TABLES.walletThresholds, "Threshold")).toEqual([0.5, 0.75, 0.9, 1]);
    expect(column(book, description, TABLES.walletThresholds, "Reached by the actuals")).toEqual(["No", "No", "No", "No"]);
    expect(column(book, description, TABLES.walletThresholds, "Reached by the forecast")).toEqual(["Yes", "Yes", "No", "No"]);
    expect(column(book, description, TABLES.walletThresholds, "Day of the period")).toEqual([23, 28, "", ""]);
    expect(column(book, description, TABLES.walletThresholds, "Date")).toEqual([NOV1 + 22, NOV1 + 27, "", ""]);
  });

  test("depletion on 2 December: 14,650 left from 6 November burns out 26.79 days in", () => {
    // 160m + 15m(m − 1): 13,910 after 26 days, then 740 of day 27's 940.
    expect(value("WalletDepletionDate")).toBeCloseTo(NOV1 + 5 + 26 + 740 / 940, 9);
  });

  test("teams: Sales forecasts 7,950 of 9,000 (80 %), Marketing 5,400 of 5,000 (100 %), Service nothing", () => {
    const teams = (c: string): unknown[] => column(book, description, TABLES.teams, c);
    expect(teams("Team")).toEqual(["Sales", "Marketing", "Service"]);
    expect(teams("Consumed (credits)")).toEqual([200, 150, 0]);
    // Sales 0, 60, 20, 0, 120: slope 18, next day 94; Marketing 0, 0, 30, 120, 0: slope 12, next day 66.
    expect(teams("Trend (credits a day, per day)").map((v) => Number((v as number).toFixed(9)))).toEqual([18, 12, 0]);
    expect(teams("Burn on the next day").map((v) => Number((v as number).toFixed(9)))).toEqual([94, 66, 0]);
    expect(teams("Forecast (credits)").map((v) => Number((v as number).toFixed(9)))).toEqual([7950, 5400, 0]);
    expect(teams("Alert")).toEqual(["OK", "OK", "OK"]);
    expect(teams("Forecast alert")).toEqual(["80%", "100%", "OK"]);
    expect(value("WalletUnbudgetedCredits")).toBe(0);
  });

  test("pre-purchase from actuals: 40,350 credits expected next term, AWU.COMMIT's commitment below it", () => {
    // Σ_{k=25}^{54} (160 + 30k) = 4,800 + 35,550.
    expect(value("WalletNextTermDays")).toBe(30);
    expect(value("WalletNextTermCredits")).toBeCloseTo(40350, 9);
    const commit = value("WalletCommitCredits") as number;
    expect(commit).toBeGreaterThan(0.8 * 40350);
    expect(commit).toBeLessThan(40350);
  });

  test("no spikes and no loops in the example rows", () => {
    expect(value("WalletSpikeDays")).toBe(0);
    expect(value("WalletRerunLoops")).toBe(0);
    expect(value("WalletLoopAlert")).toBe("None");
    expect(column(book, description, TABLES.loops, "Rerun bursts")).toEqual([0, 0, 0]);
  });

  test("every figure agrees with the engine's walletReport over the same rows", () => {
    expectSheetMatchesEngine(description, book);
  });

  test("a last complete day typed in: the partial day after it leaves the trend", () => {
    const pinned = computeWorkbook(withInput(description, "WalletThroughInput", NOV1 + 3));
    expect(pinned.value("=WalletDaysElapsed")).toBe(4);
    expect(pinned.value("=WalletPeriodConsumed")).toBe(230);
    expect(pinned.value("=WalletCreditsOutside")).toBe(120);
  });
});

describe("synthetic consumption series with known answers, sheet against engine", () => {

  test("a steady burn: 80 a day for 10 days of 30, 3,000 allocated → forecast 2,400 raises 75 % on day 1; actuals reach 50 % on day 19", () => {
    const description = scenario(
      days(1, 10, (d) => [{ serial: NOV1 + d - 1 + 0.5, job: "Research", units: 80 }]),
      3000,
      [["Sales", 2000]],
    );
    const book = computeWorkbook(description);
    expect(book.value("=WalletPeriodForecast")).toBeCloseTo(2400, 9);
    expect(book.value("=WalletPeriodAlert")).toBe("OK");
    expect(book.value("=WalletPeriodForecastAlert")).toBe("75%");
    expect(column(book, description, TABLES.walletThresholds, "Day of the period")).toEqual([19, 29, "", ""]);
    // 2,200 left at 80 a day from 11 November: 27.5 days.
    expect(book.value("=WalletDepletionDate")).toBeCloseTo(NOV1 + 10 + 27.5, 9);
    // The team's 2,000: 2,400 forecast is 120 %.
    expect(column(book, description, TABLES.teams, "Forecast alert")).toEqual(["120%"]);
    expect(book.value("=WalletSpikeDays")).toBe(0);
    expectSheetMatchesEngine(description, book);
  });

  test("a step change: 50 a day, then 200 from day 15 → spikes on days 15–18, until 200 is the median", () => {
    const description = stepChange();
    const book = computeWorkbook(description);
    const flags = column(book, description, TABLES.daily, "Anomaly");
    expect(flags.flatMap((v, i) => (v === SPIKE ? [i + 1] : []))).toEqual([15, 16, 17, 18]);
    expect(book.value("=WalletSpikeDays")).toBe(4);
    expect(column(book, description, TABLES.daily, "Median of the 7 days before")[14]).toBe(50);
    expectSheetMatchesEngine(description, book);
  });

  test("a runaway loop: 100 reruns of Research every 30 s on day 8 → one burst on Research, and day 8 a spike", () => {
    const steady = days(1, 10, (d) =>
      Array.from({ length: 24 }, (_, h): Action => ({ serial: NOV1 + d - 1 + h / 24, job: h % 2 === 0 ? "Research" : "Enrichment", units: 25, team: h % 2 === 0 ? "Sales" : "Service" })),
    );
    const loop = Array.from({ length: 100 }, (_, i): Action => ({ serial: NOV1 + 7 + (14 * 3600 + 10 + 30 * i) / 86400, job: "Research", units: 20, rerun: true, status: "failed" }));
    let description = scenario([...steady, ...loop], 30000, [["Sales", 15000], ["Service", 8000]]);
    description = withTableRows(description, TABLES.loops, () => [{ Example: "", Job: "Research" }, { Example: "", Job: "Enrichment" }]);
    const book = computeWorkbook(description);
    expect(book.value("=WalletRerunLoops")).toBe(1);
    expect(book.value("=WalletLoopAlert")).toBe("Loop suspected: see Rerun bursts by job");
    expect(column(book, description, TABLES.loops, "Rerun bursts")).toEqual([1, 0]);
    expect(column(book, description, TABLES.loops, "Reruns")).toEqual([100, 0]);
    // 600 a day; day 8 is 2,600 against a median of 600.
    expect(column(book, description, TABLES.daily, "Actual (credits)")[7]).toBe(2600);
    expect(column(book, description, TABLES.daily, "Anomaly").flatMap((v, i) => (v === SPIKE ? [i + 1] : []))).toEqual([8]);
    const report = expectSheetMatchesEngine(description, book);
    expect(report.bursts.map((b) => b.label)).toEqual(["Research"]);
  });
});

describe("the depletion date in closed form, where AWU.DEPLETION over the daily table used to stop", () => {
  test("a falling trend: 1,400 credits in ten days falling by 20 a day burn 40 more; 1,600 left are never spent (#N/A and why)", () => {
    const description = fallingTrend(3000);
    const book = computeWorkbook(description);
    expect(book.value("=ISNA(WalletDepletionDate)")).toBe(true);
    expect(book.value("=WalletDepletionReason")).toBe(messageFor({ code: "neverDepletes", reason: "trendEnds" }));
    expectSheetMatchesEngine(description, book);
  });

  test("the same trend with 20 credits left: 20 of the next day's 30", () => {
    const description = fallingTrend(1420);
    const book = computeWorkbook(description);
    expect(book.value("=WalletDepletionDate")).toBeCloseTo(NOV1 + 10 + 20 / 30, 9);
    expectSheetMatchesEngine(description, book);
  });

  test(`45 days elapsed of 60, past the daily table's ${DAILY_ROWS} rows: the engine's date, not #N/A`, () => {
    const description = longPeriod(20000);
    const book = computeWorkbook(description);
    expect(book.value("=WalletDaysElapsed")).toBe(45);
    expect(typeof book.value("=WalletDepletionDate")).toBe("number");
    expectSheetMatchesEngine(description, book);
  });
});

describe("the Ledger sheet by agent, team and action type, and its audit block", () => {
  const description = describeTemplate({ examples: true, asOf: "2026-11-23" });
  const book = computeWorkbook(description);
  const ledger = tableOf(description, LEDGER_WORKBOOK.ledger.table).block;
  const summary = summariseLedger(recordsOf(ledger.rows), { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0.25 } });

  test.each([
    [TABLES.ledgerByAgent, "Agent", summary.byAgent],
    [TABLES.ledgerByTeam, "Team", summary.byTeam],
    [TABLES.ledgerByActionType, "Action type", summary.byActionType],
  ] as const)("%s gives the engine's figures for every row", (table, key, groups) => {
    const labels = column(book, description, table, key);
    expect([...labels].sort()).toEqual(groups.map((g) => g.label).sort());
    labels.forEach((label, i) => {
      const f = groups.find((g) => g.label === label)?.figures as LedgerFigures;
      const sheet = (c: string): unknown => book.value(at(description, table, c, i));
      const { counts, ratios } = figuresByHeader(f);
      for (const [c, expected] of counts) expect([label, c, sheet(c)]).toEqual([label, c, expected]);
      for (const [c, expected] of ratios) expect([label, c, sheet(c)]).toEqual([label, c, expected === undefined ? "" : expect.closeTo(expected, 12)]);
    });
  });

  test("by agent, worked by hand: the Mailer's 150 credits, 2 of 4 validated, $0.5625, $0.28 per validated outcome", () => {
    const i = column(book, description, TABLES.ledgerByAgent, "Agent").indexOf("Mailer");
    const sheet = (c: string): unknown => book.value(at(description, TABLES.ledgerByAgent, c, i));
    expect([sheet("Units attempted"), sheet("Actions attempted"), sheet("Actions validated"), sheet("Units rerun"), sheet("Units validated")]).toEqual([150, 4, 2, 60, 90]);
    expect(sheet("Cost")).toBeCloseTo(0.5625, 12);
    expect(sheet("Cost per validated outcome")).toBeCloseTo(0.28125, 12);
    expect(sheet("Rerun inflation")).toBeCloseTo(60 / 90, 12);
  });

  test("by team: Sales 200 credits, Marketing 150, adding up to the ledger's 350", () => {
    expect(column(book, description, TABLES.ledgerByTeam, "Team")).toEqual(["Sales", "Marketing"]);
    expect(column(book, description, TABLES.ledgerByTeam, "Units attempted")).toEqual([200, 150]);
    expect(book.value("=LedgerUnitsUnlistedTeams")).toBe(0);
    expect(book.value("=LedgerUnitsUnlistedAgents")).toBe(0);
    expect(book.value("=LedgerUnitsUnlistedActionTypes")).toBe(0);
  });

  test("the audit block: the ten example rows and 350 credits reconcile (no import yet)", () => {
    expect([book.value("=LedgerRowCount"), book.value("=LedgerExampleRows"), book.value("=LedgerImportedRows"), book.value("=LedgerRowsGap")]).toEqual([10, 10, 0, 0]);
    expect([book.value("=LedgerUnitsTotal"), book.value("=LedgerExampleUnits"), book.value("=LedgerImportedUnits"), book.value("=LedgerUnitsGap")]).toEqual([350, 350, 0, 0]);
    expect(book.value("=LedgerReconciled")).toBe("Yes");
    expect(ledger.rows.every((r) => r.Import === EXAMPLE_IMPORT)).toBe(true);
  });

  test("an import's stamp reconciles to the credit; a row or a credit that no import accounts for is flagged", () => {
    const actions: Action[] = [
      { serial: NOV1 + 1.5, job: "Research", units: 12.25 },
      { serial: NOV1 + 2.5, job: "Research", units: 0.1 },
      { serial: NOV1 + 2.6, job: "Enrichment", units: 0.2 },
    ];
    const ok = scenario(actions, 1000, [["Sales", 500]]);
    const good = computeWorkbook(ok);
    expect([good.value("=LedgerImportedRows"), good.value("=LedgerRowsGap"), good.value("=LedgerReconciled")]).toEqual([3, 0, "Yes"]);
    expect(good.value("=LedgerUnitsGap")).toBeCloseTo(0, 12);
    // One more row typed into the ledger by hand: a row and 5 credits unaccounted for.
    const extra = withTableRows(ok, TABLES.ledger, (rows) => [...rows, { ...(rows[0] as TableRow), Units: 5, Key: "typed", Import: "" }]);
    const bad = computeWorkbook(extra);
    expect([bad.value("=LedgerRowsGap"), bad.value("=LedgerUnitsGap"), bad.value("=LedgerReconciled")]).toEqual([1, expect.closeTo(5, 9), "No: the ledger differs from the imports' stamps"]);
    // A stamp short of a hundredth of a credit: not reconciled either.
    const short = computeWorkbook(withTableRows(ok, TABLES.imports, () => [importStamp(3, 12.54)]));
    expect(short.value("=LedgerReconciled")).toBe("No: the ledger differs from the imports' stamps");
  });
});

describe("names that are wildcards (*, ?, a*), through the functions bundle", () => {
  // HyperFormula departs from Excel here: it reads "=<5" as the operator "=<", "=b" typed in a
  // cell as a formula and "4100" as a number, and takes ~ as an escape only beside * or ?.
  // Those names are LibreOffice's to check (libreoffice.test.ts).
  const names = AWKWARD_NAMES.filter((n) => !/^[<>=]|~|^\d+$/.test(n));
  const { description } = awkwardNames(names);
  const book = computeWorkbook(description);
  const ledger = tableOf(description, LEDGER_WORKBOOK.ledger.table).block;
  const summary = summariseLedger(recordsOf(ledger.rows), { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0.25 } });

  test.each([
    [TABLES.ledgerSummary, "Job", summary.byJob],
    [TABLES.ledgerByActionType, "Action type", summary.byActionType],
    [TABLES.ledgerByAgent, "Agent", summary.byAgent],
    [TABLES.ledgerByTeam, "Team", summary.byTeam],
  ] as const)("%s: each name's row is the engine's group of exactly that name", (table, key, groups) => {
    expect(column(book, description, table, key)).toEqual(groups.map((g) => g.label));
    groups.forEach((group, i) => {
      const { counts } = figuresByHeader(group.figures);
      for (const [c, expected] of counts) expect([group.label, c, book.value(at(description, table, c, i))]).toEqual([group.label, c, expected]);
    });
    expect(book.value("=LedgerUnitsUnlisted")).toBe(0);
  });

  test("the wallet: every team's consumption, trend, forecast and status are the engine's", () => {
    expectSheetMatchesEngine(description, book);
  });

  test("AWU.RERUNLOOPS compares job names exactly: the loop of a* is not the loop of *", () => {
    expect(column(book, description, TABLES.loops, "Job")).toEqual(["*", "a*"]);
    expect(column(book, description, TABLES.loops, "Rerun bursts")).toEqual([0, 1]);
    expect(book.value("=WalletRerunLoops")).toBe(1);
  });
});

test("without examples, the Wallet and Ledger sheets compute to nothing rather than errors", () => {
  const empty = computeWorkbook(describeTemplate({ examples: false, asOf: "2026-11-23" }));
  for (const sheet of ["Wallet", "Ledger"]) {
    const id = empty.hf.getSheetId(sheet) as number;
    const errors = empty.hf.getSheetValues(id).flatMap((row, r) => row.flatMap((v, c) => (typeof v === "object" && v !== null && "type" in v ? [`${sheet}!R${r + 1}C${c + 1}`] : [])));
    expect(errors).toEqual([]);
  }
  // The period is this month; nothing consumed, no forecast, no alert without an allocation.
  expect(empty.value("=WalletPeriodStart")).toBe(NOV1);
  expect(empty.value("=WalletDaysElapsed")).toBe(0);
  expect(empty.value("=WalletPeriodForecast")).toBe(0);
  expect(empty.value("=WalletPeriodForecastAlert")).toBe("");
  expect(empty.value("=WalletDepletionDate")).toBe("");
  expect(empty.value("=WalletRerunLoops")).toBe(0);
  expect(empty.value("=LedgerReconciled")).toBe("Yes");
});

test("the period's traffic lights: the actuals' cells by the actual share, the forecast's by the forecast share", () => {
  const description = describeTemplate({ examples: true, asOf: "2026-11-23" });
  const wallet = description.sheets.find((s) => s.name === "Wallet");
  const cellOf = (name: string): string => named(description, name).address;
  const plain = (a: string): string => a.replace(/\$/g, "");
  for (const [first, second] of [["WalletPeriodUsed", "WalletPeriodAlert"], ["WalletPeriodForecastUsed", "WalletPeriodForecastAlert"]] as const) {
    const rule = wallet?.conditionalFormats.find((cf) => plain(cf.range) === `${cellOf(first)}:${cellOf(second)}`);
    const refs = [...walk(rule?.rules[0]?.when ?? { op: "num", value: 0 })].flatMap((e) => (e.op === "ref" ? [plain(e.address)] : []));
    expect([first, refs]).toEqual([first, [cellOf(first)]]);
  }
});
