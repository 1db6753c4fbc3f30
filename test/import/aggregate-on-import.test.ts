/**
 * Aggregation on import (issue 11, Scale; src/import/aggregate.ts): a raw log summed into daily
 * rows keeps every action, credit, dollar, validated outcome and review minute; groups by the
 * eight keys; finds on the raw rows the bursts findRerunBursts finds, and carries them; gives the
 * engine's ledger and wallet figures the raw log gives; and is recognised when imported again.
 */
import { DEFAULT_BURST_RULE, findRerunBursts, groupKey, rerunLoops, summariseLedger, walletReport, type LedgerPricing, type LedgerRecord } from "../../src/engine";
import { AGGREGATE_ABOVE_ROWS, aggregateDaily, aggregateReason } from "../../src/import/aggregate";
import type { ImportedRecord } from "../../src/import/importer";
import { loadLog } from "../../src/import/load";
import { proposeMapping } from "../../src/import/mapping";
import { holdingAfter, planImport, type ImportPlan, type LedgerHolding } from "../../src/import/plan";
import { importNoteMessage } from "../../src/messages/import";
import { readCsv } from "../../src/import/source";
import { RAW_HEADER, rawActions, rawLine, type RawAction } from "../support/warehouse-log";

const NOW = new Date(2026, 11, 1, 9, 0);
const FLEX: LedgerPricing = { model: "flex", pricePer100kCredits: 500, discount: 0 };
const EMPTY: LedgerHolding = { keys: new Set(), stamps: [], summaries: [] };

const raw: RawAction[] = [...rawActions({ rows: 6_000, seed: 11, days: 10 })];
const csv = new TextEncoder().encode([RAW_HEADER, ...raw.map(rawLine)].join("\n"));

async function plan(aggregate: "auto" | "daily" | "none", holding: LedgerHolding = EMPTY, allowSameFile = false): Promise<ImportPlan> {
  const log = await loadLog({ name: "raw.csv", bytes: csv });
  if ("ok" in log) throw new Error(log.problem.code);
  const result = planImport(holding, log, proposeMapping(log.table.headers).mapping, { now: NOW, aggregate, allowSameFile });
  if ("ok" in result) throw new Error(result.problem.code);
  return result;
}

let rows: ImportPlan;
let daily: ImportPlan;
beforeAll(async () => {
  rows = await plan("none");
  daily = await plan("daily");
});

const records = (p: ImportPlan): readonly ImportedRecord[] => p.result.records;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

test("every action, credit, dollar, validated outcome and review minute is in the daily rows, exactly", () => {
  const raws = records(rows);
  const days = records(daily);
  expect(raws).toHaveLength(6_000);
  expect(days.length).toBeLessThan(raws.length / 3);
  expect(sum(days.map((r) => r.count))).toBe(6_000);
  // The generator's amounts are whole quarters, micro-dollars and half minutes: the sums are exact.
  expect(sum(days.map((r) => r.units))).toBe(sum(raw.map((a) => a.unitsQ)) / 4);
  expect(Math.round(sum(days.map((r) => r.costUsd ?? 0)) * 1e6)).toBe(sum(raw.map((a) => a.costMicro)));
  expect(sum(days.map((r) => r.reviewMinutes))).toBe(sum(raw.map((a) => a.reviewHalf)) / 2);
  const validated = (rs: readonly ImportedRecord[]): number => sum(rs.filter((r) => r.status === "validated").map((r) => r.count));
  expect(validated(days)).toBe(raw.filter((a) => a.status === "validated").length);
  expect(validated(days)).toBe(validated(raws));
  // The stamp says what was written: daily rows, the actions they stand for, their units.
  expect(daily.stamp["Ledger rows"]).toBe(days.length);
  expect(daily.stamp["Actions accepted"]).toBe(6_000);
  expect(daily.stamp["Units accepted"]).toBeCloseTo(Number(rows.stamp["Units accepted"]), 9);
  expect(daily.stamp["Rows read"]).toBe(6_000);
  expect(daily.stamp.Accepted).toBe(6_000);
});

