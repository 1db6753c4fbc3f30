/**
 * Messy usage logs from the real world (test/import/fixtures) → exact counts, every rejected
 * row with its line in the file and its reason, and the accepted records field by field.
 * Lines count as a text editor numbers them: the header, blank lines and the line breaks
 * inside quoted values all count.
 *
 *   vendor-export.csv   UTF-8 BOM, CRLF, quoted commas, a quoted line break, "1,200", blank
 *                       lines (one of bare commas), ISO dates with and without time and zone,
 *                       status synonyms, bad status, negative, blank and non-numeric units,
 *                       an unquoted comma, a bad yes/no, a date before 2000, a repeated row
 *   european.csv        "sep=;" line, semicolons, decimal comma, "1.200,5", DMY dates (proved
 *                       by 13/11), dotted dates, WAHR/FALSCH, a quoted semicolon
 *   team-log.tsv        tabs, month-first dates nothing proves, AM/PM, an Excel serial, epoch
 *                       seconds, month names, a weekday, an agent called "007"
 *   minimal.csv         only timestamp and credits: every optional field defaults
 *   no-units.csv        no column for the units: refused before reading a row
 *   broken-quote.csv    a quote never closed
 *   report-with-title.csv  a report's title and "generated" lines above the header, a total row
 */
import ExcelJS from "exceljs";
import { importRefusalMessage, type RejectReason } from "../../src/messages/import";
import { importTable, inspectTable, loadLog, proposeMapping, type ColumnMapping, type ImportResult, type LoadedLog } from "../../src/import";
import { fixtureBytes, loadFixture } from "./support";

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, m - 1, d, h, mi, s, ms);

function run(log: LoadedLog, change: Partial<ColumnMapping> = {}): ImportResult {
  const result = importTable(log.table, { ...proposeMapping(log.table.headers).mapping, ...change });
  if (!result.ok) throw new Error(importRefusalMessage(result.problem));
  return result;
}

/** Line → reasons (data: src/messages/import.ts words them), for exact comparison. */
const reasons = (result: ImportResult): [number, readonly RejectReason[]][] => result.rejects.map((r) => [r.sourceRow, r.reasons]);

