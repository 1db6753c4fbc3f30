/**
 * The import against the in-memory Excel double (writes applied at sync, request bytes
 * counted, the 4 MB limit enforced): what lands in the Ledger, Rejects and Imports tables,
 * that importing the same log twice (or an overlapping one, or the same log as .xlsx) never
 * double counts, that an import cut short by Excel can be run again safely, that the import
 * refuses to write over a sheet it does not own, and the mapping remembered in the workbook.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import {
  LEDGER_COLUMNS,
  LEDGER_WORKBOOK,
  MAX_SAVED,
  importIntoWorkbook,
  importTable,
  loadLog,
  loadMapping,
  loadMappings,
  proposeMapping,
  readLedgerState,
  recordFromRow,
  saveMapping,
  type ColumnMapping,
  type ImportOutcome,
  type LoadedLog,
} from "../../src/import";
import { importNoteMessage, importRefusalMessage, rejectReasonMessage } from "../../src/messages/import";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { runTask } from "../../src/excel/run";
import { buildInWorkbook } from "../../src/template/actions/index";
import { describeTemplate } from "../../src/template/sheets/template";
import { LEDGER_SUMMARIES } from "../../src/template/sheets/ledger-tables";
import { formulaText } from "../../src/template/writers/office/format";
import type { TableBlock } from "../../src/template/model/description";
import { EXCEL_CELL_LIMITS } from "../../src/excel/literals";
import { ExcelDouble, ExcelDoubleError, SheetModel, type DoubleValue, type WorkbookModel } from "../support/excel-double";
import { asContext, fixtureBytes, loadFixture, withSettings } from "./support";

const NOW = new Date(2026, 10, 23, 9, 30);
const newExcel = (): ExcelDouble => new ExcelDouble(["My notes"], { requestLimit: REQUEST_LIMIT_BYTES });
const mappingFor = (log: LoadedLog): ColumnMapping => proposeMapping(log.table.headers).mapping;

/** A table's header and body as the double holds them. */
function tableValues(model: WorkbookModel, name: string): { header: DoubleValue[]; rows: DoubleValue[][] } {
  const t = model.table(name);
  const header = t.headers();
  const rows = Array.from({ length: t.dataRows }, (_, r) => header.map((_h, c) => t.sheet.cellAt(t.top + 1 + r, t.left + c)?.value ?? ""));
  return { header, rows };
}

/** A column of a table by header. */
const column = (model: WorkbookModel, table: string, header: string): DoubleValue[] => {
  const { header: h, rows } = tableValues(model, table);
  return rows.map((r) => r[h.indexOf(header)] ?? "");
};

async function importInto(excel: ExcelDouble, log: LoadedLog, options: { allowSameFile?: boolean; budget?: number } = {}, mapping = mappingFor(log)): Promise<{ outcome: ImportOutcome; syncs: number }> {
  const ctx = excel.context();
  const outcome = await importIntoWorkbook(asContext(ctx), log, mapping, { now: NOW, ...options });
  return { outcome, syncs: ctx.requests.length };
}

