/**
 * Overlapping exports aggregated on import never double count (issue 11, Done when): each
 * aggregated import keeps its raw rows' keys, packed, in the RawKeys table (src/import/raw-keys.ts),
 * and a later import, aggregated or row by row, skips a raw row among them. Two overlapping
 * raw files aggregated one after the other hold exactly the union's actions, units, dollars,
 * review minutes and validated outcomes, group by group.
 */
import fc from "fast-check";
import { groupKey } from "../../src/engine";
import type { ImportedRecord } from "../../src/import/importer";
import { loadLog } from "../../src/import/load";
import { proposeMapping } from "../../src/import/mapping";
import { holdingAfter, planImport, type ImportPlan, type LedgerHolding } from "../../src/import/plan";
import { KEYS_PER_CELL, PACKED_KEY_CHARS, PACKED_PREFIX, PackedKeys, packedHash, packedKey, unpackCells } from "../../src/import/raw-keys";
import { fnv1a64 } from "../../src/import/sha256";
import { importIntoWorkbook, readLedgerState, type ImportOutcome, type LoadedLog } from "../../src/import";
import { holdingOf as describedHolding, importLogs } from "../../src/import/headless";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { literal } from "../../src/excel/literals";
import { importNoteMessage, importRefusalMessage } from "../../src/messages/import";
import { buildInWorkbook } from "../../src/template/actions/index";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { describeTemplate } from "../../src/template/sheets/template";
import { ExcelDouble, type DoubleValue } from "../support/excel-double";
import { RAW_HEADER, rawActions, rawLine, type RawAction } from "../support/warehouse-log";
import { asContext } from "./support";

const NOW = new Date(2026, 11, 1, 9, 0);
const EMPTY: LedgerHolding = { keys: new Set(), stamps: [], summaries: [] };
const CELL_LIMIT = 32_767;

const raw: RawAction[] = [...rawActions({ rows: 6_000, seed: 23, days: 10 })];

/** The index of the first action at or after `i` whose time differs from the one before: exports are cut by time, so identical rows stay together. */
function cutAt(i: number): number {
  let at = i;
  while (at < raw.length && at > 0 && (raw[at] as RawAction).ms === (raw[at - 1] as RawAction).ms) at++;
  return at;
}
const [from, to] = [cutAt(2_000), cutAt(4_000)];
// File A: the first two thirds; file B: the last two thirds; they share the middle third.
const fileA = raw.slice(0, to);
const fileB = raw.slice(from);

const csvOf = (actions: readonly RawAction[]): Uint8Array => new TextEncoder().encode([RAW_HEADER, ...actions.map(rawLine)].join("\n"));

async function loaded(name: string, actions: readonly RawAction[]): Promise<LoadedLog> {
  const log = await loadLog({ name, bytes: csvOf(actions) });
  if ("ok" in log) throw new Error(log.problem.code);
  return log;
}

async function plan(name: string, actions: readonly RawAction[], holding: LedgerHolding, aggregate: "daily" | "none"): Promise<ImportPlan> {
  const log = await loaded(name, actions);
  const result = planImport(holding, log, proposeMapping(log.table.headers).mapping, { now: NOW, aggregate });
  if ("ok" in result) throw new Error(result.problem.code);
  return result;
}

/** Σ of each figure over records, by their group as the workbook groups names (day, agent, job, action type, status, team, flags). */
function byGroup(records: readonly ImportedRecord[]): Map<string, { count: number; unitsQ: number; costMicro: number; minutesHalf: number }> {
  const out = new Map<string, { count: number; unitsQ: number; costMicro: number; minutesHalf: number }>();
  for (const r of records) {
    const day = Math.floor(r.timestampMs / 86_400_000);
    const key = [day, groupKey(r.agent), groupKey(r.job), groupKey(r.actionType), r.status, groupKey(r.team), r.escalated, r.rerun].join("|");
    const sums = out.get(key) ?? { count: 0, unitsQ: 0, costMicro: 0, minutesHalf: 0 };
    sums.count += r.count;
    sums.unitsQ += Math.round(r.units * 4);
    sums.costMicro += Math.round((r.costUsd ?? 0) * 1e6);
    sums.minutesHalf += Math.round(r.reviewMinutes * 2);
    out.set(key, sums);
  }
  return out;
}

