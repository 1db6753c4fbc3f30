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
import { IMPORT_MESSAGES } from "../../src/messages/import";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { runTask } from "../../src/excel/run";
import { buildInWorkbook } from "../../src/template/actions/index";
import { describeTemplate } from "../../src/template/sheets/template";
import { LEDGER_SUMMARIES } from "../../src/template/sheets/ledger-tables";
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
  if (!outcome.ok) throw new Error(outcome.message);
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
    expect(rows[0]).toEqual([46329 + (14 * 60 + 5) / 1440, "Scout", "Research, EMEA", "search", 1200, "succeeded", false, false, 0, "", 1, 2, expect.stringMatching(/^[0-9a-f]{16}-1$/)]);
    expect(column(excel.model, "Ledger", "Source row")).toEqual([2, 3, 5, 6, 7, 17, 18]);
    expect(column(excel.model, "Ledger", "Units").reduce((a, b) => Number(a) + Number(b), 0)).toBe(1220.5);
    const sheet = excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet);
    // Column formats are set on the first row and carried down by rows.add.
    expect(sheet.cell("A8").numberFormat).toBe("yyyy-mm-dd hh:mm:ss");
    expect(sheet.cell("B8").numberFormat).toBe("@");
  });

  test("the Rejects: line and reason for every row not accepted", () => {
    const { rows } = tableValues(excel.model, "Rejects");
    expect(rows.map((r) => r[1])).toEqual([10, 11, 12, 13, 14, 15, 16, 19, 20]);
    expect(rows[0]).toEqual([1, 10, IMPORT_MESSAGES.reason.notAStatus("Outcome", "maybe"), "2026-11-05T10:00:00Z,Scout,Research,search,12,maybe,no,no"]);
  });

  test("the stamp: file name, counts, units, the file's SHA-256 and the mapping used", () => {
    const { header, rows } = tableValues(excel.model, "Imports");
    expect(rows).toHaveLength(1);
    const stamp = Object.fromEntries(header.map((h, i) => [h, rows[0]?.[i]]));
    expect(stamp).toMatchObject({ Import: 1, File: "vendor-export.csv", Format: "csv", "Rows read": 16, Accepted: 7, Rejected: 9, "Duplicates skipped": 0, "Blank lines": 2, "Units accepted": 1220.5 });
    expect(stamp["SHA-256"]).toBe(createHash("sha256").update(fixtureBytes("vendor-export.csv")).digest("hex"));
    expect(JSON.parse(String(stamp.Mapping))).toEqual({ columns: mappingFor(log).columns, delimiter: "auto", decimal: ".", dateOrder: "auto" });
    expect(stamp["Imported at"]).toBeCloseTo(46349 + 9.5 / 24, 9);
  });

  test("two round trips: one read, one write; the pane's message says what happened", () => {
    expect(outcome.syncs).toEqual({ read: 1, write: 1 });
    expect(syncs).toBe(2);
    expect(outcome.message).toBe([IMPORT_MESSAGES.done(16, 7, 9, 0), IMPORT_MESSAGES.blankLines(2)].join("\n"));
  });

  test("the Ledger reads back as the same records", async () => {
    const { header, rows } = tableValues(excel.model, "Ledger");
    const result = importTable(log.table, mappingFor(log));
    if (!result.ok) throw new Error(result.message);
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

  test("the same file again is refused by its content hash; nothing is written", async () => {
    const { outcome, syncs } = await importInto(excel, log);
    expect(outcome).toEqual({ ok: false, message: IMPORT_MESSAGES.refusal.alreadyImported("vendor-export.csv", "2026-11-23 09:30", 1) });
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
    if (!("table" in xlsx)) throw new Error(xlsx.message);
    const again = ok((await importInto(excel, xlsx)).outcome);
    expect(again.counts).toMatchObject({ read: 2, accepted: 0, duplicates: 2 });
  });

  test("an import Excel cuts short can be run again: the rows that arrived are skipped, the rest added once", async () => {
    const fresh = newExcel();
    const big = await loadLog({ name: "big.csv", bytes: new TextEncoder().encode(["Timestamp,Credits", ...Array.from({ length: 200 }, (_, i) => `2026-11-03T10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z,${i}`)].join("\n")) });
    if (!("table" in big)) throw new Error(big.message);
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
    const state = await readLedgerState(asContext(ctx), 28 * 3);
    // Seven keys, three per read: three reads after the two for tables and headers.
    expect(state.syncs).toBe(5);
    expect([...state.keys]).toEqual(column(excel.model, "Ledger", "Key"));
    expect(state.stamps).toEqual([{ importNumber: 1, at: expect.any(Number), file: "vendor-export.csv", sha256: first.sha256 }]);
  });

  test("a sheet of the ledger's name without its table: refused, nothing written", async () => {
    const excel = new ExcelDouble([LEDGER_WORKBOOK.ledger.sheet], { requestLimit: REQUEST_LIMIT_BYTES });
    excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).type("A1", "the analyst's notes");
    const { outcome, syncs } = await importInto(excel, await loadFixture("minimal.csv"));
    expect(outcome).toEqual({ ok: false, message: IMPORT_MESSAGES.refusal.sheetWithoutTable(LEDGER_WORKBOOK.ledger.sheet, "Ledger") });
    expect(syncs).toBe(1);
    expect(excel.model.sheets.map((s) => s.name)).toEqual([LEDGER_WORKBOOK.ledger.sheet]);
    expect(excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).cell("A1").value).toBe("the analyst's notes");
  });

  test("a table missing one of its columns: refused by name", async () => {
    const excel = newExcel();
    excel.model.addTable("My notes", "Ledger", "A1", LEDGER_COLUMNS.filter((c) => c !== "Key"), []);
    const { outcome } = await importInto(excel, await loadFixture("minimal.csv"));
    expect(outcome).toEqual({ ok: false, message: IMPORT_MESSAGES.refusal.missingColumns("Ledger", ["Key"]) });
  });

  test("a protected sheet: Excel's refusal in the pane's words", async () => {
    const excel = newExcel();
    const log = await loadFixture("minimal.csv");
    ok((await importInto(excel, log)).outcome);
    excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).protected = true;
    const other = await loadLog({ name: "more.csv", bytes: new TextEncoder().encode("timestamp,credits\n2026-11-04,1\n") });
    if (!("table" in other)) throw new Error(other.message);
    const outcome = await runTask((context) => importIntoWorkbook(context, other, mappingFor(other), { now: NOW }), (batch) => excel.run({ delayForCellEdit: true }, (ctx) => batch(asContext(ctx))));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "AccessDenied" } });
  });
});