const ok = (outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> => {
  if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
  return outcome;
};

describe("a first import into a workbook without a ledger", () => {
  let excel: ExcelDouble;
  let log: LoadedLog;
  let outcome: Extract<ImportOutcome, { ok: true }>;
  let syncs: number;

  beforeAll(async () => {
    excel = newExcel();
    log = await loadFixture("vendor-export.csv");
    const run = await importInto(excel, log);
    outcome = ok(run.outcome);
    syncs = run.syncs;
  });

  test("creates the three sheets and tables with the columns tables.ts names", () => {
    for (const part of [LEDGER_WORKBOOK.ledger, LEDGER_WORKBOOK.rejects, LEDGER_WORKBOOK.imports]) {
      const table = excel.model.table(part.table);
      expect(table.sheet.name).toBe(part.sheet);
      expect(table.headers()).toEqual([...part.columns]);
    }
    expect(excel.model.sheet("My notes").cell("A1").value).toBe("");
  });

  test("the Ledger: one row per accepted record, values Excel can compute with", () => {
    const { rows } = tableValues(excel.model, "Ledger");
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual([46329 + (14 * 60 + 5) / 1440, "Scout", "Research, EMEA", "search", 1200, "succeeded", false, false, 0, "", 1, 2, expect.stringMatching(/^[0-9a-f]{16}-1$/),
      // One action, priced by its units under the workbook's model: no cost, model or tokens of its own; its match key; no earlier import like it.
      1, "", "units", "", "", "", "", "", expect.stringMatching(/^[0-9a-f]{16}$/), "",
      // No Bursts (only a daily row an import aggregated has them); not a rerun, so not what AWU.RERUNLOOPS reads as one.
      "", false]);
    expect(column(excel.model, "Ledger", "Source row")).toEqual([2, 3, 5, 6, 7, 17, 18]);
    expect(column(excel.model, "Ledger", "Units").reduce((a, b) => Number(a) + Number(b), 0)).toBe(1220.5);
    const sheet = excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet);
    // Column formats are set on the first row and carried down by rows.add.
    expect(sheet.cell("A8").numberFormat).toBe("yyyy-mm-dd hh:mm:ss");
    expect(sheet.cell("B8").numberFormat).toBe("@");
  });

  test("the Rejects: line and reason for every row not accepted, the reasons in words (the workbook shows text)", () => {
    const { rows } = tableValues(excel.model, "Rejects");
    expect(rows.map((r) => r[1])).toEqual([10, 11, 12, 13, 14, 15, 16, 19, 20]);
    expect(rows[0]).toEqual([1, 10, rejectReasonMessage({ code: "notAStatus", header: "Outcome", text: "maybe" }), "2026-11-05T10:00:00Z,Scout,Research,search,12,maybe,no,no"]);
    expect(rows[8]?.[2]).toBe(
      `${rejectReasonMessage({ code: "negative", header: "Credits Consumed", text: "-1" })} ${rejectReasonMessage({ code: "notAStatus", header: "Outcome", text: "nope" })}`,
    );
  });

  test("the stamp: file name, counts, units, the file's SHA-256 and the mapping used", () => {
    const { header, rows } = tableValues(excel.model, "Imports");
    expect(rows).toHaveLength(1);
    const stamp = Object.fromEntries(header.map((h, i) => [h, rows[0]?.[i]]));
    expect(stamp).toMatchObject({ Import: 1, File: "vendor-export.csv", Format: "csv", "Rows read": 16, Accepted: 7, Rejected: 9, "Duplicates skipped": 0, "Blank lines": 2, "Units accepted": 1220.5 });
    expect(stamp["SHA-256"]).toBe(createHash("sha256").update(fixtureBytes("vendor-export.csv")).digest("hex"));
    // How the file was read goes with the mapping (and in the stamp's "Read as" cell once the Imports table has that column).
    expect(JSON.parse(String(stamp.Mapping))).toEqual({ columns: mappingFor(log).columns, delimiter: "auto", decimal: ".", dateOrder: "auto", read: { format: "csv", encoding: "utf-8", delimiter: "," } });
    expect(stamp["Imported at"]).toBeCloseTo(46349 + 9.5 / 24, 9);
  });

  test("two round trips: one read, one write; the notes say what happened, as data", () => {
    expect(outcome.syncs).toEqual({ read: 1, write: 1 });
    expect(syncs).toBe(2);
    expect(outcome.notes).toEqual([
      { code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 },
      { code: "blankLines", count: 2 },
      { code: "readAs", encoding: "utf-8", by: "bom", delimiter: "," },
    ]);
  });

  test("the Ledger reads back as the same records", async () => {
    const { header, rows } = tableValues(excel.model, "Ledger");
    const result = importTable(log.table, mappingFor(log));
    if (!result.ok) throw new Error(importRefusalMessage(result.problem));
    expect(rows.map((r) => recordFromRow(header, r))).toEqual(result.records);
    expect(recordFromRow(header, header.map(() => ""))).toBeNull();
    // A row an analyst typed: the status in any spelling the synonym table knows.
    const typed = [...(rows[0] ?? [])];
    typed[header.indexOf("Status")] = "Accepted";
    expect(recordFromRow(header, typed)?.status).toBe("validated");
    typed[header.indexOf("Status")] = "maybe";
    expect(recordFromRow(header, typed)).toBeNull();
  });
});