describe("vendor-export.csv: BOM, quoted commas and line breaks, blank lines, ISO dates, thousands", () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = run(await loadFixture("vendor-export.csv"));
  });

  test("counts: every data row accepted or rejected, blank lines apart", () => {
    expect(result.counts).toEqual({ read: 16, accepted: 7, rejected: 9, duplicates: 0, blankLines: 2 });
    expect(result.counts.accepted + result.counts.rejected + result.counts.duplicates).toBe(result.counts.read);
  });

  test("each reject: its line in the file and every reason, as data with its facts", () => {
    expect(reasons(result)).toEqual([
      [10, [{ code: "notAStatus", header: "Outcome", text: "maybe" }]],
      [11, [{ code: "negative", header: "Credits Consumed", text: "-3" }]],
      [12, [{ code: "blankRequired", header: "Credits Consumed", field: "units" }]],
      [13, [{ code: "fieldCount", got: 9, expected: 8 }]],
      [14, [{ code: "notADate", header: "Date/Time", text: "not a date" }]],
      [15, [{ code: "notANumber", header: "Credits Consumed", text: "two", decimal: "." }]],
      [16, [{ code: "notABoolean", header: "Escalated", text: "perhaps" }]],
      [19, [{ code: "implausibleDate", header: "Date/Time", text: "1999-12-31T23:00:00Z" }]],
      [
        20,
        [
          { code: "negative", header: "Credits Consumed", text: "-1" },
          { code: "notAStatus", header: "Outcome", text: "nope" },
        ],
      ],
    ]);
    expect(result.rejects[3]?.raw).toBe("2026-11-05T10:03:00Z,Scout,Research, EMEA,search,2,success,no,no");
  });

  test("accepted records, field by field", () => {
    const rows = result.records.map((r) => [r.sourceRow, r.timestampMs, r.agent, r.job, r.actionType, r.units, r.status, r.escalated, r.rerun, r.reviewMinutes, r.team]);
    expect(rows).toEqual([
      [2, utc(2026, 11, 3, 14, 5), "Scout", "Research, EMEA", "search", 1200, "succeeded", false, false, 0, ""],
      [3, utc(2026, 11, 3, 14, 6), "Scout", "Research, EMEA", "summarise", 4.5, "succeeded", true, false, 0, ""],
      [5, utc(2026, 11, 3, 14, 0), "Closer", "Follow-ups", "draft email", 2, "validated", false, false, 0, ""],
      [6, utc(2026, 11, 4), "Closer", "Follow-ups", "send", 1, "validated", true, false, 0, ""],
      // The quoted line break becomes a space: the ledger keeps one line per name.
      [7, utc(2026, 11, 4, 9, 30, 0, 250), "Scout", "Multi-line job", "search", 3, "failed", false, true, 0, ""],
      [17, utc(2026, 11, 5, 10, 6), "Scout", "Research", "search", 5, "succeeded", false, true, 0, ""],
      [18, utc(2026, 11, 5, 10, 6), "Scout", "Research", "search", 5, "succeeded", false, true, 0, ""],
    ]);
    expect(result.units.accepted).toBe(1220.5);
  });

  test("a row that genuinely repeats counts twice, with its own key", () => {
    const [a, b] = result.records.slice(-2);
    expect(a?.key.replace(/-1$/, "")).toBe(b?.key.replace(/-2$/, ""));
    expect(a?.key).toMatch(/^[0-9a-f]{16}-1$/);
    expect(b?.key).toMatch(/^[0-9a-f]{16}-2$/);
    expect(new Set(result.records.map((r) => r.key)).size).toBe(result.records.length);
  });

  test("comma separator found, decimal point proved by 4.5, no question left", () => {
    expect(result.settings.decimal).toBe(".");
    expect(result.settings.decimalEvidence).toBe(true);
    expect(result.notes).toEqual([]);
  });
});

describe("european.csv: sep= line, semicolons, decimal comma, day-first dates", () => {
  let log: LoadedLog;
  let result: ImportResult;
  beforeAll(async () => {
    log = await loadFixture("european.csv");
    result = run(log);
  });

  test("the separator from the sep= line; lines counted from it", () => {
    expect(log.table.delimiter).toBe(";");
    expect(log.table.headerLine).toBe(2);
  });

  test("counts and reasons", () => {
    expect(result.counts).toEqual({ read: 6, accepted: 4, rejected: 2, duplicates: 0, blankLines: 1 });
    expect(reasons(result)).toEqual([
      [7, [{ code: "notANumber", header: "credits_used", text: "1.5", decimal: "," }]],
      [9, [{ code: "negative", header: "review_minutes", text: "-2" }]],
    ]);
  });

  test("decimal comma and day-first order decided from the file", () => {
    expect(result.settings).toMatchObject({ decimal: ",", decimalEvidence: true, dateOrder: "DMY" });
    const rows = result.records.map((r) => [r.sourceRow, r.timestampMs, r.units, r.status, r.escalated, r.rerun, r.reviewMinutes, r.team]);
    expect(rows).toEqual([
      [3, utc(2026, 11, 3, 14, 5), 1200.5, "succeeded", false, false, 0, "Sales"],
      [4, utc(2026, 11, 13, 9), 2.25, "validated", true, false, 12.5, "Sales"],
      [5, utc(2026, 11, 4, 10), 3, "failed", false, true, 0, "Marketing"],
      [6, utc(2026, 11, 5), 0.5, "succeeded", false, true, 1, "Marketing; EMEA"],
    ]);
  });
});