describe("packed raw keys", () => {
  test("a hash packs into 11 characters of the alphabet, a different hash into different ones", () => {
    const hex = fc.stringMatching(/^[0-9a-f]{16}$/);
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(packedHash(a)).toMatch(/^[0-9A-Za-z_.]{11}$/);
        expect(packedHash(a) === packedHash(b)).toBe(a === b);
      }),
      { numRuns: 2_000 },
    );
    // Worked by hand: three hex digits (12 bits) as two characters of 6 bits each, the last digit as one.
    expect(packedHash("0000000000000000")).toBe("00000000000");
    expect(packedHash("ffffffffffffffff")).toBe("..........F");
    // 001 → 0,1; 040 = 64 → 1,0; fff → 63,63; 000 → 0,0; 00a → 0,10 ("A"); 5.
    expect(packedHash("001040fff00000a5")).toBe("0110..000A5");
  });

  test("cells hold at most 2,900 keys, start with the prefix and fit a cell; unpacked they give every key back", () => {
    const keys = Array.from({ length: 7_000 }, (_, i) => `${i.toString(16)}-1`);
    const packed = new PackedKeys();
    keys.forEach((key, i) => packed.add(fnv1a64(key), i % 3));
    expect(packed.size).toBe(7_000);
    const cells = packed.cells();
    expect(cells.map((c) => c.keys)).toEqual([KEYS_PER_CELL, KEYS_PER_CELL, 7_000 - 2 * KEYS_PER_CELL]);
    for (const cell of cells) {
      expect(cell.text.startsWith(PACKED_PREFIX)).toBe(true);
      expect(cell.text.length).toBe(PACKED_PREFIX.length + cell.keys * PACKED_KEY_CHARS);
      expect(cell.text.length).toBeLessThanOrEqual(CELL_LIMIT);
    }
    const held = unpackCells(cells.map((c) => c.text));
    expect(held.size).toBe(7_000);
    expect(keys.every((k) => held.has(packedKey(k)))).toBe(true);
    expect(held.has(packedKey("1b58-1"))).toBe(false);
    // The keys of a group left out (a daily row the ledger already holds) are not kept.
    const kept = unpackCells(packed.cells((group) => group !== 1).map((c) => c.text));
    expect(kept.size).toBe(keys.filter((_, i) => i % 3 !== 1).length);
    expect(keys.every((k, i) => kept.has(packedKey(k)) === (i % 3 !== 1))).toBe(true);
  });

  test("a cell typed over, or of another encoding, holds nothing", () => {
    expect(unpackCells(["", "hello", `${PACKED_PREFIX}0123456789`, `k2:${"0".repeat(11)}`]).size).toBe(0);
  });
});