describe("importing twice never double counts", () => {
  let excel: ExcelDouble;
  let log: LoadedLog;
  beforeEach(async () => {
    excel = newExcel();
    log = await loadFixture("vendor-export.csv");
    ok((await importInto(excel, log)).outcome);
  });

  test("the same file again is refused by its content hash, with the earlier import's facts; nothing is written", async () => {
    const { outcome, syncs } = await importInto(excel, log);
    expect(outcome).toEqual({ ok: false, problem: { code: "alreadyImported", file: "vendor-export.csv", at: expect.closeTo(46349 + 9.5 / 24, 9), importNumber: 1 } });
    if (outcome.ok) return;
    expect(importRefusalMessage(outcome.problem)).toContain('(as "vendor-export.csv", import 1, 2026-11-23 09:30)');
    // Reads only: which tables exist, their headers and sizes, the keys.
    expect(syncs).toBe(3);
    expect(excel.model.table("Ledger").dataRows).toBe(7);
    expect(excel.model.table("Imports").dataRows).toBe(1);
  });

  test("the same file renamed, when the analyst insists: every row skipped as a duplicate", async () => {
    const again = ok((await importInto(excel, { ...log, name: "copy of export.csv" }, { allowSameFile: true })).outcome);
    expect(again.counts).toEqual({ read: 16, accepted: 0, rejected: 9, duplicates: 7, blankLines: 2 });
    expect(again.units).toEqual({ accepted: 0, duplicates: 1220.5 });
    expect(again.importNumber).toBe(2);
    expect(excel.model.table("Ledger").dataRows).toBe(7);
    expect(column(excel.model, "Rejects", "Import").filter((n) => n === 2)).toHaveLength(9);
    expect(column(excel.model, "Imports", "Duplicates skipped")).toEqual([0, 7]);
  });

  test("an overlapping export (reordered columns, LF): the rows already there skipped, a third repeat and a new row added", async () => {
    const overlap = ok((await importInto(excel, await loadFixture("vendor-overlap.csv"))).outcome);
    expect(overlap.counts).toEqual({ read: 5, accepted: 2, rejected: 1, duplicates: 2, blankLines: 0 });
    expect(excel.model.table("Ledger").dataRows).toBe(9);
    expect(column(excel.model, "Ledger", "Source row").slice(-2)).toEqual([5, 6]);
    const keys = column(excel.model, "Ledger", "Key");
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("the same rows as an .xlsx: same keys, nothing added", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Export");
    sheet.addRow(log.table.headers);
    sheet.addRow([new Date(Date.UTC(2026, 10, 5, 10, 6)), "Scout", "Research", "search", 5, "done", false, true]);
    sheet.addRow([new Date(Date.UTC(2026, 10, 5, 10, 6)), "Scout", "Research", "search", 5, "done", false, true]);
    const xlsx = await loadLog({ name: "export.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) });
    if (!("table" in xlsx)) throw new Error(importRefusalMessage(xlsx.problem));
    const again = ok((await importInto(excel, xlsx)).outcome);
    expect(again.counts).toMatchObject({ read: 2, accepted: 0, duplicates: 2 });
  });

  test("an import Excel cuts short can be run again: the rows that arrived are skipped, the rest added once", async () => {
    const fresh = newExcel();
    const big = await loadLog({ name: "big.csv", bytes: new TextEncoder().encode(["Timestamp,Credits", ...Array.from({ length: 200 }, (_, i) => `2026-11-03T10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z,${i}`)].join("\n")) });
    if (!("table" in big)) throw new Error(importRefusalMessage(big.problem));
    const ctx = fresh.context();
    const real = ctx.sync.bind(ctx);
    let calls = 0;
    // The fifth request (the fourth write) fails: Excel keeps what earlier requests wrote.
    ctx.sync = async (): Promise<void> => {
      calls++;
      if (calls === 5) throw new ExcelDoubleError("GeneralException", "The connection dropped.");
      return real();
    };
    await expect(importIntoWorkbook(asContext(ctx), big, mappingFor(big), { now: NOW, budget: 4000 })).rejects.toThrow("GeneralException");
    const partial = fresh.model.table("Ledger").dataRows;
    expect(partial).toBeGreaterThan(1);
    expect(partial).toBeLessThan(200);
    // No stamp was written, so the file is not refused as already imported.
    expect(fresh.model.table("Imports").dataRows).toBe(1);
    const retry = ok((await importInto(fresh, big, { budget: 4000 })).outcome);
    expect(retry.counts.duplicates).toBe(partial);
    expect(retry.counts.accepted).toBe(200 - partial);
    expect(column(fresh.model, "Ledger", "Units").sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});

describe("a ledger the template (or an analyst) already made", () => {
  test("an empty table with its columns in another order and a formula column: rows fill by header, the formula column untouched", async () => {
    const excel = newExcel();
    const model = excel.model;
    model.sheets.push(new SheetModel("Usage"));
    const header = ["Key", "Cost", ...LEDGER_COLUMNS.filter((c) => c !== "Key")];
    model.addTable("Usage", "Ledger", "B4", header, [header.map((h) => (h === "Cost" ? "=[@Units]*0.005" : ""))]);
    const log = await loadFixture("minimal.csv");
    const outcome = ok((await importInto(excel, log)).outcome);
    expect(outcome.counts.accepted).toBe(2);
    const table = model.table("Ledger");
    expect(table.dataRows).toBe(2);
    expect(column(model, "Ledger", "Units")).toEqual([2, 3.5]);
    expect(column(model, "Ledger", "Key")).toEqual([expect.stringMatching(/-1$/), expect.stringMatching(/-1$/)]);
    // The blank row was filled, not left above the data; the formula cell in it kept.
    expect(model.sheet("Usage").content("C5")).toBe("=[@Units]*0.005");
    expect(model.findSheet(LEDGER_WORKBOOK.ledger.sheet)).toBeUndefined();
  });

  test("a later import reads the keys back in chunks and skips them", async () => {
    const excel = newExcel();
    const first = await loadFixture("vendor-export.csv");
    ok((await importInto(excel, first)).outcome);
    const ctx = excel.context();
    // Each row's key, match key and import: 64 bytes a row.
    const state = await readLedgerState(asContext(ctx), 64 * 3);
    // Seven keys, three per read: three reads after the two for tables and headers.
    expect(state.syncs).toBe(5);
    expect(new Set(state.matches?.keys())).toEqual(new Set(column(excel.model, "Ledger", "Match key")));
    expect(new Set(state.matches?.values())).toEqual(new Set([1]));
    expect([...state.keys]).toEqual(column(excel.model, "Ledger", "Key"));
    expect(state.stamps).toEqual([{ importNumber: 1, at: expect.any(Number), file: "vendor-export.csv", sha256: first.sha256 }]);
  });

  test("a sheet of the ledger's name without its table: refused, nothing written", async () => {
    const excel = new ExcelDouble([LEDGER_WORKBOOK.ledger.sheet], { requestLimit: REQUEST_LIMIT_BYTES });
    excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).type("A1", "the analyst's notes");
    const { outcome, syncs } = await importInto(excel, await loadFixture("minimal.csv"));
    expect(outcome).toEqual({ ok: false, problem: { code: "sheetWithoutTable", sheet: LEDGER_WORKBOOK.ledger.sheet, table: "Ledger" } });
    expect(syncs).toBe(1);
    expect(excel.model.sheets.map((s) => s.name)).toEqual([LEDGER_WORKBOOK.ledger.sheet]);
    expect(excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).cell("A1").value).toBe("the analyst's notes");
  });

  test("a table missing one of its columns: refused by name", async () => {
    const excel = newExcel();
    excel.model.addTable("My notes", "Ledger", "A1", LEDGER_COLUMNS.filter((c) => c !== "Key"), []);
    const { outcome } = await importInto(excel, await loadFixture("minimal.csv"));
    expect(outcome).toEqual({ ok: false, problem: { code: "missingColumns", table: "Ledger", columns: ["Key"] } });
  });

  test("a protected sheet: Excel's refusal in the pane's words", async () => {
    const excel = newExcel();
    const log = await loadFixture("minimal.csv");
    ok((await importInto(excel, log)).outcome);
    excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).protected = true;
    const other = await loadLog({ name: "more.csv", bytes: new TextEncoder().encode("timestamp,credits\n2026-11-04,1\n") });
    if (!("table" in other)) throw new Error(importRefusalMessage(other.problem));
    const outcome = await runTask((context) => importIntoWorkbook(context, other, mappingFor(other), { now: NOW }), (batch) => excel.run({ delayForCellEdit: true }, (ctx) => batch(asContext(ctx))));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "AccessDenied" } });
  });
});