describe("team-log.tsv: tabs, month-first dates nothing in the file proves", () => {
  let log: LoadedLog;
  beforeAll(async () => {
    log = await loadFixture("team-log.tsv");
  });

  test("left on auto, the two ambiguous dates are rejected with both readings; nothing is guessed", () => {
    const result = run(log);
    expect(log.table.delimiter).toBe("\t");
    expect(result.counts).toEqual({ read: 7, accepted: 5, rejected: 2, duplicates: 0, blankLines: 0 });
    expect(reasons(result)).toEqual([
      [2, [{ code: "ambiguousDate", header: "When", text: "11/03/2026 2:05 PM", dayFirstMs: utc(2026, 3, 11, 14, 5), monthFirstMs: utc(2026, 11, 3, 14, 5) }]],
      [3, [{ code: "ambiguousDate", header: "When", text: "11/04/2026 09:15", dayFirstMs: utc(2026, 4, 11, 9, 15), monthFirstMs: utc(2026, 11, 4, 9, 15) }]],
    ]);
  });

  test("the inspection asks for the order before the import", () => {
    const inspection = inspectTable(log.table, proposeMapping(log.table.headers).mapping);
    expect(inspection.settings.dateOrder).toBeNull();
    expect(inspection.questions).toEqual([{ code: "dateOrderNeeded", ambiguous: 2 }]);
  });

  test("with month-first set in the mapping, every row reads", () => {
    const result = run(log, { dateOrder: "MDY" });
    expect(result.counts).toEqual({ read: 7, accepted: 7, rejected: 0, duplicates: 0, blankLines: 0 });
    expect(result.records.map((r) => [r.sourceRow, r.timestampMs, r.agent, r.job, r.units, r.status, r.escalated, r.rerun, r.reviewMinutes, r.team])).toEqual([
      [2, utc(2026, 11, 3, 14, 5), "Scout", "J-1", 1, "succeeded", false, false, 0, "Sales"],
      [3, utc(2026, 11, 4, 9, 15), "007", "J-1", 2, "succeeded", true, false, 5, "Sales"],
      [4, utc(2026, 11, 5, 12), "Closer", "J-2", 1, "validated", false, false, 2, "Sales"],
      [5, utc(2026, 11, 6), "Closer", "J-2", 1, "failed", false, true, 0, "Sales"],
      [6, utc(2026, 11, 6, 15), "Scout", "J-3", 1, "succeeded", false, false, 0, "Ops"],
      [7, utc(2026, 11, 7, 8), "Scout", "J-3", 1.25, "failed", false, true, 0, "Ops"],
      [8, utc(2026, 12, 12, 23, 59, 59), "Scout", "J-3", 0, "validated", true, false, 30, "Ops"],
    ]);
  });

  test("with day-first set, the log reads day-first, and a date that can only be month-first is refused, not swapped", async () => {
    expect(run(log, { dateOrder: "DMY" }).records[0]?.timestampMs).toBe(utc(2026, 3, 11, 14, 5));
    const mixed = await loadLog({ name: "m.csv", bytes: new TextEncoder().encode("When,Units\n03/11/2026,1\n11/13/2026,1\n") });
    if (!("table" in mixed)) throw new Error(importRefusalMessage(mixed.problem));
    expect(reasons(run(mixed, { dateOrder: "DMY" }))).toEqual([[3, [{ code: "notInOrder", header: "When", text: "11/13/2026", order: "DMY" }]]]);
  });

  test("the same log as UTF-16 (Excel's Unicode text) reads the same", async () => {
    const text = new TextDecoder().decode(fixtureBytes("team-log.tsv"));
    const bytes = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const utf16 = await loadLog({ name: "team-log.txt", bytes });
    if (!("table" in utf16)) throw new Error(importRefusalMessage(utf16.problem));
    expect(utf16.decoding?.encoding).toBe("utf-16le");
    expect(run(utf16, { dateOrder: "MDY" }).records).toEqual(run(log, { dateOrder: "MDY" }).records);
  });
});

