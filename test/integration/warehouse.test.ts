/**
 * docs/warehouse.md's DuckDB statements, run as the page gives them (read from it by their
 * markers) against a generated 50,000-action raw log: the aggregate accounts for every action,
 * unit, dollar and review minute, per status and per day, in the import shape; the Parquet
 * route writes the same file byte for byte; the bursts query finds, job by job, the bursts and
 * reruns the engine's findRerunBursts finds, under three rules and at the rule's hand-worked
 * edges; and the aggregate goes through the headless import (the importer's Count and Cost)
 * into a portable workbook whose ledger, recalculated by LibreOffice, holds every action, unit
 * and dollar of the raw log, with the same figures as the raw log imported row by row.
 *
 * Needs DuckDB from npm (@duckdb/node-api, see test/support/warehouse-duckdb.ts) and soffice:
 * missing, the test fails with how to install them, never skips.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { findRerunBursts, groupKey, type BurstRule } from "../../src/engine";
import { importLogs } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { writeWorkbook } from "../../src/template/writers/file";
import { recalculate } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";
import { rawActions, rawLine, RAW_HEADER, localDay, type RawAction } from "../support/warehouse-log";
import { openDuckDb, warehouseSql, withFile, type DuckDb } from "../support/warehouse-duckdb";

jest.setTimeout(120_000);

const ROWS = 50_000;
const SEED = 20_261_130;
const IMPORT_SHAPE = "Timestamp,Agent,Job,Action type,Status,Team,Escalated,Rerun,Count,Units,Cost,Review minutes";

let dir: string;
let db: DuckDb;
let actions: RawAction[];
let aggregateText: string;
let aggregate: Record<string, string>[];

/** Runs the doc's raw-log view (CSV or Parquet) and its aggregate, and returns the file written. */
async function aggregateFrom(view: string, viewFile: [string, string], out: string): Promise<string> {
  await db.run(withFile(warehouseSql(view), ...viewFile));
  await db.run(withFile(warehouseSql("duckdb-aggregate"), "aggregate.csv", out));
  return fs.readFileSync(out, "utf8");
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-warehouse-"));
  actions = [...rawActions({ rows: ROWS, seed: SEED })];
  fs.writeFileSync(path.join(dir, "actions.csv"), [RAW_HEADER, ...actions.map(rawLine)].join("\n") + "\n");
  db = await openDuckDb();
  aggregateText = await aggregateFrom("duckdb-raw-csv", ["actions.csv", path.join(dir, "actions.csv")], path.join(dir, "aggregate.csv"));
  const parsed = Papa.parse<Record<string, string>>(aggregateText, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  aggregate = parsed.data;
});

afterAll(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Σ of a function over the raw actions, grouped by a key. */
function tally<K>(items: readonly RawAction[], key: (a: RawAction) => K, value: (a: RawAction) => number = () => 1): Map<K, number> {
  const sums = new Map<K, number>();
  for (const a of items) sums.set(key(a), (sums.get(key(a)) ?? 0) + value(a));
  return sums;
}
const sorted = <K>(m: Map<K, number>): [K, number][] => [...m].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
/** An aggregate cell as an exact integer count of 1/per (units in quarters, cost in micro-dollars, review in half minutes). */
const exact = (text: string | undefined, per: number): number => {
  const scaled = Number(text) * per;
  expect(Math.abs(scaled - Math.round(scaled))).toBeLessThan(1e-6);
  return Math.round(scaled);
};

test("the aggregate is in the import shape, one row per day, agent, job, action type, status, team, escalated and rerun", () => {
  expect(aggregateText.split("\n")[0]).toBe(IMPORT_SHAPE);
  const keys = aggregate.map((r) => ["Timestamp", "Agent", "Job", "Action type", "Status", "Team", "Escalated", "Rerun"].map((c) => r[c]).join("\u001f"));
  expect(new Set(keys).size).toBe(aggregate.length);
  expect(aggregate.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.Timestamp ?? ""))).toBe(true);
  expect(new Set(aggregate.flatMap((r) => [r.Escalated, r.Rerun]))).toEqual(new Set(["true", "false"]));
  // The raw log's distinct groups, computed here: the aggregate has exactly those rows.
  const groups = new Set(actions.map((a) => [localDay(a.ms), a.agent, a.job, a.actionType, a.status, a.team, a.escalated, a.rerun].join("\u001f")));
  expect(aggregate.length).toBe(groups.size);
  // It aggregates: a few thousand rows for 50,000 actions.
  expect(aggregate.length).toBeLessThan(ROWS / 5);
  // Names with a comma and quotes, and blanks (null in the warehouse), come through as text.
  expect(aggregate.some((r) => r.Job === 'Billing "disputes", EMEA' && r.Team === 'R&D, "Labs"')).toBe(true);
  expect(aggregate.some((r) => r.Agent === "" && r.Job === "Follow-ups")).toBe(true);
  expect(aggregate.some((r) => r.Status === "")).toBe(true);
});