describe("into the template: the summaries gain a row for each new job, agent, team and action type", () => {
  const csv = (lines: readonly string[]): Promise<LoadedLog> =>
    loadLog({ name: "ops.csv", bytes: new TextEncoder().encode(["Timestamp,Agent,Job,Action type,Units,Status,Escalated,Rerun,Review minutes,Team", ...lines].join("\n")) }).then((log) => {
      if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
      return log;
    });
  const withTemplate = async (examples: boolean): Promise<ExcelDouble> => {
    const excel = newExcel();
    const ctx = excel.context();
    await buildInWorkbook(asContext(ctx), describeTemplate({ examples, asOf: "2026-11-23" }), "fresh");
    return excel;
  };
  const keys = (excel: ExcelDouble, summary: keyof typeof LEDGER_SUMMARIES): DoubleValue[] => column(excel.model, LEDGER_SUMMARIES[summary].table, LEDGER_SUMMARIES[summary].column);

  test("values the tables list already (in any case, with spaces around) get no row; new ones do, in log order", async () => {
    const excel = await withTemplate(true);
    const log = await csv([
      "2026-11-06 09:00,Triager,Support triage,Triage ticket,15,validated,no,no,2,Service",
      "2026-11-06 09:05,Service agent, customer SERVICE conversations ,Answer customer,20,validated,no,no,1,sales",
      "2026-11-06 09:10,Triager,Support triage,Triage ticket,15,failed,no,yes,0,Ops",
    ]);
    const outcome = ok((await importInto(excel, log)).outcome);
    expect(keys(excel, "byJob")).toEqual(["Customer service conversations", "Case follow-up emails", "Website sales chat", "Support triage"]);
    expect(keys(excel, "byActionType")).toEqual(["Answer customer", "Draft email", "Qualify lead", "Triage ticket"]);
    expect(keys(excel, "byAgent")).toEqual(["Service agent", "Mailer", "Chat agent", "Triager"]);
    expect(keys(excel, "byTeam")).toEqual(["Sales", "Marketing", "Service", "Ops"]);
    expect(keys(excel, "teamBudgets")).toEqual(["Sales", "Marketing", "Service", "Ops"]);
    expect(keys(excel, "loops")).toEqual(["Customer service conversations", "Case follow-up emails", "Website sales chat", "Support triage"]);
    // A new row is the key alone: the example marker and the inputs are left blank, the budget for the analyst.
    const budgets = tableValues(excel.model, LEDGER_SUMMARIES.teamBudgets.table);
    const ops = budgets.rows[3] ?? [];
    expect([ops[budgets.header.indexOf("Example")], ops[budgets.header.indexOf("Budget (credits)")]]).toEqual(["", ""]);
    expect(outcome.summaryRows).toEqual([
      { table: "LedgerByJob", field: "job", added: ["Support triage"] },
      { table: "LedgerByActionType", field: "actionType", added: ["Triage ticket"] },
      { table: "LedgerByAgent", field: "agent", added: ["Triager"] },
      { table: "LedgerByTeam", field: "team", added: ["Service", "Ops"] },
      { table: "TeamBudgets", field: "team", added: ["Ops"] },
      { table: "RerunBursts", field: "job", added: ["Support triage"] },
    ]);
    expect(outcome.notes).toContainEqual({ code: "summaryRows", rows: outcome.summaryRows });
    expect(outcome.notes.map(importNoteMessage)).toContain(
      "New in the summaries: LedgerByJob gained 1 job (Support triage), LedgerByActionType gained 1 action type (Triage ticket), LedgerByAgent gained 1 agent (Triager), LedgerByTeam gained 2 teams (Service and Ops), TeamBudgets gained 1 team (Ops) and RerunBursts gained 1 job (Support triage). Give the new teams their budgets on the Wallet sheet.",
    );
  });

  test("an empty template's blank summary row is filled, not left above; a second log adds only what is new", async () => {
    const excel = await withTemplate(false);
    ok((await importInto(excel, await csv(["2026-11-06 09:00,Triager,Support triage,Triage ticket,15,validated,no,no,2,Service"]))).outcome);
    expect(keys(excel, "byJob")).toEqual(["Support triage"]);
    expect(keys(excel, "teamBudgets")).toEqual(["Service"]);
    const second = ok((await importInto(excel, await csv(["2026-11-07 09:00,Triager,support triage,Triage ticket,15,validated,no,no,2,Service", "2026-11-07 10:00,Closer,Renewals,Draft email,4,validated,no,no,2,Service"]))).outcome);
    expect(keys(excel, "byJob")).toEqual(["Support triage", "Renewals"]);
    expect(keys(excel, "byTeam")).toEqual(["Service"]);
    expect(second.summaryRows.map((r) => [r.table, r.added])).toEqual([
      ["LedgerByJob", ["Renewals"]],
      ["LedgerByActionType", ["Draft email"]],
      ["LedgerByAgent", ["Closer"]],
      ["RerunBursts", ["Renewals"]],
    ]);
  });

  test("a workbook without the template's summaries: the import adds none and says nothing of them", async () => {
    const excel = newExcel();
    const outcome = ok((await importInto(excel, await csv(["2026-11-06 09:00,Triager,Support triage,Triage ticket,15,validated,no,no,2,Service"]))).outcome);
    expect(outcome.summaryRows).toEqual([]);
    expect(outcome.notes.map((n) => n.code)).not.toContain("summaryRows");
  });
});

