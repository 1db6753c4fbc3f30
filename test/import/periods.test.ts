/**
 * A period exported again (issue 11: re-exports never double count). A vendor's daily rows
 * exported while a day was running, then again once it was over, are other rows for the same
 * period (day, agent, job, action type, team): the import asks, and on "replace" reverses the
 * earlier rows the new file does not have (a row of their negative figures each), so every sum is
 * the later export's; on "keep" both stay, flagged. Checked on the plan, in the Excel double as
 * the pane writes it, through the headless command, and recalculated by LibreOffice elsewhere
 * (test/integration/overlap-import.test.ts).
 */
import {
  holdingAfter,
  importIntoWorkbook,
  loadLog,
  planImport,
  proposeMapping,
  readLedgerState,
  settlePeriods,
  type ImportOutcome,
  type ImportPlan,
  type LedgerHolding,
  type LoadedLog,
  type PeriodSetting,
} from "../../src/import";
import { importLogs, type HeadlessLog } from "../../src/import/headless";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { IMPORT_MESSAGES, importNoteMessage, importRefusalMessage } from "../../src/messages/import";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { ExcelDouble, type DoubleValue } from "../support/excel-double";
import { asContext } from "./support";

const NOW = new Date(2026, 10, 5, 9, 0);
const EMPTY: LedgerHolding = { keys: new Set(), stamps: [], summaries: [] };
const HEADER = "Timestamp,Agent,Job,Action type,Status,Team,Count,Units,Cost";
// 3 November exported at noon, while it ran: Research by Scout, Follow-ups by Closer (with a failed part), Triage.
const NOON = [
  "2026-11-03,Scout,Research,search,succeeded,Sales,40,200,10",
  "2026-11-03,Closer,Follow-ups,update record,failed,Sales,12,60,3",
  "2026-11-03,Router,Triage,search,validated,Support,5,25,1.25",
];
// The same day once it was over, and the next day: Research grew, Follow-ups' failures became successes, Triage is unchanged.
const LATER = [
  "2026-11-03,Scout,Research,search,succeeded,Sales,90,450,22.5",
  "2026-11-03,Closer,Follow-ups,update record,succeeded,Sales,20,100,5",
  "2026-11-03,Router,Triage,search,validated,Support,5,25,1.25",
  "2026-11-04,Scout,Research,search,succeeded,Sales,70,350,17.5",
];
const csv = (lines: readonly string[]): Uint8Array => new TextEncoder().encode([HEADER, ...lines].join("\n"));
const log = (name: string, lines: readonly string[]): HeadlessLog => ({ name, bytes: csv(lines) });

async function loaded(name: string, lines: readonly string[]): Promise<LoadedLog> {
  const read = await loadLog(log(name, lines));
  if ("ok" in read) throw new Error(importRefusalMessage(read.problem));
  return read;
}

async function planned(name: string, lines: readonly string[], holding: LedgerHolding): Promise<ImportPlan> {
  const read = await loaded(name, lines);
  const plan = planImport(holding, read, proposeMapping(read.table.headers).mapping, { now: NOW });
  if ("ok" in plan) throw new Error(importRefusalMessage(plan.problem));
  return plan;
}

const sum = (rows: readonly Readonly<Record<string, unknown>>[], column: string): number => rows.reduce((n, r) => n + Number(r[column] ?? 0), 0);

