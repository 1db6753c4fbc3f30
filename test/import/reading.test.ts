/**
 * Reading files honestly (issue 11): the encoding and separator found are shown and stamped;
 * bytes that are not UTF-8 are counted and placed, their rows rejected rather than guessed, and
 * the analyst can choose the encoding, so a corrected file imports once and nothing twice;
 * UTF-16 is known without its byte-order mark; mixed line breaks and a free-text line above the
 * header hide nothing; an .xlsx's sheet is found or chosen; and an import that would run a table
 * past Excel's last row is refused before anything is written.
 *
 *   stray-byte.csv        UTF-8 (Zoë, Café) with one byte from a legacy editor: "Jos\xE9" on line 3
 *   stray-byte-fixed.csv  the same export corrected ("José" in UTF-8)
 *   mixed-endings.csv     "Exported by Doe, Jane on Nov 3, 2026" ended by a lone \r, then \r\n, \n
 *                         and \r line breaks, a quoted \r\n, a blank line
 *   (generated here)      UTF-16 LE/BE without a BOM, a semicolon file under a comma title line,
 *                         a three-sheet .xlsx, a ledger table ending near the sheet's last row
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  EXCEL_ROWS,
  READ_AS_COLUMN,
  decodeText,
  holdingAfter,
  importIntoWorkbook,
  loadLog,
  planImport,
  proposeMapping,
  readCsv,
  sniffUtf16,
  type ImportPlan,
  type LedgerHolding,
  type LoadOptions,
  type LoadedLog,
} from "../../src/import";
import { holdingOf, importLogs } from "../../src/import/headless";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { importNoteMessage, importRefusalMessage, rejectReasonMessage, type ImportNote } from "../../src/messages/import";
import { LEDGER_COLUMNS, LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { describeTemplate } from "../../src/template/sheets/template";
import { ExcelDouble } from "../support/excel-double";
import { previewLog, readLog, type PickedLog } from "../../src/taskpane/import-work";
import { FIXTURES, asContext, fixtureBytes } from "./support";

const NOW = new Date(2026, 10, 23, 9, 30);
const EMPTY: LedgerHolding = { keys: new Set(), stamps: [], summaries: [] };
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

async function load(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadedLog> {
  const log = await loadLog({ name, bytes }, options);
  if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
  return log;
}

function plan(holding: LedgerHolding, log: LoadedLog): ImportPlan {
  const planned = planImport(holding, log, proposeMapping(log.table.headers).mapping, { now: NOW });
  if ("ok" in planned) throw new Error(importRefusalMessage(planned.problem));
  return planned;
}

const noteOf = <C extends ImportNote["code"]>(notes: readonly ImportNote[], code: C): Extract<ImportNote, { code: C }> | undefined =>
  notes.find((n): n is Extract<ImportNote, { code: C }> => n.code === code);

describe("the encoding and separator found: in the preview's notes, and stamped", () => {
  test("a UTF-8 CSV with commas: said, and recorded in the stamp's Read as cell and its Mapping", async () => {
    const log = await load("minimal.csv", fixtureBytes("minimal.csv"));
    expect(log.decoding).toEqual({ encoding: "utf-8", by: "content" });
    expect(log.table.delimiter).toBe(",");
    const p = plan(EMPTY, log);
    expect(noteOf(p.notes, "readAs")).toEqual({ code: "readAs", encoding: "utf-8", by: "content", delimiter: "," });
    expect(importNoteMessage({ code: "readAs", encoding: "utf-8", by: "content", delimiter: "," })).toBe("Read as UTF-8, values separated by commas.");
    expect(p.read).toEqual({ format: "csv", encoding: "utf-8", delimiter: "," });
    // The stamp's cell says it in words; the Mapping cell keeps the facts.
    expect(p.stamp[READ_AS_COLUMN]).toBe("Read as UTF-8, values separated by commas.");
    expect(JSON.parse(String(p.stamp.Mapping)).read).toEqual(p.read);
  });

  test("a Windows-1252 file with semicolons, and the encoding chosen: said as such", async () => {
    const bytes = new Uint8Array([...ascii("Timestamp;Agent;Credits\r\n2026-11-03;Caf"), 0xe9, ...ascii(";1,5\r\n")]);
    const auto = plan(EMPTY, await load("legacy.csv", bytes));
    expect(auto.read).toEqual({ format: "csv", encoding: "windows-1252", delimiter: ";", notUtf8: 1 });
    expect(importNoteMessage(noteOf(auto.notes, "readAs") as ImportNote)).toBe("Read as Windows-1252 (Excel's legacy CSV), values separated by semicolons.");
    const chosen = plan(EMPTY, await load("legacy.csv", bytes, { encoding: "windows-1252" }));
    expect(noteOf(chosen.notes, "readAs")).toEqual({ code: "readAs", encoding: "windows-1252", by: "setting", delimiter: ";" });
    expect(importNoteMessage(noteOf(chosen.notes, "readAs") as ImportNote)).toBe("Read as Windows-1252 (Excel's legacy CSV) (as chosen), values separated by semicolons.");
    // Chosen, nothing is counted against UTF-8.
    expect(noteOf(chosen.notes, "notUtf8")).toBeUndefined();
  });
});

describe("bytes that are not UTF-8: counted, placed, their rows rejected, the encoding the analyst's to choose", () => {
  const STRAY_OFFSET = 101; // "Jos" + 0xE9 on line 3 (test/import/fixtures/stray-byte.csv)

  test("a UTF-8 file with one stray byte stays UTF-8: the byte's count, offset and line; its row rejected, the others read", async () => {
    const log = await load("stray-byte.csv", fixtureBytes("stray-byte.csv"));
    expect(fixtureBytes("stray-byte.csv")[STRAY_OFFSET]).toBe(0xe9);
    expect(log.decoding?.encoding).toBe("utf-8");
    expect(log.decoding?.notUtf8).toEqual({ count: 1, at: [{ offset: STRAY_OFFSET, line: 3 }] });
    const p = plan(EMPTY, log);
    expect(p.result.counts).toEqual({ read: 4, accepted: 3, rejected: 1, duplicates: 0, blankLines: 0 });
    expect(p.result.records.map((r) => r.agent)).toEqual(["Zoë", "Zoë", "Ana"]);
    expect(p.result.rejects.map((r) => [r.sourceRow, r.reasons])).toEqual([[3, [{ code: "notUtf8", count: 1, offset: STRAY_OFFSET }]]]);
    expect(rejectReasonMessage({ code: "notUtf8", count: 1, offset: STRAY_OFFSET })).toBe(
      "The row holds 1 byte that is not UTF-8 (the first is byte 101 of the file), so its text can't be read for certain. Correct the file, or choose its encoding, and import again.",
    );
    const note = noteOf(p.notes, "notUtf8");
    expect(note).toEqual({ code: "notUtf8", count: 1, at: [{ offset: STRAY_OFFSET, line: 3 }], readAs: "utf-8", rows: 1 });
    expect(importNoteMessage(note as ImportNote)).toBe(
      "1 byte in the file is not UTF-8 (line 3 byte 101). The file was read as UTF-8 and the 1 row holding them was rejected, so no character is guessed. If the file is Excel's legacy CSV, choose the Windows-1252 encoding; if it is UTF-8, correct those bytes and import again (the rows already imported are skipped).",
    );
    expect(p.read).toEqual({ format: "csv", encoding: "utf-8", delimiter: ",", notUtf8: 1 });
  });

  test("the corrected file imported after it adds the one row that was rejected, and nothing twice", async () => {
    const first = plan(EMPTY, await load("stray-byte.csv", fixtureBytes("stray-byte.csv")));
    const fixed = plan(holdingAfter(EMPTY, first), await load("stray-byte-fixed.csv", fixtureBytes("stray-byte-fixed.csv")));
    expect(fixed.result.counts).toEqual({ read: 4, accepted: 1, rejected: 0, duplicates: 3, blankLines: 0 });
    expect(fixed.result.records.map((r) => [r.sourceRow, r.agent, r.job])).toEqual([[3, "José", "Café orders"]]);
    // Together: the export's four rows and 100 credits, once.
    const ledger = [...first.ledger, ...fixed.ledger];
    expect(new Set(ledger.map((r) => r.Key)).size).toBe(4);
    expect(ledger.reduce((sum, r) => sum + Number(r.Units), 0)).toBe(100);
  });

  test("why the whole file is not read as Windows-1252 on auto: its UTF-8 names would change, and a corrected file count twice", async () => {
    const legacy = plan(EMPTY, await load("stray-byte.csv", fixtureBytes("stray-byte.csv"), { encoding: "windows-1252" }));
    expect(legacy.result.records.map((r) => r.agent)).toEqual(["ZoÃ«", "José", "ZoÃ«", "Ana"]);
    const fixed = plan(holdingAfter(EMPTY, legacy), await load("stray-byte-fixed.csv", fixtureBytes("stray-byte-fixed.csv")));
    // Zoë's two rows and José's (his "Café orders" was UTF-8) come back under other keys: counted twice. The auto reading avoids this.
    expect(fixed.result.counts).toMatchObject({ accepted: 3, duplicates: 1 });
  });

  test("UTF-8 chosen: the same rows rejected; a legacy file read as UTF-8 rejects each row with such bytes", async () => {
    const chosen = plan(EMPTY, await load("stray-byte.csv", fixtureBytes("stray-byte.csv"), { encoding: "utf-8" }));
    expect(chosen.result.counts).toMatchObject({ accepted: 3, rejected: 1 });
    expect(noteOf(chosen.notes, "readAs")).toMatchObject({ encoding: "utf-8", by: "setting" });
    const bytes = new Uint8Array([...ascii("Timestamp;Agent;Credits\n2026-11-03;Caf"), 0xe9, ...ascii(";1\n2026-11-04;Bob;2\n2026-11-05;"), 0x80, 0x80, ...ascii(";3\n")]);
    const auto = await load("legacy.csv", bytes);
    expect(auto.decoding).toMatchObject({ encoding: "windows-1252", notUtf8: { count: 3, at: [{ offset: 38, line: 2 }, { offset: 70, line: 4 }, { offset: 71, line: 4 }] } });
    const autoNote = noteOf(plan(EMPTY, auto).notes, "notUtf8");
    expect(autoNote).toMatchObject({ readAs: "windows-1252", rows: 0 });
    expect(importNoteMessage(autoNote as ImportNote)).toBe(
      "3 bytes in the file are not UTF-8 (line 2 byte 38, line 4 byte 70, line 4 byte 71). Most of its accented characters are not UTF-8, so it was read as Windows-1252 (Excel's legacy CSV). If it is UTF-8, choose the UTF-8 encoding: the rows holding those bytes are then rejected.",
    );
    const utf8 = plan(EMPTY, await load("legacy.csv", bytes, { encoding: "utf-8" }));
    expect(utf8.result.rejects.map((r) => [r.sourceRow, r.reasons])).toEqual([
      [2, [{ code: "notUtf8", count: 1, offset: 38 }]],
      [4, [{ code: "notUtf8", count: 2, offset: 70 }]],
    ]);
  });

  test("more than ten such bytes: every one counted, the first ten placed", () => {
    // Line 2: 20 accented letters in UTF-8 and 3 stray 0xFF; lines 3 to 14: one stray 0xFE each.
    const bytes = new Uint8Array([
      ...ascii("a,b\n" + "\u00e9".repeat(20) + ","),
      ...Array.from({ length: 3 }, () => [0x78, 0xff]).flat(),
      ...ascii("\n"),
      ...Array.from({ length: 12 }, () => [0x78, 0xfe, 0x2c, 0x31, 0x0a]).flat(),
    ]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.notUtf8?.count).toBe(15);
    expect(decoded.notUtf8?.at).toHaveLength(10);
    expect(decoded.notUtf8?.at[0]).toEqual({ offset: 46, line: 2 });
    expect(decoded.notUtf8?.at[3]).toEqual({ offset: bytes.indexOf(0xfe), line: 3 });
    expect(decoded.notUtf8?.at[9]).toEqual({ offset: bytes.indexOf(0xfe) + 30, line: 9 });
    const rows = readCsv(decoded.text, "auto", decoded.badLines)?.rows.filter((r) => r.notUtf8 !== undefined).length;
    expect(rows).toBe(13);
    expect(importNoteMessage({ code: "notUtf8", count: 15, at: decoded.notUtf8?.at ?? [], readAs: "utf-8", rows: 13 })).toMatch(
      /^15 bytes in the file are not UTF-8 \(line 2 byte 46, line 2 byte 48, line 2 byte 50, line 3 byte 53, .*, line 9 byte 83, and 5 more\)\. The file was read as UTF-8 and the 13 rows holding them were rejected/,
    );
  });

  test("the headless import reads every log with the encoding given (--encoding)", async () => {
    const outcome = await importLogs({ examples: false }, [{ name: "stray-byte.csv", bytes: fixtureBytes("stray-byte.csv") }], {
      mappings: [],
      now: NOW,
      read: { encoding: "windows-1252" },
    });
    if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
    expect(noteOf(outcome.logs[0]?.notes ?? [], "readAs")).toEqual({ code: "readAs", encoding: "windows-1252", by: "setting", delimiter: "," });
  });
});

describe("UTF-16 without a byte-order mark", () => {
  const text = new TextDecoder().decode(fixtureBytes("team-log.tsv"));
  const le = new Uint8Array(Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
  const be = new Uint8Array(Array.from(text).flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));

  test("known by its zero bytes, LE and BE, and read as the UTF-8 file reads", async () => {
    expect(sniffUtf16(le)).toBe("utf-16le");
    expect(sniffUtf16(be)).toBe("utf-16be");
    expect(sniffUtf16(fixtureBytes("team-log.tsv"))).toBeNull();
    const utf8 = await load("team-log.tsv", fixtureBytes("team-log.tsv"));
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const log = await load("team-log.txt", bytes);
      expect(log.decoding).toEqual({ encoding, by: "content" });
      expect(log.table).toEqual(utf8.table);
      expect(noteOf(plan(EMPTY, log).notes, "readAs")).toEqual({ code: "readAs", encoding, by: "content", delimiter: "\t" });
    }
  });
});

describe("mixed line breaks and a free-text line above the header", () => {
  test("mixed-endings.csv: \\r, \\r\\n and \\n each end a line; the title line (with commas) is skipped and said; lines counted as an editor does", async () => {
    const log = await load("mixed-endings.csv", fixtureBytes("mixed-endings.csv"));
    expect(log.table.delimiter).toBe(",");
    expect(log.table.headers).toEqual(["Timestamp", "Agent", "Job", "Credits", "Status"]);
    expect(log.table.headerLine).toBe(2);
    expect(log.table.preamble).toEqual([1]);
    expect(log.table.rows.map((r) => r.line)).toEqual([3, 4, 5, 8]);
    expect(log.table.blankLines).toBe(1);
    const p = plan(EMPTY, log);
    expect(p.result.counts).toEqual({ read: 4, accepted: 4, rejected: 0, duplicates: 0, blankLines: 1 });
    expect(p.result.records.map((r) => [r.sourceRow, r.agent, r.job, r.units])).toEqual([
      [3, "Scout", "Research", 20],
      [4, "Scout", "Research", 5],
      [5, "Closer", "Follow-ups, EMEA", 7],
      [8, "Closer", "Follow-ups", 3],
    ]);
    expect(noteOf(p.notes, "preamble")).toEqual({ code: "preamble", lines: [1], headerLine: 2 });
  });

  test("a title line with commas above a semicolon table: the separator is the table's, the header found", () => {
    const table = readCsv("Usage report, November 2026, all teams\nZeit;Agent;Credits\n03.11.2026;Scout;1,5\n04.11.2026;Scout;2\n");
    expect(table?.delimiter).toBe(";");
    expect(table?.headers).toEqual(["Zeit", "Agent", "Credits"]);
    expect(table?.preamble).toEqual([1]);
  });

  test("Exported by … lines without separators, before and after a blank line, over a tab-separated log", () => {
    const table = readCsv("Exported by Jane Doe on 2026-11-23\r\rFilter: all agents\rwhen\tagent\tcredits\r2026-11-03\tScout\t4\r");
    expect(table).toMatchObject({ delimiter: "\t", headers: ["when", "agent", "credits"], headerLine: 4, preamble: [1, 3], blankLines: 1 });
    expect(table?.rows.map((r) => [r.line, r.cells])).toEqual([[5, ["2026-11-03", "Scout", "4"]]]);
  });
});

describe("an .xlsx with several sheets", () => {
  async function threeSheets(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Read me").addRow(["This export holds the usage of November."]);
    const summary = book.addWorksheet("Summary");
    summary.addRow(["Team", "Total"]);
    summary.addRow(["Sales", 12]);
    const usage = book.addWorksheet("Usage");
    usage.addRow(["Exported by Jane Doe"]);
    usage.addRow(["Timestamp", "Agent", "Credits"]);
    usage.addRow(["2026-11-03T10:00:00Z", "Scout", 5]);
    usage.addRow(["2026-11-03T11:00:00Z", "Scout", 7]);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  test("by default the first sheet whose header the importer recognises, said with its place and why", async () => {
    const log = await load("november.xlsx", await threeSheets());
    expect(log.sheet).toEqual({ name: "Usage", position: 3, sheets: ["Read me", "Summary", "Usage"], by: "header" });
    expect(log.table.headers).toEqual(["Timestamp", "Agent", "Credits"]);
    const p = plan(EMPTY, log);
    expect(p.result.counts).toMatchObject({ read: 2, accepted: 2 });
    const note = noteOf(p.notes, "sheetChosen");
    expect(note).toEqual({ code: "sheetChosen", sheet: "Usage", position: 3, sheets: 3, by: "header" });
    expect(importNoteMessage(note as ImportNote)).toBe(
      'Read the sheet "Usage" (sheet 3 of 3): the first with a header the importer recognises (a timestamp and a units column). Choose another sheet if the log is elsewhere.',
    );
    expect(p.read).toEqual({ format: "xlsx", sheet: "Usage" });
    expect(p.stamp[READ_AS_COLUMN]).toBe(importNoteMessage(note as ImportNote));
  });

  test("the sheet chosen is read; one the workbook does not have is refused with the sheets it has", async () => {
    const bytes = await threeSheets();
    const summary = await load("november.xlsx", bytes, { sheet: "Summary" });
    expect(summary.sheet).toMatchObject({ name: "Summary", position: 2, by: "setting" });
    expect(summary.table.headers).toEqual(["Team", "Total"]);
    expect(importNoteMessage({ code: "sheetChosen", sheet: "Summary", position: 2, sheets: 3, by: "setting" })).toBe('Read the sheet "Summary" (sheet 2 of 3), as chosen.');
    const missing = await loadLog({ name: "november.xlsx", bytes }, { sheet: "Usage 2" });
    expect(missing).toEqual({ ok: false, problem: { code: "noSuchSheet", sheet: "Usage 2", sheets: ["Read me", "Summary", "Usage"] } });
    if ("problem" in missing)
      expect(importRefusalMessage(missing.problem)).toBe('The workbook has no sheet "Usage 2"; its sheets are "Read me", "Summary" and "Usage". Choose one of them.');
  });

  test("no sheet recognised: the first is read, and the note asks for the log's sheet", async () => {
    const book = new ExcelJS.Workbook();
    // "Cost" would be recognised now (a spend log's quantity): a column that is neither units, cost nor tokens.
    book.addWorksheet("Log").addRow(["When", "Comment"]);
    book.addWorksheet("Other").addRow(["x", "y"]);
    const log = await load("odd.xlsx", new Uint8Array(await book.xlsx.writeBuffer()));
    expect(log.sheet).toMatchObject({ name: "Log", position: 1, by: "first" });
    expect(importNoteMessage({ code: "sheetChosen", sheet: "Log", position: 1, sheets: 2, by: "first" })).toBe(
      'Read the sheet "Log" (sheet 1 of 2): no sheet has a header with a timestamp and a units column, so the first was read. Choose the log\'s sheet.',
    );
    expect(importNoteMessage({ code: "sheetChosen", sheet: "Log", position: 1, sheets: 1, by: "header" })).toBe('Read the sheet "Log".');
  });

  test("the headless command takes --sheet", async () => {
    const outcome = await importLogs({ examples: false }, [{ name: "november.xlsx", bytes: await threeSheets() }], { mappings: [], now: NOW, read: { sheet: "Usage" } });
    if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
    expect(noteOf(outcome.logs[0]?.notes ?? [], "sheetChosen")).toMatchObject({ sheet: "Usage", by: "setting" });
    expect(outcome.logs[0]?.notes[0]).toMatchObject({ code: "done", accepted: 2 });
  });
});

describe("a table past Excel's last row is refused before anything is written", () => {
  const REFUSAL =
    'The import would take the table "Ledger" to row 1,048,577 of its sheet, past the 1,048,576 rows an Excel sheet holds (it brings 4 rows). Nothing was written. Aggregate the log before importing it (one row per day, agent, job, action type, status and team, with the units summed), or start a new workbook for the next period.';

  test("the plan: the rows each table can still take, against the rows the import brings", async () => {
    const log = await load("stray-byte-fixed.csv", fixtureBytes("stray-byte-fixed.csv"));
    const mapping = proposeMapping(log.table.headers).mapping;
    const fits = planImport({ ...EMPTY, rowsLeft: { ledger: 4, rejects: 0 } }, log, mapping, { now: NOW });
    expect(fits).toMatchObject({ importNumber: 1, result: { counts: { accepted: 4 } } });
    const refused = planImport({ ...EMPTY, rowsLeft: { ledger: 3, rejects: 10 } }, log, mapping, { now: NOW });
    expect(refused).toEqual({ ok: false, problem: { code: "tooManyRows", table: "Ledger", lastRow: EXCEL_ROWS + 1, adding: 4, limit: EXCEL_ROWS } });
    if ("problem" in refused) expect(importRefusalMessage(refused.problem)).toBe(REFUSAL);
    // The rejects count too.
    const rejects = planImport({ ...EMPTY, rowsLeft: { ledger: 100, rejects: 0 } }, await load("stray-byte.csv", fixtureBytes("stray-byte.csv")), mapping, { now: NOW });
    expect(rejects).toMatchObject({ ok: false, problem: { code: "tooManyRows", table: "Rejects", lastRow: EXCEL_ROWS + 1, adding: 1 } });
    // Each import uses up what the next can take.
    const first = plan({ ...EMPTY, rowsLeft: { ledger: 6, rejects: 10 } }, await load("stray-byte.csv", fixtureBytes("stray-byte.csv")));
    expect(holdingAfter({ ...EMPTY, rowsLeft: { ledger: 6, rejects: 10 } }, first).rowsLeft).toEqual({ ledger: 3, rejects: 9 });
  });

  test("in Excel: a Ledger table ending 3 rows above the sheet's last row refuses a 4-row log, and nothing is written", async () => {
    const excel = new ExcelDouble(["Sheet1"], { requestLimit: REQUEST_LIMIT_BYTES });
    const anchor = `A${EXCEL_ROWS - 4}`;
    excel.model.addTable("Sheet1", LEDGER_WORKBOOK.ledger.table, anchor, LEDGER_COLUMNS, [LEDGER_COLUMNS.map((c) => (c === "Key" ? "k-1" : c === "Units" ? 1 : c === "Timestamp" ? 46330 : c === "Status" ? "succeeded" : ""))]);
    const log = await load("stray-byte-fixed.csv", fixtureBytes("stray-byte-fixed.csv"));
    const outcome = await importIntoWorkbook(asContext(excel.context()), log, proposeMapping(log.table.headers).mapping, { now: NOW });
    expect(outcome).toEqual({ ok: false, problem: { code: "tooManyRows", table: "Ledger", lastRow: EXCEL_ROWS + 1, adding: 4, limit: EXCEL_ROWS } });
    expect(excel.model.table(LEDGER_WORKBOOK.ledger.table).dataRows).toBe(1);
    expect(() => excel.model.table(LEDGER_WORKBOOK.imports.table)).toThrow();
  });

  test("the headless command counts from where the template's tables end", () => {
    const held = holdingOf(describeTemplate({ examples: true }));
    expect(held.rowsLeft?.ledger).toBeGreaterThan(EXCEL_ROWS - 200);
    expect(held.rowsLeft?.ledger).toBeLessThan(EXCEL_ROWS - 2);
  });
});

describe("npm run template -- --log with --encoding and --sheet", () => {
  jest.setTimeout(60_000);
  const ROOT = path.resolve(__dirname, "../..");
  const run = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/template.ts", ...args], { cwd: ROOT, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-reading-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the line for each log says how it was read; an unknown encoding is refused before anything is read", () => {
    const out = path.join(dir, "budget.xlsx");
    const result = run(["--out", out, "--no-examples", "--log", path.join(FIXTURES, "stray-byte.csv"), "--encoding", "utf-8"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const line = result.stdout.trim().split("\n")[0] ?? "";
    expect(line).toContain("Read as UTF-8 (as chosen), values separated by commas.");
    expect(line).toContain("1 byte in the file is not UTF-8 (line 3 byte 101).");
    const bad = run(["--out", path.join(dir, "no.xlsx"), "--log", path.join(FIXTURES, "minimal.csv"), "--encoding", "latin-9"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^--encoding takes auto, utf-8, windows-1252, utf-16le, utf-16be, not latin-9/);
    expect(fs.existsSync(path.join(dir, "no.xlsx"))).toBe(false);
  });

  test("--sheet picks the log's sheet; one the workbook does not have stops the run with the sheets it has", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Notes").addRow(["Timestamp", "Credits"]);
    const usage = book.addWorksheet("Usage");
    usage.addRow(["Timestamp", "Agent", "Credits"]);
    usage.addRow(["2026-11-03T10:00:00Z", "Scout", 5]);
    const file = path.join(dir, "log.xlsx");
    fs.writeFileSync(file, new Uint8Array(await book.xlsx.writeBuffer()));
    const picked = run(["--out", path.join(dir, "picked.xlsx"), "--no-examples", "--log", file, "--sheet", "Usage"]);
    expect(picked.stderr).toBe("");
    expect(picked.stdout).toContain('log.xlsx: import 1 (the proposed mapping). Read 1 row: 1 added to the ledger');
    expect(picked.stdout).toContain('Read the sheet "Usage" (sheet 2 of 2), as chosen.');
    const out = path.join(dir, "x.xlsx");
    const missing = run(["--out", out, "--log", file, "--sheet", "Nope"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('log.xlsx: The workbook has no sheet "Nope"; its sheets are "Notes" and "Usage". Choose one of them. Nothing was written.');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the pane's preview: how the file was read, and reading it another way", () => {
  async function pick(name: string, bytes: Uint8Array, options = {}): Promise<PickedLog> {
    const picked = await readLog(name, bytes, false, undefined, options);
    if ("ok" in picked) throw new Error(importRefusalMessage(picked.problem));
    return picked;
  }

  test("a CSV's encoding and separator lead the preview's notes; the encoding chosen reads the kept bytes again", async () => {
    const auto = await pick("stray-byte.csv", fixtureBytes("stray-byte.csv"));
    const preview = previewLog(auto.log, auto.mapping);
    if ("ok" in preview) throw new Error(importRefusalMessage(preview.problem));
    expect(preview.reading).toEqual([
      { code: "readAs", encoding: "utf-8", by: "content", delimiter: "," },
      { code: "notUtf8", count: 1, at: [{ offset: 101, line: 3 }], readAs: "utf-8", rows: 1 },
    ]);
    expect(auto.options).toEqual({});
    const again = await pick(auto.log.name, auto.bytes, { encoding: "windows-1252" });
    expect(again.options).toEqual({ encoding: "windows-1252" });
    const legacy = previewLog(again.log, again.mapping);
    if ("ok" in legacy) throw new Error(importRefusalMessage(legacy.problem));
    expect(legacy.reading).toEqual([{ code: "readAs", encoding: "windows-1252", by: "setting", delimiter: "," }]);
    expect(legacy.result.counts).toMatchObject({ accepted: 4, rejected: 0 });
  });

  test("an .xlsx's sheet: found, then chosen", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Notes").addRow(["Nothing to import here."]);
    const usage = book.addWorksheet("Usage");
    usage.addRow(["Timestamp", "Credits"]);
    usage.addRow(["2026-11-03T10:00:00Z", 5]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const found = await pick("log.xlsx", bytes);
    const preview = previewLog(found.log, found.mapping);
    if ("ok" in preview) throw new Error(importRefusalMessage(preview.problem));
    expect(preview.reading).toEqual([{ code: "sheetChosen", sheet: "Usage", position: 2, sheets: 2, by: "header" }]);
    const notes = await pick("log.xlsx", bytes, { sheet: "Notes" });
    expect(notes.log.sheet).toMatchObject({ name: "Notes", by: "setting" });
  });
});
