/**
 * Live everywhere, as LibreOffice computes the portable file (issue 10): the Wallet's
 * depletion date and every scenario's results are native formulas, so they equal the
 * engine's (walletReport, computeScenarios) and follow their inputs. The what-if edits the
 * written file itself (ledger rows, a job's volume, scenario overrides, the discount, the
 * allocation, the term wallet's consumption and date), recalculates it, and checks every
 * formula cell against the same edits made in the description: nothing stays as it was written.
 */
import { Failure, walletReport } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { computeScenarios } from "../../src/template/actions/scenarios";
import { scenarioCellContent } from "../../src/template/actions/refresh";
import { offset } from "../../src/template/model/address";
import { tableHeaderCell, valueCell } from "../../src/template/model/layout";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { VALUES_LIST_HEADING, portableDescription } from "../../src/template/render/live";
import { SCENARIO_RESULT_COLUMNS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { disagreements, recalculate, tableOf, type RecalculatedBook } from "../support/libreoffice";
import { typedOver, type Edit } from "../support/typed-over";
import { NOV1, fallingTrend, longPeriod, named, recordsOf, withInput } from "../template/ledger-fixture";
import { withTableRows } from "../template/office-fixture";
import { paneInputs } from "../template/scenario-arbitraries";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const never = fallingTrend(3000);
const long = longPeriod(20000);

/** A table's data cell. */
const tableCell = (description: TemplateDescription, table: string, row: number, column: string): { sheet: string; address: string } => {
  const { sheet, block } = tableOf(description, table);
  return { sheet, address: offset(tableHeaderCell(block), 1 + row, block.columns.findIndex((c) => c.header === column)) };
};

// The what-if: three times the credits on every example ledger row and the last row moved to 6 November
// (or 9 November);
// the first job at twice its volume; the base scenario at a 50 % rerun rate, "Double volume" at three
// times, "Better resolution" at 90 %; a 30 % discount; 9,000 credits for the period; the term wallet
// 9,000,000 consumed as of ten days later.
const ledgerRows = tableOf(template, TABLES.ledger).block.rows;
const lastRow = ledgerRows.length - 1;
interface TableEdit {
  readonly table: string;
  readonly row: number;
  readonly column: string;
  readonly value: number;
}
/** The table edits, with the last ledger row moved to `lastSerial`. */
const tableEdits = (lastSerial: number): TableEdit[] => [
  ...ledgerRows.map((r, i) => ({ table: TABLES.ledger, row: i, column: "Units", value: 3 * (r.Units as number) })),
  { table: TABLES.ledger, row: lastRow, column: "Timestamp", value: lastSerial },
  { table: TABLES.jobs, row: 0, column: "Volume per week", value: (2 * 100000) / 52 },
  { table: TABLES.scenarios, row: 0, column: "Rerun rate", value: 0.5 },
  { table: TABLES.scenarios, row: 1, column: "Volume multiplier", value: 3 },
  { table: TABLES.scenarios, row: 4, column: "Resolution rate", value: 0.9 },
];
const LAST_ROW_ON = { sixth: NOV1 + 5.5, ninth: NOV1 + 8.5 } as const;
const inputEdits: [string, number][] = [
  ["PrepurchaseDiscount", 0.3],
  ["WalletPeriodAllocation", 9000],
  ["CreditsConsumed", 9_000_000],
  // 2026-12-03.
  ["WalletAsOf", 46359],
];

/** The same edits made in the description: what the recalculated file must compute. */
function edited(description: TemplateDescription, lastSerial: number): TemplateDescription {
  const edits = tableEdits(lastSerial);
  let d = description;
  for (const table of [...new Set(edits.map((e) => e.table))])
    d = withTableRows(d, table, (rows) => rows.map((r, i): TableRow => ({ ...r, ...Object.fromEntries(edits.filter((e) => e.table === table && e.row === i).map((e) => [e.column, e.value])) })));
  for (const [name, value] of inputEdits) d = withInput(d, name, value);
  return d;
}

/** The edits as cells of the file written from the template. */
const fileEdits = (lastSerial: number): Edit[] => [
  ...tableEdits(lastSerial).map((e) => ({ ...tableCell(template, e.table, e.row, e.column), value: e.value })),
  ...inputEdits.map(([name, value]) => ({ ...named(template, name), value })),
];

let books: Record<string, RecalculatedBook>;
beforeAll(async () => {
  const portable = async (d: TemplateDescription): Promise<Uint8Array> => writeWorkbook(d, { portable: true, cachedResults: false });
  books = await recalculate({
    template: await portable(template),
    never: await portable(never),
    long: await portable(long),
    whatIf: await typedOver(await portable(template), fileEdits(LAST_ROW_ON.sixth)),
    whatIfStops: await typedOver(await portable(template), fileEdits(LAST_ROW_ON.ninth)),
  });
});

const value = (book: string, description: TemplateDescription, name: string): unknown => {
  const { sheet, address } = named(description, name);
  return books[book]?.value(sheet, address);
};

/** The engine's depletion serial over a description's ledger and period inputs. */
function engineDepletion(description: TemplateDescription): number | Failure {
  const evaluator = workbookEvaluator(description);
  const number = (name: string): number => evaluator.cell(named(description, name).sheet, named(description, name).address) as number;
  const report = walletReport(recordsOf(tableOf(description, TABLES.ledger).block.rows), {
    periodStartSerial: number("WalletPeriodStart"),
    daysInPeriod: number("WalletPeriodDays"),
    allocation: number("WalletPeriodAllocation"),
  });
  return report.depletion instanceof Failure ? report.depletion : report.depletion.serial;
}

/** computeScenarios over what the pane would read from a description, in the cells' own terms (numbers, or the pane's words). */
function paneResults(description: TemplateDescription): unknown[][] {
  return computeScenarios(paneInputs(description)).results.map((row) => row.map((cell) => (typeof cell === "number" ? cell : scenarioCellContent(cell))));
}

/** The Scenarios table's result cells as LibreOffice computed them ("" read back as empty). */
const scenarioResults = (book: string, description: TemplateDescription): unknown[][] =>
  tableOf(description, TABLES.scenarios).block.rows.map((_, r) =>
    SCENARIO_RESULT_COLUMNS.map((c) => {
      const { sheet, address } = tableCell(description, TABLES.scenarios, r, c);
      return books[book]?.value(sheet, address) ?? "";
    }),
  );

const closeTo = (expected: unknown[][]): unknown => expected.map((row) => row.map((v) => (typeof v === "number" ? expect.closeTo(v, 9 - Math.max(0, Math.ceil(Math.log10(Math.abs(v) + 1)))) : v)));

describe("the portable template, recalculated by LibreOffice", () => {
  test("every formula cell, the scenario results and the depletion date included, is the evaluator's", () => {
    expect(disagreements(books.template as RecalculatedBook, portableDescription(template))).toEqual([]);
  });

  test("the Wallet's depletion date: 2 December, the engine's walletReport", () => {
    expect(value("template", template, "WalletDepletionDate")).toBeCloseTo(NOV1 + 5 + 26 + 740 / 940, 9);
    expect(value("template", template, "WalletDepletionDate")).toBeCloseTo(engineDepletion(template) as number, 9);
    expect(value("template", template, "WalletDepletionReason")).toBe("");
  });

  test("each scenario's results are computeScenarios's, to a billionth", () => {
    const results = scenarioResults("template", template);
    expect(results).toEqual(closeTo(paneResults(template)));
    // The base is the ROI sheet's 8.13 months of payback; the others are measured from it.
    expect(results[0]?.[2]).toBeCloseTo(value("template", template, "PaybackMonths") as number, 9);
    expect(results[0]?.slice(3)).toEqual([0, 0, 0]);
  });

  test("the Wallet lists the one figure left as a value, the rerun loops, and why", () => {
    const list = portableDescription(template).sheets.find((s) => s.name === "Wallet")?.blocks.find((b) => b.kind === "cells" && b.heading === VALUES_LIST_HEADING);
    if (list?.kind !== "cells") throw new Error("no list on the Wallet sheet");
    const book = books.template as RecalculatedBook;
    expect(book.value("Wallet", list.anchor)).toBe(VALUES_LIST_HEADING);
    expect(list.cells.map((_, i) => book.value("Wallet", valueCell(list, i)))).toEqual([named(template, "WalletRerunLoops").address, expect.stringMatching(/^D\d+:D\d+$/)]);
    expect(list.cells.map((_, i) => book.value("Wallet", offset(valueCell(list, i), 0, 1)))).toEqual(list.cells.map(() => expect.stringMatching(/^AWU\.RERUNLOOPS has no portable formula/)));
  });
});

describe("the depletion date in LibreOffice where the AWU workbook used to stop", () => {
  test("a falling trend that never spends the allocation says so: #N/A and the reason, not a date", () => {
    expect(engineDepletion(never)).toBeInstanceOf(Failure);
    expect(value("never", never, "WalletDepletionDate")).toBe("#N/A");
    expect(value("never", never, "WalletDepletionReason")).toBe(messageFor({ code: "neverDepletes", reason: "trendEnds" }));
    expect(disagreements(books.never as RecalculatedBook, portableDescription(never))).toEqual([]);
  });

  test("45 days elapsed, past the daily table's 31 rows: the engine's date", () => {
    expect(value("long", long, "WalletDaysElapsed")).toBe(45);
    expect(value("long", long, "WalletDepletionDate")).toBeCloseTo(engineDepletion(long) as number, 9);
    expect(disagreements(books.long as RecalculatedBook, portableDescription(long))).toEqual([]);
  });
});

describe("what-if: numbers typed into the written file, recalculated, follow through", () => {
  const after = edited(template, LAST_ROW_ON.sixth);

  test("every formula cell is what the same edits in the description compute", () => {
    expect(disagreements(books.whatIf as RecalculatedBook, portableDescription(after))).toEqual([]);
  });

  test("the depletion date follows the new ledger rows: the engine's date over them, earlier than before", () => {
    const date = value("whatIf", after, "WalletDepletionDate") as number;
    expect(value("whatIf", after, "WalletDaysElapsed")).toBe(6);
    expect(date).toBeCloseTo(engineDepletion(after) as number, 9);
    expect(date).toBeLessThan(value("template", template, "WalletDepletionDate") as number);
  });

  test("the last row on 9 November instead: three quiet days turn the trend down, short of the credits left, and the date says so", () => {
    const stops = edited(template, LAST_ROW_ON.ninth);
    expect(engineDepletion(stops)).toBeInstanceOf(Failure);
    expect([value("whatIfStops", stops, "WalletDaysElapsed"), value("whatIfStops", stops, "WalletDepletionDate")]).toEqual([9, "#N/A"]);
    expect(value("whatIfStops", stops, "WalletDepletionReason")).toBe(messageFor({ code: "neverDepletes", reason: "trendEnds" }));
    expect(disagreements(books.whatIfStops as RecalculatedBook, portableDescription(stops))).toEqual([]);
  });

  test("each scenario's results follow the jobs, the overrides and the discount: computeScenarios over the edited inputs", () => {
    const results = scenarioResults("whatIf", after);
    expect(results).toEqual(closeTo(paneResults(after)));
    expect(results).not.toEqual(closeTo(paneResults(template)));
  });

  test("the term wallet: 3,000,000 credits left from the typed date, at this month's burn", () => {
    const burn = value("whatIf", after, "BurnPerDay") as number;
    expect(value("whatIf", after, "WalletAsOf")).toBe(46359);
    expect((value("whatIf", after, "DepletionDate") as number) - 46359).toBeCloseTo(3_000_000 / burn, 9);
  });
});