describe("on the plan", () => {
  let noon: ImportPlan;
  let later: ImportPlan;
  let holding: LedgerHolding;
  beforeAll(async () => {
    noon = await planned("noon.csv", NOON, EMPTY);
    holding = holdingAfter(EMPTY, noon);
    later = await planned("later.csv", LATER, holding);
  });
  const settle = (setting: PeriodSetting) => settlePeriods(later, noon.ledger, holding.keys, setting);

  test("the periods the later file adds rows to and the first import holds are found; the unchanged one is not", () => {
    // Research and Follow-ups on 3 November (Triage's row is the same row: its key is held, nothing added).
    expect(later.periods).toHaveLength(2);
    expect(later.ledger.map((r) => [r.Job, r.Count])).toEqual([
      ["Research", 90],
      ["Follow-ups", 20],
      ["Research", 70],
    ]);
  });

  test("ask: refused with the question, the facts as data and in words", () => {
    const asked = settle("ask");
    expect(asked).toEqual({ ok: false, problem: { code: "periodsChanged", periods: 2, rows: 2, imports: [1], first: { day: 46329, job: "Research" } } });
    if (!("ok" in asked)) throw new Error("not asked");
    expect(importRefusalMessage(asked.problem)).toBe(
      'This file has other figures for 2 periods (a day, agent, job, action type, team and model) that import 1 already holds, the first 2026-11-03 for "Research": likely a re-export of days that were not over when first exported. Nothing was written. Choose "Replace the earlier rows" to reverse the 2 earlier rows of those periods (each stays, with a reversal row of its negative figures) so the ledger holds this file\'s figures, or "Keep both" if this file is another source for the same days (its rows are then marked as likely duplicates).',
    );
    expect(IMPORT_MESSAGES.headless.refused("later.csv", asked.problem)).toBe(
      'later.csv: This file has other figures for 2 periods (a day, agent, job, action type, team and model) that import 1 already holds, the first 2026-11-03 for "Research": likely a re-export of days that were not over when first exported. Add --periods replace to reverse the 2 earlier rows of those periods, or --periods keep to keep both. Nothing was written.',
    );
  });

  test("replace: each earlier row of those periods is reversed, so every sum is the later export's", () => {
    const replaced = settle("replace");
    if ("ok" in replaced) throw new Error(importRefusalMessage(replaced.problem));
    const reversals = replaced.ledger.filter((r) => String(r.Key).startsWith("rev:"));
    expect(reversals.map((r) => [r.Job, r.Status, r.Count, r.Units, r.Cost, r["Review minutes"], r.Import, r["Match key"]])).toEqual([
      ["Research", "succeeded", -40, -200, -10, 0, 2, ""],
      ["Follow-ups", "failed", -12, -60, -3, 0, 2, ""],
    ]);
    expect(reversals.map((r) => r.Key)).toEqual(noon.ledger.slice(0, 2).map((r) => `rev:${String(r.Key)}`));
    // Both imports together: the later file's figures, Triage once.
    const all = [...noon.ledger, ...replaced.ledger];
    expect([sum(all, "Count"), sum(all, "Units"), sum(all, "Cost")]).toEqual([90 + 20 + 5 + 70, 450 + 100 + 25 + 350, 22.5 + 5 + 1.25 + 17.5]);
    expect(all.filter((r) => r.Status === "failed").reduce((n, r) => n + Number(r.Count), 0)).toBe(0);
    // The stamp counts the reversals, net: the Ledger sheet's audit reconciles.
    expect(replaced.stamp).toMatchObject({ "Ledger rows": 5, "Actions accepted": 180 - 52, "Units accepted": 900 - 260, Accepted: 3, "Duplicates skipped": 1 });
    // The later rows replace, they do not repeat: no flag, and the note says what was replaced.
    expect(replaced.ledger.filter((r) => r["Likely duplicate of"] !== undefined)).toEqual([]);
    expect(replaced.notes.map((n) => n.code)).not.toContain("periodRepeated");
    const note = replaced.notes.find((n) => n.code === "periodsReplaced");
    expect(note).toEqual({ code: "periodsReplaced", periods: 2, rows: 2, imports: [1] });
    expect(note && importNoteMessage(note)).toBe(
      '2 periods that import 1 held were replaced with this file\'s figures: the 2 earlier rows are reversed (a Ledger row with the negatives of each one\'s count, units, cost and review minutes, its Key "rev:" and the reversed row\'s), so every sum is this file\'s.',
    );
  });

  test("keep: both stay, the later rows flagged against the first import", () => {
    const kept = settle("keep");
    expect(kept).toBe(later);
    expect(later.ledger.map((r) => r["Likely duplicate of"])).toEqual([1, 1, undefined]);
    expect(later.notes).toContainEqual({ code: "periodRepeated", rows: 2, imports: [1] });
  });

  test("a third export of the same figures, after the replacement, adds nothing and reverses nothing", async () => {
    const replaced = settle("replace");
    if ("ok" in replaced) throw new Error("refused");
    const after = holdingAfter(holding, replaced);
    const third = await planned("later (again).csv", [...LATER].reverse(), after);
    expect(third.ledger).toHaveLength(0);
    expect(third.result.counts).toMatchObject({ accepted: 0, duplicates: 4 });
    expect(third.periods).toEqual([]);
  });

  test("a period only part of whose rows the later file repeats: the rows it still has stay, the others are reversed", async () => {
    // Two rows of one period (two models, say); the later file keeps the first as it was and changes the second.
    const two = ["2026-11-03,Scout,Research,search,succeeded,Sales,10,50,1", "2026-11-03,Scout,Research,search,succeeded,Sales,20,100,2"];
    const first = await planned("two.csv", two, EMPTY);
    const held = holdingAfter(EMPTY, first);
    const next = await planned("two later.csv", [two[0] as string, "2026-11-03,Scout,Research,search,succeeded,Sales,25,125,2.5"], held);
    const replaced = settlePeriods(next, first.ledger, held.keys, "replace");
    if ("ok" in replaced) throw new Error("refused");
    expect(replaced.ledger.map((r) => [String(r.Key).startsWith("rev:"), r.Count])).toEqual([
      [false, 25],
      [true, -20],
    ]);
  });
});