describe("formula columns are written explicitly in the rows the import appends (not left to Excel's calculated-column fill)", () => {
  const csv = (name: string, lines: readonly string[]): Promise<LoadedLog> =>
    loadLog({ name, bytes: new TextEncoder().encode(["Timestamp,Agent,Job,Action type,Units,Status,Escalated,Rerun,Review minutes,Team", ...lines].join("\n")) }).then((log) => {
      if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
      return log;
    });
  /** The description's table blocks by name: what the template writes, formulas included. */
  const blocks = (examples: boolean): Map<string, TableBlock> =>
    new Map(
      describeTemplate({ examples, asOf: "2026-11-23" })
        .sheets.flatMap((sheet) => sheet.blocks)
        .flatMap((block) => (block.kind === "table" ? [[block.name, block] as const] : [])),
    );
  /** Each formula column's formula in the table's last `rows` rows, by header. */
  const lastRowsFormulas = (model: WorkbookModel, name: string, rows: number): Record<string, (string | null)[]> => {
    const t = model.table(name);
    return Object.fromEntries(
      t.headers().map((header, c) => [String(header), Array.from({ length: rows }, (_, i) => t.sheet.cellAt(t.top + t.dataRows - rows + 1 + i, t.left + c)?.formula ?? null)]),
    );
  };

  /**
   * Builds the template and imports one new job, action type, agent and team: into the example
   * rows' tables, or (empty) into the blank row first and then appended. One row per table, as
   * the double does not shift the tables stacked below one that grows (Excel inserts cells).
   */
  async function newRows(examples: boolean): Promise<{ excel: ExcelDouble; added: readonly { table: string; added: readonly string[] }[] }> {
    const excel = newExcel();
    await buildInWorkbook(asContext(excel.context()), describeTemplate({ examples, asOf: "2026-11-23" }), "fresh");
    if (!examples) ok((await importInto(excel, await csv("a.csv", ["2026-11-06 09:00,Triager,Support triage,Triage ticket,15,validated,no,no,2,Service"]))).outcome);
    const last = ok((await importInto(excel, await csv("b.csv", ["2026-11-07 09:00,Closer,Renewals,Draft email 2,4,validated,no,yes,2,Ops"]))).outcome);
    return { excel, added: last.summaryRows };
  }

  /**
   * A formula column the template formats as text ("@", set before the formulas are typed) holds its
   * formula as text, in Excel as in the double, so there is no formula to carry: a template defect
   * (LedgerByJob's Plan status, TeamBudgets' Alert and Forecast alert), checked apart below.
   */
  test.each([
    ["with the example rows", true],
    ["empty (a blank row to fill first)", false],
  ])("into the template %s: every new summary row holds each formula column's formula as the description writes it", async (_name, examples) => {
    const { excel, added } = await newRows(examples);
    const described = blocks(examples);
    expect(added.map((a) => [a.table, a.added.length])).toEqual(Object.values(LEDGER_SUMMARIES).map((s) => [s.table, 1]));
    let checked = 0;
    for (const { table, added: values } of added) {
      const block = described.get(table);
      if (!block) throw new Error(`${table} is not in the description`);
      expect(excel.model.table(table).headers()).toEqual(block.columns.map((c) => c.header));
      const written = lastRowsFormulas(excel.model, table, values.length);
      for (const column of block.columns) {
        const expected = column.kind === "formula" && column.formula ? formulaText(column.formula) : null;
        expect([table, column.header, written[column.header]]).toEqual([table, column.header, values.map(() => expected)]);
        if (expected !== null) checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  test("a formula column an analyst added to the Ledger: each appended row gets the first row's formula, moved to its own row (R1C1)", async () => {
    const excel = newExcel();
    const model = excel.model;
    model.sheets.push(new SheetModel("Usage"));
    const header = ["Key", "Estimate", "Flag", ...LEDGER_COLUMNS.filter((c) => c !== "Key")];
    // Units is column I: a relative A1 reference, a structured one, and a plain input column the import leaves blank.
    model.addTable("Usage", "Ledger", "B4", [...header, "Note"], [[...header.map((h) => (h === "Estimate" ? "=I5*0.005" : h === "Flag" ? '=IF([@Units]>2,"big","")' : "")), ""]]);
    ok((await importInto(excel, await loadFixture("minimal.csv"))).outcome);
    ok((await importInto(excel, await csv("more.csv", ["2026-11-08 09:00,A,J,X,5,ok,no,no,0,T", "2026-11-08 10:00,A,J,X,6,ok,no,no,0,T"]))).outcome);
    expect(model.table("Ledger").dataRows).toBe(4);
    const sheet = model.sheet("Usage");
    expect([5, 6, 7, 8].map((r) => sheet.content(`C${r}`))).toEqual(["=I5*0.005", "=I6*0.005", "=I7*0.005", "=I8*0.005"]);
    expect([5, 6, 7, 8].map((r) => sheet.content(`D${r}`))).toEqual(Array.from({ length: 4 }, () => '=IF([@Units]>2,"big","")'));
    expect(column(model, "Ledger", "Units")).toEqual([2, 3.5, 5, 6]);
    expect(column(model, "Ledger", "Note")).toEqual(["", "", "", ""]);
  });

  test("the formulas travel in the same request as their rows, within the budget", async () => {
    const excel = newExcel();
    excel.model.addTable("My notes", "Ledger", "A1", [...LEDGER_COLUMNS, "Estimate"], [[...LEDGER_COLUMNS.map(() => ""), "=[@Units]*0.005"]]);
    const rows = Array.from({ length: 300 }, (_, i) => `2026-11-03T10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z,${i}`);
    const big = await loadLog({ name: "big.csv", bytes: new TextEncoder().encode(["Timestamp,Credits", ...rows].join("\n")) });
    if (!("table" in big)) throw new Error(importRefusalMessage(big.problem));
    const ctx = excel.context();
    ok(await importIntoWorkbook(asContext(ctx), big, mappingFor(big), { now: NOW, budget: 6000 }));
    expect(column(excel.model, "Ledger", "Estimate").length).toBe(300);
    const t = excel.model.table("Ledger");
    const costs = Array.from({ length: t.dataRows }, (_, r) => t.sheet.cellAt(t.top + 1 + r, t.left + LEDGER_COLUMNS.length)?.formula);
    expect(costs).toEqual(Array.from({ length: 300 }, () => "=[@Units]*0.005"));
    expect(ctx.requests.length).toBeGreaterThan(3);
    expect(Math.max(...ctx.requests.map((r) => r.bytes))).toBeLessThan(6000 + 1024);
  });
});

describe("what Excel can't hold is rejected or made safe before it is written", () => {
  test("text starting with =, +, - or @ goes to the Ledger with a leading apostrophe, so Excel keeps it as text", async () => {
    const excel = new ExcelDouble(["My notes"], { requestLimit: REQUEST_LIMIT_BYTES, recordWrites: true });
    // An analyst's table without text formats: nothing but the apostrophe keeps these from being formulas.
    excel.model.addTable("My notes", "Ledger", "A1", LEDGER_COLUMNS, []);
    const log = await loadLog({ name: "names.csv", bytes: new TextEncoder().encode("Timestamp,Agent,Job,Action,Credits,Team\n2026-11-03,@mention,=SUM(A1),+1 call,1,-delete\n") });
    if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
    const ctx = excel.context();
    ok(await importIntoWorkbook(asContext(ctx), log, mappingFor(log), { now: NOW }));
    const sent = ctx.writes.filter((w) => w.label === "Range.values" || w.label === "TableRowCollection.add").flatMap((w) => JSON.stringify(w.args));
    const ledgerRow = sent.find((json) => json.includes("mention")) ?? "";
    for (const text of ["'@mention", "'=SUM(A1)", "'+1 call", "'-delete"]) expect(ledgerRow).toContain(JSON.stringify(text));
    const { rows } = tableValues(excel.model, "Ledger");
    expect([rows[0]?.[1], rows[0]?.[2], rows[0]?.[3], rows[0]?.[9]]).toEqual(["@mention", "=SUM(A1)", "+1 call", "-delete"]);
    expect(["B2", "C2", "D2", "J2"].map((a) => excel.model.sheet("My notes").cell(a).formula)).toEqual([null, null, null, null]);
  });

  test("a text longer than a cell holds rejects its row with the header, the length and the limit; the rest goes in", async () => {
    const excel = newExcel();
    const long = "x".repeat(40_000);
    const log = await loadLog({ name: "long.csv", bytes: new TextEncoder().encode(`Timestamp,Agent,Job,Credits\n2026-11-03,Scout,${long},1\n2026-11-04,Scout,Research,2\n`) });
    if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
    const outcome = ok((await importInto(excel, log)).outcome);
    expect(outcome.counts).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(column(excel.model, "Ledger", "Job")).toEqual(["Research"]);
    const reason = { code: "textTooLong", header: "Job", length: 40_000, limit: EXCEL_CELL_LIMITS.textLength } as const;
    expect(column(excel.model, "Rejects", "Reason")).toEqual([rejectReasonMessage(reason)]);
    expect(rejectReasonMessage(reason)).toContain("40,000 characters, more than the 32,767");
    // Nothing written is longer than a cell holds (the raw row is clipped).
    for (const sheet of excel.model.sheets) for (const cell of sheet.cells.values()) expect(String(cell.value).length).toBeLessThanOrEqual(EXCEL_CELL_LIMITS.textLength);
  });
});

test("text that Excel would turn into a number, a date or a formula stays text", async () => {
  const excel = newExcel();
  const log = await loadLog({ name: "names.csv", bytes: new TextEncoder().encode("Timestamp,Agent,Job,Action,Credits,Team\n2026-11-03,007,=SUM(A1),-delete,1,3/4\n") });
  if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
  ok((await importInto(excel, log)).outcome);
  const { rows } = tableValues(excel.model, "Ledger");
  expect(rows[0]?.slice(1, 4)).toEqual(["007", "=SUM(A1)", "-delete"]);
  expect(rows[0]?.[9]).toBe("3/4");
  expect(excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).cell("C2").formula).toBeNull();
});

describe("the mapping remembered in the workbook's settings", () => {
  const store = new Map<string, unknown>();
  const excel = newExcel();
  const context = (): Excel.RequestContext => asContext(withSettings(excel.context(), store));
  const vendor = proposeMapping(["Date/Time", "Credits Consumed", "Outcome"]).mapping;
  const team = { ...proposeMapping(["When", "Units"]).mapping, dateOrder: "MDY" as const };

  test("nothing saved: no mapping", async () => {
    expect(await loadMapping(context(), ["Date/Time", "Credits Consumed", "Outcome"])).toBeNull();
  });

  test("saved once, found again for the same kind of file; two syncs to save, one to load", async () => {
    const save = excel.context();
    await saveMapping(asContext(withSettings(save, store)), vendor);
    await saveMapping(context(), team);
    expect(save.requests).toHaveLength(2);
    const load = withSettings(excel.context(), store);
    expect(await loadMapping(asContext(load), ["outcome", "date/time", "credits consumed"])).toEqual(vendor);
    expect(load.requests).toHaveLength(1);
    expect(await loadMapping(context(), ["When", "Units"])).toEqual(team);
  });

  test("saving for the same headers replaces; at most MAX_SAVED are kept, oldest dropped", async () => {
    await saveMapping(context(), { ...team, dateOrder: "DMY" });
    expect((await loadMappings(context())).filter((m) => m.headers.includes("When"))).toEqual([{ ...team, dateOrder: "DMY" }]);
    for (let i = 0; i < MAX_SAVED + 3; i++) await saveMapping(context(), proposeMapping(["Time", "Credits", `Extra ${i}`]).mapping);
    const kept = await loadMappings(context());
    expect(kept).toHaveLength(MAX_SAVED);
    expect(kept.some((m) => m.headers.includes("Date/Time"))).toBe(false);
  });

  test("a setting someone else wrote badly reads as nothing saved", async () => {
    store.set(LEDGER_WORKBOOK.mappingSetting, "{not json");
    expect(await loadMappings(context())).toEqual([]);
    store.set(LEDGER_WORKBOOK.mappingSetting, JSON.stringify({ mappings: [{ version: 1, columns: { units: "U" }, headers: ["U"] }, 42] }));
    expect(await loadMappings(context())).toHaveLength(1);
  });
});