test("every action, unit, dollar and review minute is accounted for, overall, per status and per day", () => {
  const count = (r: Record<string, string>): number => Number(r.Count);
  expect(sum(aggregate.map(count))).toBe(ROWS);
  expect(sum(aggregate.map((r) => exact(r.Units, 4)))).toBe(sum(actions.map((a) => a.unitsQ)));
  expect(sum(aggregate.map((r) => exact(r.Cost, 1_000_000)))).toBe(sum(actions.map((a) => a.costMicro)));
  expect(sum(aggregate.map((r) => exact(r["Review minutes"], 2)))).toBe(sum(actions.map((a) => a.reviewHalf)));

  const byStatus = new Map<string, number>();
  for (const r of aggregate) byStatus.set(r.Status ?? "", (byStatus.get(r.Status ?? "") ?? 0) + count(r));
  expect(sorted(byStatus)).toEqual(sorted(tally(actions, (a) => a.status)));

  const unitsByDay = new Map<string, number>();
  const countByDay = new Map<string, number>();
  for (const r of aggregate) {
    unitsByDay.set(r.Timestamp ?? "", (unitsByDay.get(r.Timestamp ?? "") ?? 0) + exact(r.Units, 4));
    countByDay.set(r.Timestamp ?? "", (countByDay.get(r.Timestamp ?? "") ?? 0) + count(r));
  }
  expect(sorted(countByDay)).toEqual(sorted(tally(actions, (a) => localDay(a.ms))));
  expect(sorted(unitsByDay)).toEqual(sorted(tally(actions, (a) => localDay(a.ms), (a) => a.unitsQ)));

  const reruns = aggregate.filter((r) => r.Rerun === "true");
  expect(sum(reruns.map(count))).toBe(actions.filter((a) => a.rerun).length);
});

test("the Parquet route writes the same aggregate, byte for byte (the same query twice gives the same file)", async () => {
  const parquet = path.join(dir, "actions");
  fs.mkdirSync(parquet);
  await db.run(`COPY (SELECT * FROM raw_log) TO '${path.join(parquet, "part-0.parquet").replace(/'/g, "''")}' (FORMAT parquet)`);
  const again = await aggregateFrom("duckdb-raw-parquet", ["actions/*.parquet", path.join(parquet, "*.parquet")], path.join(dir, "aggregate-from-parquet.csv"));
  expect(again).toBe(aggregateText);
  // Leave the CSV view in place for the tests below.
  await db.run(withFile(warehouseSql("duckdb-raw-csv"), "actions.csv", path.join(dir, "actions.csv")));
});

/** The bursts query with another rule: the window in the probes, the minimum reruns and share in params. */
function burstsSql(rule: BurstRule): string {
  const sql = warehouseSql("duckdb-bursts");
  const replaced = sql
    .replace(/\bms \+ 600000,/, `ms + ${rule.windowMinutes * 60_000},`)
    .replace(/\b10 AS min_reruns\b/, `${rule.minReruns} AS min_reruns`)
    .replace(/CAST\(0\.8 AS DOUBLE\) AS min_rerun_share/, `CAST(${rule.minRerunShare} AS DOUBLE) AS min_rerun_share`);
  expect(replaced.match(/\b600000\b/g) ?? []).toEqual(rule.windowMinutes === 10 ? ["600000"] : []);
  return replaced;
}

/** findRerunBursts on the raw actions: per job (as the workbook groups jobs), the bursts and the reruns in them. */
function engineBursts(rule: BurstRule): Record<string, { bursts: number; reruns: number }> {
  const { bursts } = findRerunBursts(
    actions.map((a) => ({ timeMs: a.ms, job: a.job, rerun: a.rerun })),
    rule,
  );
  const byJob: Record<string, { bursts: number; reruns: number }> = {};
  for (const b of bursts) {
    const job = b.key === "" ? "(blank)" : b.key;
    const entry = (byJob[job] ??= { bursts: 0, reruns: 0 });
    entry.bursts += 1;
    entry.reruns += b.reruns;
  }
  return byJob;
}