test("two vendors' usage of one day (their models differ, no other names) are two periods: no question", async () => {
  const usage = (name: string, model: string, count: number): HeadlessLog => ({ name, bytes: new TextEncoder().encode(`Timestamp,Model,Count,Units\n2026-11-03,${model},${count},${count * 5}\n`) });
  const run = await importLogs({ examples: false, asOf: "2026-11-05" }, [usage("openai.csv", "gpt-4o", 40), usage("anthropic.csv", "claude-sonnet-4.5", 30)], { mappings: [], now: NOW });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  expect(run.logs[1]?.notes.map((n) => n.code)).not.toContain("periodRepeated");
  // The same vendor's day again, with other figures, is one.
  const again = await importLogs({ examples: false, asOf: "2026-11-05" }, [usage("openai.csv", "gpt-4o", 40), usage("openai later.csv", "GPT-4o ", 45)], { mappings: [], now: NOW });
  expect(again).toMatchObject({ ok: false, problem: { code: "periodsChanged", periods: 1, rows: 1 } });
});

test("a vendor's daily row updated in place (the same id, other figures) is the same question; the same figures again are the same row", async () => {
  const daily = (name: string, count: number): HeadlessLog => ({ name, bytes: new TextEncoder().encode(`id,Timestamp,Job,Count,Units\nd-1103-research,2026-11-03,Research,${count},${count * 5}\n`) });
  const options = { examples: false, asOf: "2026-11-05" };
  const asked = await importLogs(options, [daily("noon.csv", 40), daily("evening.csv", 90)], { mappings: [], now: NOW });
  expect(asked).toMatchObject({ ok: false, name: "evening.csv", problem: { code: "periodsChanged", periods: 1, rows: 1 } });
  const replaced = await importLogs(options, [daily("noon.csv", 40), daily("evening.csv", 90), daily("evening (again).csv", 90)], { mappings: [], now: NOW, periods: "replace", allowSameFile: true });
  if (!replaced.ok) throw new Error(importRefusalMessage(replaced.problem));
  const ledger = replaced.description.sheets.flatMap((sh) => sh.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === LEDGER_WORKBOOK.ledger.table);
  expect((ledger?.rows ?? []).map((r) => [r.Count, r.Import])).toEqual([
    [40, 1],
    [90, 2],
    [-40, 2],
  ]);
  expect(replaced.logs[2]?.notes[0]).toEqual({ code: "done", read: 1, accepted: 0, rejected: 0, duplicates: 1 });
  // A ledger keyed before a row's figures were part of its key (by its id alone) still skips the row.
  const evening = await loadLog(daily("evening.csv", 90));
  if ("ok" in evening) throw new Error(importRefusalMessage(evening.problem));
  const legacy = planImport({ ...EMPTY, keys: new Set(["id:d-1103-research"]) }, evening, proposeMapping(evening.table.headers).mapping, { now: NOW });
  expect(legacy).toMatchObject({ result: { counts: { accepted: 0, duplicates: 1 } } });
});