describe("columns missing from the file", () => {
  test("minimal.csv: only the required columns; every optional field takes its default", async () => {
    const result = run(await loadFixture("minimal.csv"));
    expect(result.counts).toEqual({ read: 2, accepted: 2, rejected: 0, duplicates: 0, blankLines: 0 });
    expect(result.records[1]).toMatchObject({ sourceRow: 3, timestampMs: utc(2026, 11, 3, 11), agent: "", job: "", actionType: "", units: 3.5, status: "attempted", escalated: false, rerun: false, reviewMinutes: 0, team: "" });
  });

  test("no-units.csv: a required column missing refuses the import before any row is read", async () => {
    const log = await loadFixture("no-units.csv");
    const proposal = proposeMapping(log.table.headers);
    expect(proposal.missingRequired).toEqual(["units"]);
    expect(importTable(log.table, proposal.mapping)).toEqual({ ok: false, problem: { code: "unmappedRequired", fields: ["units"] } });
  });

  test("a saved mapping naming a column the file no longer has is refused, with the header and the field", async () => {
    const log = await loadFixture("minimal.csv");
    const mapping = { ...proposeMapping(log.table.headers).mapping, columns: { timestamp: "timestamp", units: "credits", team: "Team" } };
    expect(importTable(log.table, mapping)).toEqual({ ok: false, problem: { code: "missingColumn", header: "Team", field: "team" } });
  });

  test("one column mapped to two fields is refused", async () => {
    const log = await loadFixture("minimal.csv");
    const mapping = { ...proposeMapping(log.table.headers).mapping, columns: { timestamp: "timestamp", units: "credits", reviewMinutes: "credits" } };
    expect(importTable(log.table, mapping)).toEqual({ ok: false, problem: { code: "sameColumnTwice", header: "credits", fields: ["units", "reviewMinutes"] } });
  });
});

test("broken-quote.csv: the row whose quote never closes is rejected with the rest of the file in its raw text", async () => {
  const result = run(await loadFixture("broken-quote.csv"));
  expect(result.counts).toEqual({ read: 2, accepted: 1, rejected: 1, duplicates: 0, blankLines: 0 });
  expect(result.rejects).toEqual([{ sourceRow: 3, reasons: [{ code: "unclosedQuote" }], raw: '2026-11-03T11:00:00Z,Scout,"Research,2,ok\n2026-11-03T12:00:00Z,Scout,Research,3,ok' }]);
});

test("report-with-title.csv: title lines above the header are skipped and said; the total row is rejected, not summed", async () => {
  const log = await loadFixture("report-with-title.csv");
  expect(log.table.headerLine).toBe(4);
  expect(log.table.preamble).toEqual([1, 2]);
  const result = run(log);
  expect(result.counts).toEqual({ read: 2, accepted: 1, rejected: 1, duplicates: 0, blankLines: 1 });
  expect(reasons(result)).toEqual([[6, [{ code: "notADate", header: "Timestamp", text: "Total" }]]]);
  expect(result.notes).toEqual([{ code: "preamble", lines: [1, 2], headerLine: 4 }]);
});

test("an empty or blank file is refused; a header with no rows imports nothing", async () => {
  const load = (text: string) => loadLog({ name: "x.csv", bytes: new TextEncoder().encode(text) });
  expect(await load("")).toEqual({ ok: false, problem: { code: "empty" } });
  expect(await load("\r\n ,, \r\n")).toEqual({ ok: false, problem: { code: "empty" } });
  const headerOnly = await load("timestamp,units\r\n\r\n");
  if (!("table" in headerOnly)) throw new Error(importRefusalMessage(headerOnly.problem));
  expect(run(headerOnly).counts).toEqual({ read: 0, accepted: 0, rejected: 0, duplicates: 0, blankLines: 1 });
});