async function sqlBursts(rule: BurstRule): Promise<Record<string, { bursts: number; reruns: number }>> {
  const rows = await db.rows(burstsSql(rule));
  return Object.fromEntries(rows.map((r) => [String(r.job), { bursts: Number(r.bursts), reruns: Number(r.reruns_in_bursts) }]));
}

test.each([
  ["the default rule (10 minutes, 10 reruns, share 0.8)", { windowMinutes: 10, minReruns: 10, minRerunShare: 0.8 }],
  ["a looser rule (5 minutes, 5 reruns, share 0.5)", { windowMinutes: 5, minReruns: 5, minRerunShare: 0.5 }],
  ["a long window (60 minutes, 12 reruns, share 0.9)", { windowMinutes: 60, minReruns: 12, minRerunShare: 0.9 }],
])("the bursts query finds the engine's bursts and reruns per job: %s", async (_name, rule) => {
  const expected = engineBursts(rule);
  expect(await sqlBursts(rule)).toEqual(expected);
  // The log has loops to find, on several jobs.
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3);
  expect(sum(Object.values(expected).map((e) => e.bursts))).toBeGreaterThanOrEqual(10);
});

/**
 * The rule at its edges, one job a case, worked by hand (default rule: 10 minutes, 10 reruns,
 * share 0.8). Times in ms from 09:00 on 3 November; `r` a rerun, `f` a first run.
 */
function edgeCases(): { rows: { ms: number; job: string; rerun: boolean }[]; expected: Record<string, { bursts: number; reruns: number }> } {
  const rows: { ms: number; job: string; rerun: boolean }[] = [];
  const T = Date.UTC(2026, 10, 3, 9);
  const add = (job: string, hour: number, offsetsMs: readonly number[], rerun: boolean): void => {
    for (const o of offsetsMs) rows.push({ ms: T + hour * 3_600_000 + o, job, rerun });
  };
  const every = (n: number, stepMs: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i * stepMs);
  // 10 reruns, the last exactly 10 minutes after the first: one burst of 10.
  add("exact window", 0, [...every(9, 60_000), 600_000], true);
  // The same a millisecond longer: 9 in any window, none.
  add("a ms too long", 1, [...every(9, 60_000), 600_001], true);
  // 12 reruns 30 s apart, 3 first runs in the middle: 12 of 15 = 0.8 exactly from the first rerun (later windows have 11 of 14, 10 of 13): one burst of 12.
  add("share 0.8", 2, every(12, 30_000), true);
  add("share 0.8", 2, [160_000, 161_000, 162_000], false);
  // 4 first runs there: 12 of 16, 11 of 15, 10 of 14: none.
  add("share 0.75", 3, every(12, 30_000), true);
  add("share 0.75", 3, [160_000, 161_000, 162_000, 163_000], false);
  // First runs at the first and the last rerun's very millisecond count in the window: 10 of 13, none (listed before the reruns, so no tie order hides them).
  add("edges inside", 4, [0, 270_000, 270_000], false);
  add("edges inside", 4, every(10, 30_000), true);
  // A millisecond outside: 10 of 10, one burst of 10.
  add("edges outside", 5, every(10, 30_000), true);
  add("edges outside", 5, [-1, 270_001, 270_001], false);
  // 25 reruns 40 s apart: every window from the first 16 reruns qualifies, overlapping, one burst of 25; an hour later 10 more 10 s apart, a second.
  add("overlaps", 6, every(25, 40_000), true);
  add("overlaps", 7, every(10, 10_000), true);
  // 10 reruns and 2 first runs all in one millisecond: 10 of 12, one burst of 10.
  add("ties", 9, every(2, 0), false);
  add("ties", 9, every(10, 0), true);
  // "Loop" and "loop " are one job, "loop": 10 reruns 20 s apart between them, one burst of 10.
  add("Loop", 10, every(5, 40_000), true);
  add("loop ", 10, every(5, 40_000, 20_000), true);
  return {
    rows,
    expected: {
      "exact window": { bursts: 1, reruns: 10 },
      "share 0.8": { bursts: 1, reruns: 12 },
      "edges outside": { bursts: 1, reruns: 10 },
      overlaps: { bursts: 2, reruns: 35 },
      ties: { bursts: 1, reruns: 10 },
      loop: { bursts: 1, reruns: 10 },
    },
  };
}