describe("in the pane (the Excel double) and the headless command", () => {
  const newExcel = (): ExcelDouble => new ExcelDouble(["Sheet1"], { requestLimit: REQUEST_LIMIT_BYTES });
  async function importInto(excel: ExcelDouble, name: string, lines: readonly string[], periods?: PeriodSetting): Promise<ImportOutcome> {
    const read = await loaded(name, lines);
    return importIntoWorkbook(asContext(excel.context()), read, proposeMapping(read.table.headers).mapping, { now: NOW, ...(periods ? { periods } : {}) });
  }
  function ledgerRows(excel: ExcelDouble): Record<string, DoubleValue>[] {
    const t = excel.model.table(LEDGER_WORKBOOK.ledger.table);
    const headers = t.headers();
    return Array.from({ length: t.dataRows }, (_, r) => Object.fromEntries(headers.map((h, c) => [String(h), t.sheet.cellAt(t.top + 1 + r, t.left + c)?.value ?? ""])));
  }

  test("asked by default, nothing written; replaced on the analyst's word, with one more read for the earlier rows", async () => {
    const excel = newExcel();
    await importInto(excel, "noon.csv", NOON);
    const asked = await importInto(excel, "later.csv", LATER);
    expect(asked).toMatchObject({ ok: false, problem: { code: "periodsChanged", periods: 2, rows: 2, imports: [1] } });
    expect(ledgerRows(excel)).toHaveLength(3);
    const replaced = await importInto(excel, "later.csv", LATER, "replace");
    if (!replaced.ok) throw new Error(importRefusalMessage(replaced.problem));
    const rows = ledgerRows(excel);
    expect(rows).toHaveLength(3 + 3 + 2);
    expect([sum(rows, "Count"), sum(rows, "Units"), sum(rows, "Cost")]).toEqual([185, 925, 46.25]);
    // Tables and headers, the keys in one read, then the earlier rows of the two periods in one more.
    expect(replaced.syncs.read).toBe(4);
    expect(replaced.notes).toContainEqual({ code: "periodsReplaced", periods: 2, rows: 2, imports: [1] });
    // The reversals' keys are the ledger's now: the same file again reverses nothing more.
    const state = await readLedgerState(asContext(excel.context()));
    expect([...state.keys].filter((k) => k.startsWith("rev:"))).toHaveLength(2);
    const again = await importIntoWorkbook(asContext(excel.context()), await loaded("later (2).csv", [...LATER].reverse()), proposeMapping(HEADER.split(",")).mapping, { now: NOW, periods: "replace" });
    expect(again).toMatchObject({ ok: true, counts: { accepted: 0, duplicates: 4 } });
  });

  test("keep: both stay, flagged", async () => {
    const excel = newExcel();
    await importInto(excel, "noon.csv", NOON);
    const kept = await importInto(excel, "later.csv", LATER, "keep");
    if (!kept.ok) throw new Error(importRefusalMessage(kept.problem));
    expect(ledgerRows(excel).map((r) => r["Likely duplicate of"])).toEqual(["", "", "", 1, 1, ""]);
  });

  test("the headless command asks as the pane does, and with --periods replace writes the same rows", async () => {
    const options = { examples: false, asOf: "2026-11-05" };
    const asked = await importLogs(options, [log("noon.csv", NOON), log("later.csv", LATER)], { mappings: [], now: NOW });
    expect(asked).toMatchObject({ ok: false, name: "later.csv", problem: { code: "periodsChanged" } });
    const run = await importLogs(options, [log("noon.csv", NOON), log("later.csv", LATER)], { mappings: [], now: NOW, periods: "replace" });
    if (!run.ok) throw new Error(importRefusalMessage(run.problem));
    const excel = newExcel();
    await importInto(excel, "noon.csv", NOON);
    await importInto(excel, "later.csv", LATER, "replace");
    const described = (description: TemplateDescription): unknown[] => {
      const block = description.sheets.flatMap((s) => s.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === LEDGER_WORKBOOK.ledger.table);
      return (block?.rows ?? []).map((r) => [r.Key, r.Count, r.Units, r.Import]);
    };
    expect(described(run.description)).toEqual(ledgerRows(excel).map((r) => [r.Key, r.Count, r.Units, r.Import]));
  });
});