test("one daily row per (day, agent, job, action type, status, team, escalated, rerun), at the day's midnight", () => {
  const key = (r: LedgerRecord, day: number): string => JSON.stringify([day, r.agent, r.job, r.actionType, r.status, r.team, r.escalated, r.rerun]);
  const days = records(daily);
  const seen = new Set(days.map((r) => key(r, r.timestampMs)));
  expect(seen.size).toBe(days.length);
  for (const r of days) expect(r.timestampMs % 86_400_000).toBe(0);
  // Each group's count is the raw rows of that day and group.
  const expected = new Map<string, number>();
  for (const r of records(rows)) {
    const k = key(r, Math.floor(r.timestampMs / 86_400_000) * 86_400_000);
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  expect(new Map(days.map((r) => [key(r, r.timestampMs), r.count]))).toEqual(expected);
  expect(new Set(days.map((r) => r.key)).size).toBe(days.length);
  for (const r of days) expect(r.key).toMatch(/^agg:[0-9a-f]{16}:[0-9a-f]{16}$/);
});

test("bursts are found on the raw rows, as findRerunBursts finds them, and counted on the row of each burst's first rerun", () => {
  const found = findRerunBursts(raw.map((a) => ({ timeMs: a.ms, job: a.job, rerun: a.rerun })), DEFAULT_BURST_RULE).bursts;
  expect(found.length).toBeGreaterThanOrEqual(3);
  const days = records(daily);
  expect(sum(days.map((r) => r.bursts ?? 0))).toBe(found.length);
  for (const r of days) expect(r.bursts).toBeDefined();
  // Job by job, on rerun rows of the day each burst starts.
  const byJob = (pairs: readonly (readonly [string, number])[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [job, n] of pairs) if (n > 0) out[job] = (out[job] ?? 0) + n;
    return out;
  };
  expect(byJob(days.map((r) => [groupKey(r.job), r.bursts ?? 0]))).toEqual(byJob(found.map((b) => [b.key, 1])));
  for (const r of days) if ((r.bursts ?? 0) > 0) expect(r.rerun).toBe(true);
  const note = daily.notes.find((n) => n.code === "aggregated");
  expect(note).toEqual({ code: "aggregated", reason: "setting", threshold: AGGREGATE_ABOVE_ROWS, rows: 6_000, into: days.length, actions: 6_000, bursts: found.length });
});

test("the engine gives the raw log's ledger and wallet figures from its daily rows", () => {
  const a = summariseLedger(records(rows), { pricing: FLEX, reviewerUsdPerHour: 30 }).overall;
  const b = summariseLedger(records(daily), { pricing: FLEX, reviewerUsdPerHour: 30 }).overall;
  for (const figure of ["actions", "actionsSucceeded", "actionsValidated", "actionsFailed", "actionsEscalated", "actionsRerun", "actionsFirstRun", "actionsValidatedFirstRun"] as const) expect(b[figure]).toBe(a[figure]);
  for (const figure of ["unitsAttempted", "unitsValidated", "unitsRerun", "unitsFirstRun", "acceptanceRate", "firstTimeAcceptanceRate", "rerunRate", "reviewHours"] as const)
    expect(b[figure]).toBeCloseTo(a[figure] as number, 9);
  const options = { periodStartSerial: 46327, daysInPeriod: 30, allocation: 100_000 };
  const wa = walletReport(records(rows), options);
  const wb = walletReport(records(daily), options);
  expect(wb.consumedUnits).toBeCloseTo(wa.consumedUnits, 9);
  expect(wb.alerts.forecast.forecastUnits).toBeCloseTo(wa.alerts.forecast.forecastUnits, 6);
  expect(wb.days.map((d) => d.actions)).toEqual(wa.days.map((d) => d.actions));
  // Loops: found on the raw rows' own times, carried by the daily rows; none read from their midnights.
  expect(wb.bursts).toEqual([]);
  expect(wb.loops).toBe(wa.bursts.length);
  expect(wb.carriedBursts).toBe(wa.loops);
  for (const job of ["Research", "research ", "Triage", ""]) expect(rerunLoops(records(daily), job)).toBe(rerunLoops(records(rows), job));
});

test("daily rows are not actions to burst detection: ten rerun rows of a job at one midnight are no loop", () => {
  const at = Date.UTC(2026, 10, 3);
  const row = (i: number, extra: Partial<LedgerRecord>): LedgerRecord => ({
    sourceRow: i + 2,
    timestampMs: at,
    agent: `agent ${i}`,
    job: "Research",
    actionType: "search",
    units: 10,
    status: "succeeded",
    escalated: false,
    rerun: true,
    reviewMinutes: 0,
    team: "",
    key: `k${i}`,
    ...extra,
  });
  const options = { periodStartSerial: 46327, daysInPeriod: 30, allocation: 100_000 };
  // A vendor's daily rows (Count > 1): not read.
  expect(walletReport(Array.from({ length: 12 }, (_, i) => row(i, { count: 5 })), options).loops).toBe(0);
  // Daily rows an import aggregated, even of one action each: not read, their carried bursts counted.
  const aggregated = Array.from({ length: 12 }, (_, i) => row(i, { count: 1, bursts: i === 0 ? 2 : 0 }));
  expect(walletReport(aggregated, options).bursts).toEqual([]);
  expect(walletReport(aggregated, options).loops).toBe(2);
  expect(rerunLoops(aggregated, "research")).toBe(2);
  expect(rerunLoops(aggregated, "Triage")).toBe(0);
  // The same rows as single actions of the log are a loop.
  expect(walletReport(Array.from({ length: 12 }, (_, i) => row(i, {})), options).loops).toBe(1);
});

test("the Ledger rows: Bursts on daily rows only, Single rerun only on reruns of one action as the log gave them", () => {
  expect(daily.ledger.every((r) => typeof r.Bursts === "number" && r["Single rerun"] === false)).toBe(true);
  expect(rows.ledger.every((r) => r.Bursts === undefined && r["Single rerun"] === r.Rerun)).toBe(true);
});

test("imported again (anyway), the same raw actions aggregate to the same keys and add nothing", async () => {
  const holding = holdingAfter(EMPTY, daily);
  const again = await plan("daily", holding, true);
  expect(again.ledger).toHaveLength(0);
  expect(again.result.counts).toMatchObject({ read: 6_000, accepted: 0, duplicates: 6_000 });
  expect(again.stamp["Actions accepted"]).toBe(0);
  // A raw import first: its raw keys are the ledger's, so the aggregate of the same log adds nothing either.
  const afterRows = await plan("daily", holdingAfter(EMPTY, rows), true);
  expect(afterRows.ledger).toHaveLength(0);
  expect(afterRows.result.counts.duplicates).toBe(6_000);
});

test("auto aggregates above the threshold or past the rows left; none and daily decide alone", async () => {
  expect(aggregateReason("auto", AGGREGATE_ABOVE_ROWS, 1_000_000)).toBeNull();
  expect(aggregateReason("auto", AGGREGATE_ABOVE_ROWS + 1, 1_000_000)).toBe("rows");
  expect(aggregateReason("auto", 6_000, 5_000)).toBe("rowLimit");
  expect(aggregateReason("none", 10_000_000, 5)).toBeNull();
  expect(aggregateReason("daily", 1, 1_000_000)).toBe("setting");
  expect(records(await plan("auto"))).toHaveLength(6_000);
  const tight = await plan("auto", { ...EMPTY, rowsLeft: { ledger: 5_000, rejects: 1_000_000 } });
  expect(tight.notes.find((n) => n.code === "aggregated")).toMatchObject({ reason: "rowLimit" });
});

test("the note in words", () => {
  expect(importNoteMessage({ code: "aggregated", reason: "rows", threshold: 50_000, rows: 1_000_000, into: 12_039, actions: 1_000_000, bursts: 611 })).toBe(
    "The log's 1,000,000 rows, more than 50,000, went into the ledger as 12,039 daily rows (one per day, agent, job, action type, status, team, escalated and rerun) standing for 1,000,000 actions, with their units, cost and review minutes summed. 611 rerun bursts were found on the raw rows before they were summed (the Ledger's Bursts column, counted by the Wallet as loops). Set aggregation to none to keep one row per action.",
  );
  expect(importNoteMessage({ code: "aggregated", reason: "setting", threshold: 50_000, rows: 1, into: 1, actions: 1, bursts: 0 })).toMatch(
    /^The log's 1 row as chosen went into the ledger as 1 daily row .* standing for 1 action, .* No rerun burst was found on the raw rows/,
  );
  // Rows an earlier import holds are skipped before summing (an overlapping export): the note says which rows the daily rows stand for.
  expect(importNoteMessage({ code: "aggregated", reason: "rows", threshold: 50_000, rows: 70_005, summed: 29_982, into: 25_856, actions: 29_982, bursts: 0 })).toMatch(
    /^The log has 70,005 rows, more than 50,000; the 29,982 not in the ledger yet went into it as 25,856 daily rows .* standing for 29,982 actions,/,
  );
  expect(importNoteMessage({ code: "aggregated", reason: "setting", threshold: 50_000, rows: 10, summed: 4, into: 2, actions: 4, bursts: 0 })).toMatch(/^The log has 10 rows, aggregated as chosen; the 4 not in the ledger yet went into it as 2 daily rows/);
});

test("aggregateDaily is order-free: the same records in another order give the same keys and sums", () => {
  const forward = aggregateDaily(records(rows));
  const backward = aggregateDaily([...records(rows)].reverse());
  const byKey = (a: typeof forward): Map<string, [number, number]> => new Map(a.records.map((r) => [r.key, [r.count, r.units]]));
  expect(byKey(backward)).toEqual(byKey(forward));
  expect(backward.bursts).toBe(forward.bursts);
});

test("compact rows (the headless command's long logs) read as the parsed rows do: the same cells, raw text and lines", () => {
  const text = [RAW_HEADER, ...raw.slice(0, 500).map(rawLine), "", ",,,", 'x,"a\nb",c', "2026-11-02 10:00:00,Scout,Research,search,,,,,1,0.5,0"].join("\r\n");
  const plain = readCsv(text);
  const compact = readCsv(text, "auto", undefined, { compact: true });
  if (!plain || !compact) throw new Error("unread");
  expect(compact.headers).toEqual(plain.headers);
  expect(compact.blankLines).toBe(plain.blankLines);
  expect(compact.rows.map((r) => [r.line, [...r.cells], r.raw, r.problem])).toEqual(plain.rows.map((r) => [r.line, [...r.cells], r.raw, r.problem]));
});