describe("into the template: the summaries gain a row for each new job, agent, team and action type", () => {
  const csv = (lines: readonly string[]): Promise<LoadedLog> =>
    loadLog({ name: "ops.csv", bytes: new TextEncoder().encode(["Timestamp,Agent,Job,Action type,Units,Status,Escalated,Rerun,Review minutes,Team", ...lines].join("\n")) }).then((log) => {
      if (!("table" in log)) throw new Error(log.message);
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
      "2026-11-06 09:05,Enricher, account ENRICHMENT ,Enrich account,20,validated,no,no,1,sales",
      "2026-11-06 09:10,Triager,Support triage,Triage ticket,15,failed,no,yes,0,Ops",
    ]);
    const outcome = ok((await importInto(excel, log)).outcome);
    expect(keys(excel, "byJob")).toEqual(["Account enrichment", "Follow-up emails", "New-lead research", "Stage hygiene", "Support triage"]);
    expect(keys(excel, "byActionType")).toEqual(["Enrich account", "Draft email", "Research lead", "Triage ticket"]);
    expect(keys(excel, "byAgent")).toEqual(["Enricher", "Mailer", "Researcher", "Triager"]);
    expect(keys(excel, "byTeam")).toEqual(["Sales", "Marketing", "Service", "Ops"]);
    expect(keys(excel, "teamBudgets")).toEqual(["Sales", "Marketing", "Service", "Ops"]);
    expect(keys(excel, "loops")).toEqual(["Account enrichment", "Follow-up emails", "New-lead research", "Support triage"]);
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
    expect(outcome.message).toContain(
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
    expect(outcome.message).not.toContain("summaries");
  });
});

test("text that Excel would turn into a number, a date or a formula stays text", async () => {
  const excel = newExcel();
  const log = await loadLog({ name: "names.csv", bytes: new TextEncoder().encode("Timestamp,Agent,Job,Action,Credits,Team\n2026-11-03,007,=SUM(A1),-delete,1,3/4\n") });
  if (!("table" in log)) throw new Error(log.message);
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
