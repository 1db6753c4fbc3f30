/**
 * The import section's on-demand work, in Node: reading a picked file, previewing it under a
 * mapping, and importing it (into the Excel double), every refusal handed back as data that the
 * section branches on by its code and words through the one catalogue.
 */
import fs from "fs";
import path from "path";
import { FIRST_TRY, asksAboutPeriods, holdingOf, importLog, overrulable, previewLog, readLog, type PickedLog } from "../../src/taskpane/import-work";
import { importRefusalMessage } from "../../src/messages/import";
import { refusalMessage } from "../../src/messages/refusals";
import { WORKBOOK_MESSAGES } from "../../src/messages/workbook";
import type { ExcelRunner } from "../../src/excel/run";
import { LEDGER_WORKBOOK, importIntoWorkbook, loadLog, planImport, proposeMapping, readLedgerState } from "../../src/import";
import { ExcelDouble } from "../support/excel-double";
import { asContext, withSettings } from "../import/support";

const FIXTURES = path.join(__dirname, "../import/fixtures");

async function pick(fixture: string): Promise<PickedLog> {
  const picked = await readLog(fixture, new Uint8Array(fs.readFileSync(path.join(FIXTURES, fixture))), false);
  if ("ok" in picked) throw new Error(importRefusalMessage(picked.problem));
  return picked;
}

/** Excel.run over the double, with the workbook settings the mapping is saved in. */
function runnerFor(excel: ExcelDouble): ExcelRunner {
  const store = new Map<string, unknown>();
  return (batch) => excel.run({ delayForCellEdit: true }, (ctx) => batch(asContext(withSettings(ctx, store))));
}

test("outside Excel a picked log starts from the proposed mapping, and previews with the importer's counts", async () => {
  const picked = await pick("vendor-export.csv");
  expect(picked.saved).toBe(false);
  expect(picked.mapping).toEqual(picked.proposal.mapping);
  const preview = previewLog(picked.log, picked.mapping);
  if ("ok" in preview) throw new Error(importRefusalMessage(preview.problem));
  expect(preview.result.counts).toEqual({ read: 16, accepted: 7, rejected: 9, duplicates: 0, blankLines: 2 });
  expect(preview.questions).toEqual([]);
});

test("a mapping without the units is refused as data, and worded by the catalogue", async () => {
  const picked = await pick("vendor-export.csv");
  const columns = Object.fromEntries(Object.entries(picked.mapping.columns).filter(([field]) => field !== "units"));
  const preview = previewLog(picked.log, { ...picked.mapping, columns });
  expect(preview).toEqual({ ok: false, problem: { code: "unmappedRequired", fields: ["units"] } });
  if ("ok" in preview) expect(refusalMessage(preview.problem)).toBe("Map a column of the file to the units (credits): every row needs it.");
});

test("an empty file is refused", async () => {
  await expect(readLog("empty.csv", new Uint8Array(), false)).resolves.toEqual({ ok: false, problem: { code: "empty" } });
});

