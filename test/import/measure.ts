/**
 * A generated usage log of any size and measureImport for the bench and the scale test:
 * how long reading and normalising it take, and the round trips and request bytes of
 * writing it into the in-memory Excel double (4 MB limit enforced).
 *
 * The log is deterministic: 12 agents, 8 jobs (one with a comma, so quoted), 6 action
 * types, a month of timestamps, credits with decimals and now and then "1,200" quoted,
 * every status spelled several ways, reruns and escalations. Every 1,000th row has a status
 * no table knows (a reject) and every 5,000th line is blank.
 */
import { performance } from "node:perf_hooks";
import { loadLog, planImport, proposeMapping, readLedgerState, writeImport, type ColumnMapping, type LoadedLog } from "../../src/import";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { importRefusalMessage } from "../../src/messages/import";
import { ExcelDouble } from "../support/excel-double";

const AGENTS = ["Scout", "Closer", "Chat agent", "Service agent", "Router", "Drafter", "Checker", "Scheduler", "Summariser", "Triage", "Updater", "Notifier"];
const JOBS = ["Research", '"Follow-ups, EMEA"', "Enrichment", "Pipeline updates", "Support", "Onboarding", "Renewals", "Custom"];
const ACTIONS = ["search", "summarise", "draft email", "update record", "classify", "lookup"];
const STATUSES = ["succeeded", "success", "ok", "validated", "accepted", "failed", "error", "attempted"];

export const GENERATED_HEADER = "Timestamp,Agent,Workflow,Action Type,Credits Consumed,Outcome,Escalated,Rerun,Review Minutes,Team";
export const REJECT_EVERY = 1000;
export const BLANK_EVERY = 5000;

/** A pseudo-random but repeatable sequence (a 32-bit LCG), so every run measures the same log. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

export function generateLog(rows: number, seed = 42): string {
  const next = sequence(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const start = Date.UTC(2026, 10, 1);
  const lines = [GENERATED_HEADER];
  for (let i = 1; i <= rows; i++) {
    if (i % BLANK_EVERY === 0) lines.push("");
    const at = new Date(start + Math.floor((i / rows) * 30 * 86_400_000)).toISOString().replace(".000Z", "Z");
    const credits = next() < 0.01 ? '"1,200"' : (Math.round(next() * 400) / 100).toString();
    const status = i % REJECT_EVERY === 0 ? "maybe" : pick(STATUSES);
    const rerun = next() < 0.08 ? "TRUE" : "FALSE";
    const escalated = next() < 0.05 ? "yes" : "no";
    const review = next() < 0.1 ? String(Math.round(next() * 30)) : "0";
    lines.push([at, pick(AGENTS), pick(JOBS), pick(ACTIONS), credits, status, escalated, rerun, review, `Team ${1 + (i % 4)}`].join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

export interface ImportMeasure {
  readonly rows: number;
  readonly fileBytes: number;
  /** Decoding, hashing (SHA-256) and parsing the CSV into cells. */
  readonly parseMs: number;
  /** Applying the mapping: every row normalised, keyed, accepted or rejected. */
  readonly normaliseMs: number;
  /** Reading the ledger's state and writing into the double. */
  readonly writeMs: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Round trips of the whole import (reads and writes). */
  readonly syncs: number;
  readonly readSyncs: number;
  readonly writeSyncs: number;
  /** Request bytes as the double measured them (JSON of the queued actions). */
  readonly maxRequestBytes: number;
  readonly totalRequestBytes: number;
  readonly limitBytes: number;
}

/** The measured import with what it leaves behind (the double, the log, the mapping), for a test to go on from. */
export interface MeasuredImport {
  readonly measure: ImportMeasure;
  readonly excel: ExcelDouble;
  readonly log: LoadedLog;
  readonly mapping: ColumnMapping;
}

/** Imports a generated log of `rows` rows into a fresh double and measures each step. */
export async function runMeasuredImport(rows: number): Promise<MeasuredImport> {
  const bytes = new TextEncoder().encode(generateLog(rows));
  let t = performance.now();
  const log = (await loadLog({ name: `generated-${rows}.csv`, bytes })) as LoadedLog;
  const parseMs = performance.now() - t;
  const mapping = proposeMapping(log.table.headers).mapping;

  const excel = new ExcelDouble(["Sheet1"], { requestLimit: REQUEST_LIMIT_BYTES });
  const ctx = excel.context();
  const context = ctx as unknown as Excel.RequestContext;
  t = performance.now();
  const state = await readLedgerState(context);
  const readMs = performance.now() - t;
  t = performance.now();
  // Normalising and planning the rows (what the pane does before its first write).
  const plan = planImport(state, log, mapping, { now: new Date(Date.UTC(2026, 10, 23, 12)) });
  const normaliseMs = performance.now() - t;
  if ("ok" in plan) throw new Error(importRefusalMessage(plan.problem));
  const { result } = plan;
  t = performance.now();
  const written = await writeImport(context, state, plan);
  const writeMs = readMs + performance.now() - t;
  const requests = ctx.requests.map((r) => r.bytes);
  const measure: ImportMeasure = {
    rows,
    fileBytes: bytes.length,
    parseMs,
    normaliseMs,
    writeMs,
    accepted: result.counts.accepted,
    rejected: result.counts.rejected,
    syncs: ctx.requests.length,
    readSyncs: state.syncs,
    writeSyncs: written.writes.syncs,
    maxRequestBytes: Math.max(...requests),
    totalRequestBytes: requests.reduce((a, b) => a + b, 0),
    limitBytes: REQUEST_LIMIT_BYTES,
  };
  return { measure, excel, log, mapping };
}

/** For the bench: the figures of importing a generated log of `rows` rows. */
export async function measureImport(rows: number): Promise<ImportMeasure> {
  return (await runMeasuredImport(rows)).measure;
}