test("a Windows-1252 file (Excel's legacy CSV) keeps its accents and euro signs", async () => {
  const bytes = new Uint8Array([...new TextEncoder().encode("Timestamp;Agent;Credits\r\n2026-11-03;Caf"), 0xe9, ...new TextEncoder().encode(";1,5\r\n")]);
  const log = await loadLog({ name: "legacy.csv", bytes });
  if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
  expect(log.decoding?.encoding).toBe("windows-1252");
  expect(run(log).records[0]).toMatchObject({ agent: "Café", units: 1.5 });
});

describe(".xlsx: the first sheet, cells as typed", () => {
  async function xlsxLog(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Usage");
    book.addWorksheet("Notes").addRow(["not read"]);
    sheet.addRow(["Timestamp", "Agent", "Job", "Credits", "Status", "Escalated", "Review minutes"]);
    sheet.addRow([new Date(utc(2026, 11, 3, 14, 5)), "Scout", "Research, EMEA", 1200, "success", false, 3]);
    sheet.addRow([]);
    sheet.addRow([46330.5, { richText: [{ text: "Clo" }, { text: "ser" }] }, "Follow-ups", { formula: "1+1", result: 2 }, "validated", true]);
    sheet.addRow(["2026-11-05T10:00:00Z", "Scout", "Research", -4, "ok", "no", 0]);
    sheet.addRow(["03/11/2026", "Scout", "Research", "1,200", "maybe", "no", 0, "stray"]);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  test("dates, numbers, booleans, rich text and formula results; blank rows and bad rows counted", async () => {
    const log = await loadLog({ name: "usage.xlsx", bytes: await xlsxLog() });
    if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
    expect(log.table.format).toBe("xlsx");
    expect(log.table.headers).toEqual(["Timestamp", "Agent", "Job", "Credits", "Status", "Escalated", "Review minutes"]);
    const result = run(log);
    expect(result.counts).toEqual({ read: 4, accepted: 2, rejected: 2, duplicates: 0, blankLines: 1 });
    expect(result.records.map((r) => [r.sourceRow, r.timestampMs, r.agent, r.job, r.units, r.status, r.escalated, r.reviewMinutes])).toEqual([
      [2, utc(2026, 11, 3, 14, 5), "Scout", "Research, EMEA", 1200, "succeeded", false, 3],
      // A row short of its trailing cells is complete in an .xlsx: review minutes default to 0.
      [4, utc(2026, 11, 4, 12), "Closer", "Follow-ups", 2, "validated", true, 0],
    ]);
    expect(reasons(result)).toEqual([
      [5, [{ code: "negative", header: "Credits", text: "-4" }]],
      [6, [{ code: "fieldCount", got: 8, expected: 7 }]],
    ]);
    expect(result.rejects[1]?.raw).toBe('03/11/2026,Scout,Research,"1,200",maybe,no,0,stray');
  });

  test("a file that is not a workbook, and an old .xls, are refused with the format (and the reader's complaint)", async () => {
    const notXlsx = await loadLog({ name: "x.xlsx", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    expect(notXlsx).toEqual({ ok: false, problem: { code: "unreadable", format: "xlsx", detail: expect.stringMatching(/./) } });
    const xls = await loadLog({ name: "old.xls", bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
    expect(xls).toEqual({ ok: false, problem: { code: "unreadable", format: "xls", detail: "" } });
  });

  test("the same log as CSV and as .xlsx gives the same keys", async () => {
    const csv = await loadLog({ name: "same.csv", bytes: new TextEncoder().encode('Timestamp,Agent,Job,Credits,Status,Escalated,Review minutes\n2026-11-03 14:05,Scout,"Research, EMEA","1,200",success,FALSE,3\n') });
    const xlsx = await loadLog({ name: "usage.xlsx", bytes: await xlsxLog() });
    if (!("table" in csv) || !("table" in xlsx)) throw new Error("not loaded");
    expect(run(csv).records[0]?.key).toBe(run(xlsx).records[0]?.key);
  });
});