test("at the rule's edges (a window's exact length, share exactly 0.8, first runs at a rerun's millisecond, ties, merging) the query agrees with the hand-worked figures and the engine", async () => {
  const { rows, expected } = edgeCases();
  const iso = (ms: number): string => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
  const lines = rows.map((r) => [iso(r.ms), "Scout", r.job, "search", "succeeded", "Sales", "false", String(r.rerun), "20", "2.5", "0"].join(","));
  const file = path.join(dir, "edges.csv");
  fs.writeFileSync(file, [RAW_HEADER, ...lines].join("\n") + "\n");
  const rule = { windowMinutes: 10, minReruns: 10, minRerunShare: 0.8 };
  const fromEngine: Record<string, { bursts: number; reruns: number }> = {};
  for (const b of findRerunBursts(rows.map((r) => ({ timeMs: r.ms, job: r.job, rerun: r.rerun })), rule).bursts) {
    const entry = (fromEngine[b.key] ??= { bursts: 0, reruns: 0 });
    entry.bursts += 1;
    entry.reruns += b.reruns;
  }
  expect(fromEngine).toEqual(expected);
  try {
    await db.run(withFile(warehouseSql("duckdb-raw-csv"), "actions.csv", file));
    expect(await sqlBursts(rule)).toEqual(expected);
  } finally {
    await db.run(withFile(warehouseSql("duckdb-raw-csv"), "actions.csv", path.join(dir, "actions.csv")));
  }
});

test("jobs are matched as the workbook matches them: trimmed, in any case", async () => {
  const rows = await db.rows(burstsSql({ windowMinutes: 10, minReruns: 10, minRerunShare: 0.8 }));
  const jobs = rows.map((r) => String(r.job));
  expect(jobs).not.toContain("Research");
  expect(jobs.every((j) => j === "(blank)" || j === groupKey(j))).toBe(true);
});

test("the aggregate reads through the headless import (npm run template -- --log) with no rejects, every row and unit in", async () => {
  const outcome = await importLogs({ examples: false, asOf: "2026-11-30" }, [{ name: "aggregate.csv", bytes: new TextEncoder().encode(aggregateText) }], {
    mappings: [],
    now: new Date(2026, 10, 30, 9, 0),
  });
  if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
  const done = outcome.logs[0]?.notes.find((n) => n.code === "done");
  expect(done).toEqual({ code: "done", read: aggregate.length, accepted: aggregate.length, rejected: 0, duplicates: 0 });
  const ledger = outcome.description.sheets.flatMap((s) => s.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === LEDGER_WORKBOOK.ledger.table);
  const units = (ledger?.rows ?? []).map((r) => exact(String(r.Units), 4));
  expect(units).toHaveLength(aggregate.length);
  expect(sum(units)).toBe(sum(actions.map((a) => a.unitsQ)));
});

/** The recalculated ledger's headline figures, by defined name. */
const LEDGER_FIGURES = ["LedgerActions", "LedgerValidated", "LedgerUnits", "LedgerCost", "LedgerAcceptance", "LedgerRerunInflation", "LedgerCostPerOutcome", "LedgerReconciled"] as const;

/** Imports one log into a workbook without examples, as `npm run template -- --portable --log` does. */
async function imported(name: string, text: string): Promise<TemplateDescription> {
  const outcome = await importLogs({ examples: false, asOf: "2026-11-30" }, [{ name, bytes: new TextEncoder().encode(text) }], { mappings: [], now: new Date(2026, 10, 30, 9, 0) });
  if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
  return outcome.description;
}

/** Writes the portable workbooks, has LibreOffice recalculate them, and reads the ledger's figures. */
async function recalculatedFigures(descriptions: Record<string, TemplateDescription>): Promise<Record<string, Record<string, unknown>>> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, description] of Object.entries(descriptions)) files[name] = await writeWorkbook(description, { portable: true, cachedResults: false });
  const books = await recalculate(files);
  return Object.fromEntries(
    Object.entries(descriptions).map(([name, description]) => [
      name,
      Object.fromEntries(
        LEDGER_FIGURES.map((figure) => {
          const { sheet, address } = named(description, figure);
          return [figure, books[name]?.value(sheet, address)];
        }),
      ),
    ]),
  );
}

