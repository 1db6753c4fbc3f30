/**
 * The import without Excel (npm run template -- --log): the same rows as the pane's import
 * into the Excel double, logs in order with duplicates skipped across them, the same-file and
 * mapping refusals, and the command itself: one line per log, or a non-zero exit with the
 * reason and no file written.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importIntoWorkbook, loadLog, proposeMapping, serialiseMapping, type ColumnMapping, type LoadedLog } from "../../src/import";
import { holdingOf, importLogs, type HeadlessLog } from "../../src/import/headless";
import { literal } from "../../src/excel/literals";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { IMPORT_MESSAGES, importRefusalMessage } from "../../src/messages/import";
import { buildInWorkbook } from "../../src/template/actions/index";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { ExcelDouble, type DoubleValue } from "../support/excel-double";
import { FIXTURES, asContext, fixtureBytes } from "./support";

const NOW = new Date(2026, 10, 23, 9, 30);
const OPTIONS = { examples: true, asOf: "2026-11-23" };
const ROOT = path.resolve(__dirname, "../..");

const fixture = (name: string): HeadlessLog => ({ name, bytes: fixtureBytes(name) });

function table(description: TemplateDescription, name: string): TableBlock {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === name) return block;
  throw new Error(`no table ${name}`);
}

/** A described table's rows as the pane would write them: in column order, text made safe for Excel, blanks as "". */
const describedRows = (description: TemplateDescription, name: string): DoubleValue[][] =>
  table(description, name).rows.map((row) => table(description, name).columns.map((c) => {
    const v = row[c.header];
    return v === undefined || typeof v === "object" ? "" : literal(v);
  }));

/** A table's body in the Excel double. */
function doubleRows(excel: ExcelDouble, name: string): DoubleValue[][] {
  const t = excel.model.table(name);
  const headers = t.headers();
  return Array.from({ length: t.dataRows }, (_, r) => headers.map((_h, c) => t.sheet.cellAt(t.top + 1 + r, t.left + c)?.value ?? ""));
}

describe("the same rows as the pane's import", () => {
  const logs = ["vendor-export.csv", "team-log.tsv", "vendor-overlap.csv"];

  test.each([true, false])("Ledger, Rejects and Imports equal the pane's, row for row (examples: %s)", async (examples) => {
    const excel = new ExcelDouble(["Sheet1"], { requestLimit: REQUEST_LIMIT_BYTES });
    await buildInWorkbook(asContext(excel.context()), describeTemplate({ ...OPTIONS, examples }), "fresh");
    for (const name of logs) {
      const log = (await loadLog({ name, bytes: fixtureBytes(name) })) as LoadedLog;
      const outcome = await importIntoWorkbook(asContext(excel.context()), log, proposeMapping(log.table.headers).mapping, { now: NOW });
      if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
    }
    const headless = await importLogs({ ...OPTIONS, examples }, logs.map(fixture), { mappings: [], now: NOW });
    if (!headless.ok) throw new Error(importRefusalMessage(headless.problem));
    expect(headless.logs.map((l) => l.importNumber)).toEqual([1, 2, 3]);
    for (const name of [LEDGER_WORKBOOK.ledger.table, LEDGER_WORKBOOK.rejects.table, LEDGER_WORKBOOK.imports.table]) {
      const pane = doubleRows(excel, name).filter((row) => row.some((v) => v !== ""));
      expect([name, describedRows(headless.description, name)]).toEqual([name, pane]);
    }
    // vendor-export.csv's counts (test/import/fixtures.test.ts): 16 rows, 7 accepted, 9 rejected.
    expect(headless.logs[0]?.notes[0]).toEqual({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 });
    // The overlapping export's rows already in the ledger are skipped, not counted twice.
    const overlap = headless.logs[2]?.notes[0];
    expect(overlap).toMatchObject({ code: "done" });
    expect(overlap && overlap.code === "done" ? overlap.duplicates : 0).toBeGreaterThan(0);
  });
});