describe("two overlapping raw files, each aggregated on import", () => {
  let union: ImportPlan;
  let a: ImportPlan;
  let b: ImportPlan;
  beforeAll(async () => {
    union = await plan("union.csv", raw, EMPTY, "daily");
    a = await plan("a.csv", fileA, EMPTY, "daily");
    b = await plan("b.csv", fileB, holdingAfter(EMPTY, a), "daily");
  });

  test("the second adds only the actions the first lacks: its shared rows are duplicates", () => {
    const shared = to - from;
    expect(shared).toBeGreaterThan(1_500);
    expect(b.result.counts).toMatchObject({ read: fileB.length, accepted: fileB.length - shared, duplicates: shared, rejected: 0 });
    expect(Number(a.stamp["Actions accepted"]) + Number(b.stamp["Actions accepted"])).toBe(raw.length);
    // The same actions' raw keys: the first import's cells hold every one of its rows.
    expect(a.rawKeys.reduce((n, r) => n + Number(r.Keys), 0)).toBe(fileA.length);
    expect(b.rawKeys.reduce((n, r) => n + Number(r.Keys), 0)).toBe(fileB.length - shared);
  });

  test("together they hold the union's actions, units, dollars, review minutes and validated outcomes, group by group", () => {
    const both = byGroup([...a.result.records, ...b.result.records]);
    expect(both).toEqual(byGroup(union.result.records));
    const total = (f: (x: RawAction) => number): number => raw.reduce((s, x) => s + f(x), 0);
    const sums = [...both.values()].reduce((s, g) => ({ count: s.count + g.count, unitsQ: s.unitsQ + g.unitsQ, costMicro: s.costMicro + g.costMicro, minutesHalf: s.minutesHalf + g.minutesHalf }));
    expect(sums).toEqual({ count: raw.length, unitsQ: total((x) => x.unitsQ), costMicro: total((x) => x.costMicro), minutesHalf: total((x) => x.reviewHalf) });
    const validated = [...a.result.records, ...b.result.records].filter((r) => r.status === "validated").reduce((n, r) => n + r.count, 0);
    expect(validated).toBe(raw.filter((x) => x.status === "validated").length);
  });

  test("in either order", async () => {
    const bFirst = await plan("b.csv", fileB, EMPTY, "daily");
    const aThen = await plan("a.csv", fileA, holdingAfter(EMPTY, bFirst), "daily");
    expect(byGroup([...bFirst.result.records, ...aThen.result.records])).toEqual(byGroup(union.result.records));
  });

  test("a third, row by row, of actions both hold adds none of them", async () => {
    const held = holdingAfter(holdingAfter(EMPTY, a), b);
    const middle = await plan("middle.csv", raw.slice(from, to), held, "none");
    expect(middle.result.counts).toMatchObject({ accepted: 0, duplicates: to - from });
    expect(middle.ledger).toHaveLength(0);
    expect(middle.rawKeys).toHaveLength(0);
  });

  test("row by row first, then aggregated: the aggregate adds only the new actions (the Ledger's keys)", async () => {
    const rows = await plan("a.csv", fileA, EMPTY, "none");
    expect(rows.rawKeys).toHaveLength(0);
    const then = await plan("b.csv", fileB, holdingAfter(EMPTY, rows), "daily");
    expect(byGroup([...rows.result.records, ...then.result.records])).toEqual(byGroup(union.result.records));
  });

  test("without the raw keys (a workbook made before the RawKeys table) the overlap's partial days count twice and are only flagged", async () => {
    const held = holdingAfter(EMPTY, a);
    const older: LedgerHolding = { keys: held.keys, ...(held.matches ? { matches: held.matches } : {}), stamps: held.stamps, summaries: held.summaries };
    const twice = await plan("b.csv", fileB, older, "daily");
    // Whole days both files hold aggregate to the same keys and are skipped; groups of the days cut in two are not.
    expect(twice.result.counts.duplicates).toBeGreaterThan(0);
    expect(Number(a.stamp["Actions accepted"]) + Number(twice.stamp["Actions accepted"])).toBeGreaterThan(raw.length);
    // What the audit counts: daily rows matching a row of import 1 for the same day and group.
    const flagged = twice.ledger.filter((r) => r["Likely duplicate of"] === 1).length;
    expect(flagged).toBeGreaterThan(0);
    expect(twice.notes).toContainEqual({ code: "periodRepeated", rows: flagged, imports: [1] });
    // With them, the overlap was taken apart action by action: no daily row is an alarm.
    expect(b.ledger.filter((r) => r["Likely duplicate of"] !== undefined)).toEqual([]);
    expect(b.notes.map((n) => n.code)).not.toContain("periodRepeated");
  });
});