const close = (a: unknown, b: number): boolean => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test("the 50,000 actions' aggregate, imported by the headless command and recalculated by LibreOffice: every action, unit and dollar, and the ledger's ratios", async () => {
  const { aggregate: got } = await recalculatedFigures({ aggregate: await imported("aggregate.csv", aggregateText) });
  const validated = actions.filter((a) => a.status === "validated");
  const cost = sum(actions.map((a) => a.costMicro)) / 1e6;
  expect(got?.LedgerActions).toBe(ROWS);
  expect(got?.LedgerValidated).toBe(validated.length);
  expect(exact(String(got?.LedgerUnits), 4)).toBe(sum(actions.map((a) => a.unitsQ)));
  expect(exact(String(got?.LedgerCost), 1_000_000)).toBe(sum(actions.map((a) => a.costMicro)));
  expect(got?.LedgerReconciled).toBe("Yes");
  const ratios = {
    LedgerAcceptance: validated.length / ROWS,
    LedgerRerunInflation: sum(actions.filter((a) => a.rerun).map((a) => a.unitsQ)) / sum(validated.map((a) => a.unitsQ)),
    LedgerCostPerOutcome: cost / validated.length,
  };
  for (const [figure, expected] of Object.entries(ratios)) expect([figure, got?.[figure], close(got?.[figure], expected)]).toEqual([figure, got?.[figure], true]);
});

/** The doc's aggregate of another raw log (written to `rawFile`) into `aggregateFile`, the view then pointed back at the test's log. */
async function aggregateOther(rawFile: string, rawText: string, aggregateFile: string): Promise<void> {
  fs.writeFileSync(rawFile, rawText);
  try {
    await db.run(withFile(warehouseSql("duckdb-raw-csv"), "actions.csv", rawFile));
    await db.run(withFile(warehouseSql("duckdb-aggregate"), "aggregate.csv", aggregateFile));
  } finally {
    await db.run(withFile(warehouseSql("duckdb-raw-csv"), "actions.csv", path.join(dir, "actions.csv")));
  }
}

test("a small log imported raw and as its aggregate gives the same recalculated ledger", async () => {
  const small = [...rawActions({ rows: 2_000, seed: 7, days: 2 })];
  const rawText = [RAW_HEADER, ...small.map(rawLine)].join("\n") + "\n";
  const rawFile = path.join(dir, "small.csv");
  const aggregateFile = path.join(dir, "small-aggregate.csv");
  await aggregateOther(rawFile, rawText, aggregateFile);
  const smallAggregate = fs.readFileSync(aggregateFile, "utf8");
  expect(smallAggregate.trim().split("\n").length - 1).toBeLessThan(small.length / 2);
  const figures = await recalculatedFigures({ raw: await imported("small.csv", rawText), aggregate: await imported("small-aggregate.csv", smallAggregate) });
  expect(figures.raw?.LedgerActions).toBe(small.length);
  for (const figure of LEDGER_FIGURES) {
    const [a, r] = [figures.aggregate?.[figure], figures.raw?.[figure]];
    if (typeof r === "number") expect([figure, a, close(a, r)]).toEqual([figure, a, true]);
    else expect([figure, a]).toEqual([figure, r]);
  }
});

test("a log that states no cost leaves the aggregate's Cost empty, so the workbook prices its units as it prices the raw rows", async () => {
  const small = [...rawActions({ rows: 500, seed: 11, days: 1 })];
  // The raw log with its cost_usd cells empty: the next-to-last field (names, earlier, may hold quoted commas).
  const noCost = (line: string): string => line.replace(/,[^,]*,([^,]*)$/, ",,$1");
  const rawText = [RAW_HEADER, ...small.map((a) => noCost(rawLine(a)))].join("\n") + "\n";
  expect(noCost("t,a,j,x,s,team,true,false,1.25,0.004,0.5")).toBe("t,a,j,x,s,team,true,false,1.25,,0.5");
  const rawFile = path.join(dir, "no-cost.csv");
  const aggregateFile = path.join(dir, "no-cost-aggregate.csv");
  await aggregateOther(rawFile, rawText, aggregateFile);
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(aggregateFile, "utf8"), { header: true, skipEmptyLines: true }).data;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.Cost === "")).toBe(true);
  const figures = await recalculatedFigures({ raw: await imported("no-cost.csv", rawText), aggregate: await imported("no-cost-aggregate.csv", fs.readFileSync(aggregateFile, "utf8")) });
  // Units at the Flex price the workbook is in ($0.00375 a credit), the same either way.
  expect(close(figures.aggregate?.LedgerCost, figures.raw?.LedgerCost as number)).toBe(true);
  expect(figures.raw?.LedgerCost).toBeGreaterThan(0);
});