describe("logs in order", () => {
  test("new names get summary rows once, in log order, after the examples; the example jobs keep theirs", async () => {
    const outcome = await importLogs(OPTIONS, [fixture("team-log.tsv"), fixture("vendor-export.csv")], { mappings: [], now: NOW });
    if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
    const before = describeTemplate(OPTIONS);
    for (const name of [TABLES.ledgerSummary, TABLES.ledgerByTeam, TABLES.teams, TABLES.loops]) {
      const added = outcome.logs.flatMap((l) => l.notes.flatMap((n) => (n.code === "summaryRows" ? n.rows.filter((r) => r.table === name).flatMap((r) => r.added) : [])));
      const rows = table(outcome.description, name).rows;
      expect(rows.slice(0, table(before, name).rows.length)).toEqual(table(before, name).rows);
      expect(rows.slice(table(before, name).rows.length)).toEqual(added.map((v) => expect.objectContaining({ [name === TABLES.ledgerSummary || name === TABLES.loops ? "Job" : "Team"]: v })));
      expect(table(outcome.description, name).exampleRows).toBe(table(before, name).rows.length);
    }
    // What the written workbook's ledger now holds, as the next import would read it.
    const held = holdingOf(outcome.description);
    expect(held.stamps.map((s) => s.importNumber)).toEqual([1, 2]);
    expect(held.keys.size).toBe(table(outcome.description, LEDGER_WORKBOOK.ledger.table).rows.length);
  });

  test("the same file twice is refused as the pane refuses it, unless imported anyway (its rows are then all duplicates)", async () => {
    const twice = await importLogs(OPTIONS, [fixture("minimal.csv"), fixture("minimal.csv")], { mappings: [], now: NOW });
    expect(twice).toEqual({ ok: false, name: "minimal.csv", problem: expect.objectContaining({ code: "alreadyImported", importNumber: 1, file: "minimal.csv" }) });
    const anyway = await importLogs(OPTIONS, [fixture("minimal.csv"), fixture("minimal.csv")], { mappings: [], now: NOW, allowSameFile: true });
    if (!anyway.ok) throw new Error(importRefusalMessage(anyway.problem));
    const first = anyway.logs[0]?.notes[0];
    expect(first).toMatchObject({ code: "done", accepted: 2 });
    expect(anyway.logs[1]?.notes[0]).toMatchObject({ code: "done", accepted: 0, duplicates: 2 });
  });

  test("a given mapping is used for the file it fits, and refused for one it does not fit", async () => {
    const log = (await loadLog({ name: "team-log.tsv", bytes: fixtureBytes("team-log.tsv") })) as LoadedLog;
    const mapping: ColumnMapping = proposeMapping(log.table.headers).mapping;
    const fits = await importLogs(OPTIONS, [fixture("team-log.tsv")], { mappings: [mapping], now: NOW });
    expect(fits.ok && fits.logs[0]?.mapping).toBe("given");
    const other = await importLogs(OPTIONS, [fixture("vendor-export.csv")], { mappings: [mapping], now: NOW });
    expect(other).toMatchObject({ ok: false, name: "vendor-export.csv", problem: { code: "noMappingFits", given: 1 } });
  });
});

describe("npm run template -- --log", () => {
  jest.setTimeout(60_000);
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const run = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(tsx, ["scripts/template.ts", ...args], { cwd: ROOT, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-headless-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("prints one line per log with its counts and writes the workbook; a saved mapping file is read", async () => {
    const log = (await loadLog({ name: "team-log.tsv", bytes: fixtureBytes("team-log.tsv") })) as LoadedLog;
    const mappingFile = path.join(dir, "mapping.json");
    fs.writeFileSync(mappingFile, serialiseMapping(proposeMapping(log.table.headers).mapping));
    const out = path.join(dir, "budget.xlsx");
    const result = run(["--out", out, "--portable", "--log", path.join(FIXTURES, "team-log.tsv"), "--mapping", mappingFile]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^team-log\.tsv: import 1 \(the given mapping\)\. Read 7 rows: 5 added to the ledger, 2 rejected/);
    expect(lines).toHaveLength(2);
    expect(fs.existsSync(out)).toBe(true);
  });

  test("a log refused as a whole exits non-zero with the reason and writes nothing", () => {
    const out = path.join(dir, "refused.xlsx");
    const result = run(["--out", out, "--log", path.join(FIXTURES, "minimal.csv"), "--log", path.join(FIXTURES, "minimal.csv")]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      IMPORT_MESSAGES.headless.refused("minimal.csv", { code: "alreadyImported", file: "minimal.csv", importNumber: 1, at: 0 }),
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a day exported again with other figures: asked (exit 1, nothing written); --periods replace imports it; a wrong --periods is named", () => {
    const header = "Timestamp,Job,Count,Units";
    const noon = path.join(dir, "noon.csv");
    const later = path.join(dir, "later.csv");
    fs.writeFileSync(noon, `${header}\n2026-11-03,Research,40,200\n`);
    fs.writeFileSync(later, `${header}\n2026-11-03,Research,90,450\n`);
    const out = path.join(dir, "periods.xlsx");
    const asked = run(["--out", out, "--log", noon, "--log", later]);
    expect(asked.status).toBe(1);
    expect(asked.stderr.trim()).toMatch(/^later\.csv: This file has other figures for 1 period .* Add --periods replace to reverse the 1 earlier row of those periods, or --periods keep to keep both\. Nothing was written\.$/);
    expect(fs.existsSync(out)).toBe(false);
    const replaced = run(["--out", out, "--log", noon, "--log", later, "--periods", "replace"]);
    expect(replaced.stderr).toBe("");
    expect(replaced.stdout).toContain("1 period that import 1 held was replaced with this file's figures: the earlier row is reversed");
    expect(fs.existsSync(out)).toBe(true);
    const wrong = run(["--out", out, "--log", noon, "--periods", "both"]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("--periods takes ask, replace, keep, not both");
  });
});