describe("in the pane (the Excel double) and the headless command", () => {
  const RAW = LEDGER_WORKBOOK.rawKeys;
  const newExcel = (): ExcelDouble => new ExcelDouble(["My notes"], { requestLimit: REQUEST_LIMIT_BYTES });

  async function importInto(excel: ExcelDouble, name: string, actions: readonly RawAction[], aggregate: "daily" | "none"): Promise<Extract<ImportOutcome, { ok: true }>> {
    const log = await loaded(name, actions);
    const outcome = await importIntoWorkbook(asContext(excel.context()), log, proposeMapping(log.table.headers).mapping, { now: NOW, aggregate });
    if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
    return outcome;
  }

  /** A table's body in the double, by header. */
  function rowsOf(excel: ExcelDouble, table: string): Record<string, DoubleValue>[] {
    const t = excel.model.table(table);
    const headers = t.headers();
    return Array.from({ length: t.dataRows }, (_, r) => Object.fromEntries(headers.map((h, c) => [String(h), t.sheet.cellAt(t.top + 1 + r, t.left + c)?.value ?? ""])));
  }
  const total = (rows: readonly Record<string, DoubleValue>[], column: string): number => rows.reduce((n, r) => n + Number(r[column] || 0), 0);

  test("an aggregated import creates the RawKeys table and keeps every raw row's key; the overlapping one reads them back and adds only its own", async () => {
    const excel = newExcel();
    await importInto(excel, "a.csv", fileA, "daily");
    expect(excel.model.table(RAW.table).sheet.name).toBe(RAW.sheet);
    expect(excel.model.table(RAW.table).headers()).toEqual([...RAW.columns]);
    const cells = rowsOf(excel, RAW.table);
    expect(total(cells, "Keys")).toBe(fileA.length);
    for (const cell of cells) {
      expect(cell.Import).toBe(1);
      expect(String(cell["Packed keys"]).length).toBeLessThanOrEqual(CELL_LIMIT);
    }
    const second = await importInto(excel, "b.csv", fileB, "daily");
    expect(second.counts).toMatchObject({ accepted: fileB.length - (to - from), duplicates: to - from });
    const ledger = rowsOf(excel, LEDGER_WORKBOOK.ledger.table);
    expect(total(ledger, "Count")).toBe(raw.length);
    expect(Math.round(total(ledger, "Units") * 4)).toBe(raw.reduce((n, x) => n + x.unitsQ, 0));
    expect(Math.round(total(ledger, "Cost") * 1e6)).toBe(raw.reduce((n, x) => n + x.costMicro, 0));
    expect(total(rowsOf(excel, RAW.table), "Keys")).toBe(raw.length);
  });

  test("the raw keys are read in chunks sized to the response budget", async () => {
    const excel = newExcel();
    await importInto(excel, "a.csv", fileA, "daily");
    const cells = rowsOf(excel, RAW.table).length;
    expect(cells).toBe(Math.ceil(fileA.length / KEYS_PER_CELL));
    const whole = await readLedgerState(asContext(excel.context()));
    // A budget of one cell: a read per cell, after the reads of tables and headers and of the Ledger's keys (64 bytes a row with its match key and import).
    const budget = PACKED_PREFIX.length + KEYS_PER_CELL * PACKED_KEY_CHARS + 8;
    const oneCell = await readLedgerState(asContext(excel.context()), budget);
    expect(oneCell.rawKeys?.size).toBe(fileA.length);
    expect(whole.rawKeys).toEqual(oneCell.rawKeys);
    const ledgerReads = Math.ceil(rowsOf(excel, LEDGER_WORKBOOK.ledger.table).length / Math.floor(budget / 64));
    expect(oneCell.syncs).toBe(2 + ledgerReads + cells);
    expect(whole.syncs).toBe(2 + 1 + 1);
  });

  test("an import row by row creates no RawKeys table", async () => {
    const excel = newExcel();
    await importInto(excel, "a.csv", fileA.slice(0, 300), "none");
    expect(excel.model.sheets.map((sh) => sh.name)).not.toContain(RAW.sheet);
  });

  test("a sheet named Raw Keys without the table: a row-by-row import goes in; an aggregated one is refused before anything is written", async () => {
    const excel = new ExcelDouble([RAW.sheet], { requestLimit: REQUEST_LIMIT_BYTES });
    await importInto(excel, "few.csv", fileA.slice(0, 50), "none");
    const log = await loaded("a.csv", fileA.slice(50, 500));
    const refused = await importIntoWorkbook(asContext(excel.context()), log, proposeMapping(log.table.headers).mapping, { now: NOW, aggregate: "daily" });
    expect(refused).toEqual({ ok: false, problem: { code: "sheetWithoutTable", sheet: RAW.sheet, table: RAW.table } });
    expect(rowsOf(excel, LEDGER_WORKBOOK.ledger.table)).toHaveLength(50);
  });

  test("the headless command writes the same Ledger, Imports and RawKeys rows as the pane, and its next log reads them", async () => {
    const options = { examples: false, asOf: "2026-11-23" };
    const excel = new ExcelDouble(["Sheet1"], { requestLimit: REQUEST_LIMIT_BYTES });
    await buildInWorkbook(asContext(excel.context()), describeTemplate(options), "fresh");
    await importInto(excel, "a.csv", fileA, "daily");
    await importInto(excel, "b.csv", fileB, "daily");
    const headless = await importLogs(options, [{ name: "a.csv", bytes: csvOf(fileA) }, { name: "b.csv", bytes: csvOf(fileB) }], { mappings: [], now: NOW, aggregate: "daily" });
    if (!headless.ok) throw new Error(importRefusalMessage(headless.problem));
    const described = (description: TemplateDescription, name: string): DoubleValue[][] => {
      const block = description.sheets.flatMap((sh) => sh.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === name);
      if (!block) throw new Error(`no table ${name}`);
      return block.rows.map((row) => block.columns.map((c) => {
        const v = row[c.header];
        return v === undefined || typeof v === "object" ? "" : literal(v);
      }));
    };
    for (const name of [LEDGER_WORKBOOK.ledger.table, LEDGER_WORKBOOK.imports.table, RAW.table]) {
      const t = excel.model.table(name);
      const pane = Array.from({ length: t.dataRows }, (_, r) => t.headers().map((_h, c) => t.sheet.cellAt(t.top + 1 + r, t.left + c)?.value ?? "")).filter((row) => row.some((v) => v !== ""));
      expect([name, described(headless.description, name)]).toEqual([name, pane]);
    }
    expect(describedHolding(headless.description).rawKeys?.size).toBe(raw.length);
  });
});