describe("importing from the pane: refusals come back as data, and Import anyway is offered by code", () => {
  test("the same file twice: the second is refused as alreadyImported (the one refusal Import anyway overrules), then goes in when the analyst insists", async () => {
    const excel = new ExcelDouble(["Sheet1"]);
    const run = runnerFor(excel);
    const picked = await pick("vendor-export.csv");
    const first = await importLog(picked.log, picked.mapping, FIRST_TRY, run);
    if (!first.ok) throw new Error(refusalMessage(first.problem));
    expect(first.value.notes[0]).toEqual({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 });
    const again = await importLog(picked.log, picked.mapping, FIRST_TRY, run);
    const at = excel.model.table("Imports").sheet.cell("B2").value;
    const problem = { code: "alreadyImported", file: "vendor-export.csv", at, importNumber: 1 } as const;
    expect(again).toEqual({ ok: false, problem });
    if (again.ok || typeof at !== "number") throw new Error("not refused");
    expect(overrulable(again.problem)).toBe(true);
    expect(refusalMessage(again.problem)).toBe(importRefusalMessage({ ...problem, at }));
    const anyway = await importLog(picked.log, picked.mapping, { ...FIRST_TRY, allowSameFile: true }, run);
    expect(anyway).toMatchObject({ ok: true, value: { importNumber: 2, counts: { accepted: 0, duplicates: 7 } } });
  });

  test("a day exported again with other figures is the question the pane asks (by its code); the analyst's answer imports it", async () => {
    const excel = new ExcelDouble(["Sheet1"]);
    const run = runnerFor(excel);
    const file = async (name: string, line: string): Promise<PickedLog> => {
      const picked = await readLog(name, new TextEncoder().encode(`Timestamp,Job,Count,Units\n${line}\n`), false);
      if ("ok" in picked) throw new Error(importRefusalMessage(picked.problem));
      return picked;
    };
    const noon = await file("noon.csv", "2026-11-03,Research,40,200");
    expect((await importLog(noon.log, noon.mapping, FIRST_TRY, run)).ok).toBe(true);
    const later = await file("later.csv", "2026-11-03,Research,90,450");
    const asked = await importLog(later.log, later.mapping, FIRST_TRY, run);
    if (asked.ok) throw new Error("not asked");
    expect(asked.problem).toMatchObject({ code: "periodsChanged", periods: 1, rows: 1, imports: [1] });
    expect([asksAboutPeriods(asked.problem), overrulable(asked.problem)]).toEqual([true, false]);
    expect(refusalMessage(asked.problem)).toBe(importRefusalMessage(asked.problem as Parameters<typeof importRefusalMessage>[0]));
    const replaced = await importLog(later.log, later.mapping, { ...FIRST_TRY, periods: "replace" }, run);
    expect(replaced).toMatchObject({ ok: true, value: { importNumber: 2, counts: { accepted: 1 } } });
    const counts = excel.model.table(LEDGER_WORKBOOK.ledger.table);
    const countColumn = counts.headers().indexOf("Count");
    const column = Array.from({ length: counts.dataRows }, (_, r) => counts.sheet.cellAt(counts.top + 1 + r, counts.left + countColumn)?.value);
    expect(column).toEqual([40, 90, -40]);
  });

  test("a workbook the import would damage is refused as data with its facts, and is not overrulable", async () => {
    const excel = new ExcelDouble([LEDGER_WORKBOOK.ledger.sheet]);
    const picked = await pick("minimal.csv");
    const refused = await importLog(picked.log, picked.mapping, { ...FIRST_TRY, allowSameFile: true }, runnerFor(excel));
    expect(refused).toEqual({ ok: false, problem: { code: "sheetWithoutTable", sheet: LEDGER_WORKBOOK.ledger.sheet, table: "Ledger" } });
    if (!refused.ok) expect(overrulable(refused.problem)).toBe(false);
  });

  test("Excel's own refusal (a protected sheet) comes back as data too, in the catalogue's words, and is not overrulable", async () => {
    const excel = new ExcelDouble(["Sheet1"]);
    const run = runnerFor(excel);
    const picked = await pick("minimal.csv");
    const first = await importLog(picked.log, picked.mapping, FIRST_TRY, run);
    expect(first.ok).toBe(true);
    excel.model.sheet(LEDGER_WORKBOOK.ledger.sheet).protected = true;
    const other = await readLog("more.csv", new TextEncoder().encode("timestamp,credits\n2026-11-04,1\n"), false);
    if ("ok" in other) throw new Error(importRefusalMessage(other.problem));
    const refused = await importLog(other.log, other.mapping, FIRST_TRY, run);
    expect(refused).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "AccessDenied" } });
    if (refused.ok) return;
    expect(overrulable(refused.problem)).toBe(false);
    expect(refusalMessage(refused.problem)).toBe(WORKBOOK_MESSAGES.refusal.protectedSheet);
  });
});

test("what the log reader is sent of the ledger crosses postMessage whole: the raw keys aggregated imports kept, and their imports", async () => {
  const excel = new ExcelDouble(["Sheet1"]);
  const lines = ["Timestamp,Job,Units", ...Array.from({ length: 40 }, (_, i) => `2026-11-0${1 + (i % 3)}T0${i % 10}:${String(i).padStart(2, "0")}:00Z,Research,${i + 1}`)];
  const log = await loadLog({ name: "raw.csv", bytes: new TextEncoder().encode(lines.join("\n")) });
  if ("ok" in log) throw new Error(importRefusalMessage(log.problem));
  const done = await importIntoWorkbook(asContext(excel.context()), log, proposeMapping(log.table.headers).mapping, { aggregate: "daily" });
  if (!done.ok) throw new Error(importRefusalMessage(done.problem));
  const sent = holdingOf(await readLedgerState(asContext(excel.context())));
  expect(sent.rawKeys?.size).toBe(40);
  expect(sent.rawKeyImports).toEqual(new Set([1]));
  // postMessage clones as structuredClone does: a plain Set survives, a class's methods would not.
  const received = structuredClone(sent);
  expect(received).toEqual(sent);
  const again = planImport(received, log, proposeMapping(log.table.headers).mapping, { now: new Date(), aggregate: "daily", allowSameFile: true });
  if ("ok" in again) throw new Error(importRefusalMessage(again.problem));
  expect(again.result.counts).toMatchObject({ accepted: 0, duplicates: 40 });
});
