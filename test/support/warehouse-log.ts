/**
 * A generated raw action log in the shape docs/warehouse.md defines (one row per action:
 * timestamp, agent, job, action_type, status, team, escalated, rerun, units, cost_usd,
 * review_minutes), for the warehouse test and scripts/warehouse-bench.ts.
 *
 * Deterministic for a seed (mulberry32). Whole-second local timestamps (no zone), in time
 * order with ties; six jobs, one spelled two ways ("Research" and "research ", one job as
 * the workbook groups names) and one with a comma and quotes; blank agents, teams and
 * statuses now and then (the SQL must keep them, as empty text); units in quarter credits,
 * cost in micro-dollars and review time in half minutes, so every total is an exact integer
 * in JavaScript. About 15 % of actions are reruns at random, and now and then a loop: a run
 * of reruns of one job a few seconds apart, some with first runs among them, some too short
 * or too sparse to count, so the bursts rule is exercised at its edges.
 */

export const RAW_HEADER = "timestamp,agent,job,action_type,status,team,escalated,rerun,units,cost_usd,review_minutes";

export interface RawAction {
  /** Local wall time as if it were UTC, ms (differences are real; the day is the local day). */
  readonly ms: number;
  readonly agent: string;
  readonly job: string;
  readonly actionType: string;
  readonly status: string;
  readonly team: string;
  readonly escalated: boolean;
  readonly rerun: boolean;
  /** Units in quarter credits. */
  readonly unitsQ: number;
  /** Cost in millionths of a USD. */
  readonly costMicro: number;
  /** Review time in half minutes. */
  readonly reviewHalf: number;
}

/** Each job with its agent and team (a real log's dimensions are correlated, so the aggregate is much smaller than the log). */
const JOBS: readonly { job: string; agents: readonly string[]; team: string }[] = [
  { job: "Research", agents: ["Scout"], team: "Sales" },
  { job: "research ", agents: ["Scout"], team: "Sales" },
  { job: "Follow-ups", agents: ["Closer", ""], team: "Sales" },
  { job: "Triage", agents: ["Router"], team: "Support" },
  { job: 'Billing "disputes", EMEA', agents: ["Resolver"], team: "R&D, \"Labs\"" },
  { job: "", agents: ["Helper"], team: "" },
];
const ACTIONS = ["search", "summarise", "update record"];
const STATUSES = ["validated", "succeeded", "succeeded", "failed", "attempted", ""];

/** mulberry32: a small, fast, repeatable generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RawLogOptions {
  readonly rows: number;
  readonly seed: number;
  /** Local midnight the log starts at, as UTC ms. Default 1 November 2026. */
  readonly startMs?: number;
  /** Days the log spans, about. Default 30. */
  readonly days?: number;
}

/** The log's actions, in time order. */
export function* rawActions(options: RawLogOptions): Generator<RawAction> {
  const next = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const meanGapS = ((options.days ?? 30) * 86_400) / options.rows;
  let seconds = 0;
  const start = options.startMs ?? Date.UTC(2026, 10, 1);
  const action = (jobIndex: number, rerun: boolean): RawAction => {
    const spec = JOBS[jobIndex] as (typeof JOBS)[number];
    const unitsQ = pick([40, 80, 80, 160, 10]);
    return {
      ms: start + seconds * 1000,
      agent: pick(spec.agents),
      job: spec.job,
      actionType: pick(ACTIONS),
      status: pick(STATUSES),
      team: spec.team,
      escalated: next() < 0.05,
      rerun,
      unitsQ,
      costMicro: unitsQ * 12_500 + Math.floor(next() * 1000),
      reviewHalf: next() < 0.2 ? 1 + Math.floor(next() * 20) : 0,
    };
  };
  let emitted = 0;
  while (emitted < options.rows) {
    if (next() < 0.0015) {
      // A loop: reruns of one job `spacing` seconds apart, with first runs of it among them now and then.
      const job = Math.floor(next() * JOBS.length);
      const length = 4 + Math.floor(next() * 30);
      const spacing = 1 + Math.floor(next() * 90);
      const firstRuns = pick([0, 0, 0.1, 0.3]);
      for (let i = 0; i < length && emitted < options.rows; i++) {
        yield action(job, next() >= firstRuns);
        emitted++;
        seconds += next() < 0.1 ? 0 : spacing;
      }
      continue;
    }
    yield action(Math.floor(next() * JOBS.length), next() < 0.15);
    emitted++;
    seconds += Math.floor(next() * 2 * meanGapS);
  }
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** "2026-11-03 09:05:00": the log's local wall time, no zone. */
export function localTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The day of a local timestamp, "2026-11-03". */
export const localDay = (ms: number): string => localTimestamp(ms).slice(0, 10);

/** A CSV field: blank for empty text (the warehouse reads it as NULL), quoted when it holds a comma or a quote. */
const field = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Decimal text of an integer count of 1/`per` (exact: per is 2, 4 or 10^6). */
export function decimal(n: number, per: number): string {
  if (per === 1_000_000) return `${Math.floor(n / per)}.${String(n % per).padStart(6, "0")}`;
  return String(n / per);
}

/** One line of the raw CSV. */
export function rawLine(a: RawAction): string {
  return [
    localTimestamp(a.ms),
    field(a.agent),
    field(a.job),
    field(a.actionType),
    field(a.status),
    field(a.team),
    a.escalated ? "true" : "false",
    a.rerun ? "true" : "false",
    decimal(a.unitsQ, 4),
    decimal(a.costMicro, 1_000_000),
    decimal(a.reviewHalf, 2),
  ].join(",");
}