describe("rows that already stand for many actions (a vendor's daily rows, a warehouse aggregate)", () => {
  const HEADER = "Timestamp,Agent,Job,Action type,Status,Team,Count,Units,Cost";
  const csv = (lines: readonly string[]): Uint8Array => new TextEncoder().encode([HEADER, ...lines].join("\n"));
  async function planned(name: string, lines: readonly string[], holding: LedgerHolding): Promise<ImportPlan> {
    const log = await loadLog({ name, bytes: csv(lines) });
    if ("ok" in log) throw new Error(log.problem.code);
    const result = planImport(holding, log, proposeMapping(log.table.headers).mapping, { now: NOW });
    if ("ok" in result) throw new Error(result.problem.code);
    return result;
  }
  // 3 November exported at noon (a partial day), then the whole of 3 and 4 November.
  const noon = ["2026-11-03,Scout,Research,search,succeeded,Sales,40,200,10", "2026-11-03,Closer,Follow-ups,update record,succeeded,Sales,12,60,3"];
  const later = ["2026-11-03,Scout,Research,search,succeeded,Sales,90,450,22.5", "2026-11-03,Closer,Follow-ups,update record,validated,Sales,20,100,5", "2026-11-04,Scout,Research,search,succeeded,Sales,70,350,17.5"];

  test("the same rows again (a re-saved copy) add nothing (their keys); a period exported again with more actions is flagged against the first import, row by row and in a note", async () => {
    const first = await planned("noon.csv", noon, EMPTY);
    const holding = holdingAfter(EMPTY, first);
    expect((await planned("noon (2).csv", [...noon].reverse(), holding)).result.counts).toMatchObject({ accepted: 0, duplicates: 2 });
    const second = await planned("later.csv", later, holding);
    // The day's rows differ in their sums (and one in its status): new keys, so they are added, and flagged by their period.
    expect(second.ledger.map((r) => [r.Job, r.Count, r["Likely duplicate of"]])).toEqual([
      ["Research", 90, 1],
      ["Follow-ups", 20, 1],
      ["Research", 70, undefined],
    ]);
    expect(second.notes).toContainEqual({ code: "periodRepeated", rows: 2, imports: [1] });
    expect(importNoteMessage({ code: "periodRepeated", rows: 2, imports: [1] })).toBe(
      '2 rows added stand for several actions on the same day (or time), agent, job, action type, team and model as rows of import 1: likely the same period exported again, for example a day exported before it ended and again after. Both are in the ledger, so such a period\'s actions may be counted twice. They are marked in the Ledger\'s "Likely duplicate of" column and counted in the Ledger sheet\'s audit; if the period was exported again, delete the earlier import\'s rows for it.',
    );
  });

  test("names are matched as the workbook groups them; another agent, job or day is another period", async () => {
    const holding = holdingAfter(EMPTY, await planned("noon.csv", noon, EMPTY));
    const other = await planned("other.csv", [" scout ,RESEARCH,Search,failed,sales,5,25,1", "2026-11-03,Helper,Research,search,succeeded,Sales,5,25,1"].map((l, i) => (i === 0 ? `2026-11-03,${l}` : l)), holding);
    expect(other.ledger.map((r) => r["Likely duplicate of"])).toEqual([1, undefined]);
  });

  test("a daily row aggregated on import and a vendor's row for the same period flag each other", async () => {
    const vendor = await planned("noon.csv", noon, EMPTY);
    // Raw actions of 3 November, Scout on Research, summed on import into a daily row of the same period.
    const rawLines = ["2026-11-03 09:00:00,Scout,Research,search,succeeded,Sales,1,5,0.25", "2026-11-03 09:05:00,Scout,Research,search,validated,Sales,1,5,0.25"];
    const log = await loadLog({ name: "raw.csv", bytes: csv(rawLines) });
    if ("ok" in log) throw new Error(log.problem.code);
    const daily = planImport(holdingAfter(EMPTY, vendor), log, proposeMapping(log.table.headers).mapping, { now: NOW, aggregate: "daily" });
    if ("ok" in daily) throw new Error(daily.problem.code);
    expect(daily.ledger.map((r) => [r.Status, r["Likely duplicate of"]])).toEqual([
      ["succeeded", 1],
      ["validated", 1],
    ]);
    expect(daily.notes).toContainEqual({ code: "periodRepeated", rows: 2, imports: [1] });
  });
});
