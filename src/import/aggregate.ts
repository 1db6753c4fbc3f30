/**
 * Aggregation on import (issue 11, Scale): a log of many raw actions goes into the ledger as
 * daily rows, one per (day, agent, job, action type, status, team, escalated, rerun), with
 * the actions each stands for (Count) and their units, cost, review minutes and tokens summed
 * (compensated sums, so every credit and dollar is accounted for). The warehouse route
 * (docs/warehouse.md) produces the same shape where a log lives; this is the same thing done
 * by the importer, after normalisation and de-duplication of the raw rows.
 *
 * Rerun bursts (docs/model.md §9.7) need each action's own time, which a daily row no longer
 * has: they are found here on the raw rows of one action (findRerunBursts, the engine's rule)
 * before they are summed, and each burst is counted on the daily row holding its first rerun
 * (the Ledger's Bursts column), which the Wallet adds to the loops it finds on rows of one action.
 *
 * Identity: the raw rows' keys are checked against the ledger's keys and the raw keys earlier
 * aggregated imports kept (a raw row either holds is skipped), and this import's are kept too,
 * packed (`rawKeys`, written to the RawKeys table; src/import/raw-keys.ts): so an overlapping
 * export adds only the actions it alone holds. A daily row's key is `agg:<hash of its group>:
 * <digest of its raw rows' keys>` (an order-free sum of their hashes): the same raw actions
 * aggregate to the same keys, so in a workbook made before the RawKeys table a re-import of the
 * same actions is still skipped. Its match key is its period's (periodOf: the day and the group,
 * without sums or status), as a vendor's daily row's or a warehouse aggregate's is, so a row of
 * the same period from an import whose raw actions are not held is flagged as a likely duplicate.
 */
import { MS_PER_DAY } from "../engine/dates";
import { DEFAULT_BURST_RULE, findRerunBursts, type BurstRule } from "../engine/ledger-wallet";
import type { TokenCounts } from "../engine/ledger-types";
import { periodKey, type ImportedRecord } from "./importer";
import { PackedKeys, type RawKeysCell } from "./raw-keys";
import { fnv1a64 } from "./sha256";

/** A daily row's key starts with this (never a raw row's: a vendor id is "id:…", a hash is hex). */
export const DAILY_KEY_PREFIX = "agg:";

/** Whether an import aggregates: auto (when the log is long, or would not fit the sheet), always (daily), or never (none). */
export const AGGREGATE_SETTINGS = ["auto", "daily", "none"] as const;
export type AggregateSetting = (typeof AGGREGATE_SETTINGS)[number];
export const isAggregateSetting = (value: string): value is AggregateSetting => (AGGREGATE_SETTINGS as readonly string[]).includes(value);

/**
 * On auto, a log of more data rows than this is aggregated: row by row, 50,000 actions are
 * about 10 MB of requests in the pane and a few seconds of LibreOffice's recalculation; a
 * month of a busy service is millions. Below it each action keeps its row (and its own time).
 */
export const AGGREGATE_ABOVE_ROWS = 50_000;

/** Why an import was aggregated: the analyst's setting, the log's length, or the rows the Ledger's sheet has left. */
export type AggregateReason = "setting" | "rows" | "rowLimit";

/** Whether (and why) an import of `dataRows` rows aggregates under `setting`, with `ledgerRowsLeft` rows left in the Ledger's sheet; null: row by row. */
export function aggregateReason(setting: AggregateSetting, dataRows: number, ledgerRowsLeft: number): AggregateReason | null {
  if (setting === "none") return null;
  if (setting === "daily") return "setting";
  if (dataRows > AGGREGATE_ABOVE_ROWS) return "rows";
  if (dataRows > ledgerRowsLeft) return "rowLimit";
  return null;
}

/** A compensated (Neumaier) running sum: a million decimals add up as exactly as the engine's exactSum. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

interface Group {
  /** The group's first record: its names, flags, status, cost source and model. */
  readonly first: ImportedRecord;
  /** Its place among the groups, in order of first sight. */
  readonly index: number;
  readonly dayMs: number;
  readonly text: string;
  count: number;
  readonly units: Sum;
  readonly minutes: Sum;
  cost: Sum | undefined;
  tokens: { input: Sum; output: Sum; cacheRead: Sum; cacheWrite: Sum } | undefined;
  /** An order-free digest of the raw keys: two sums of their hashes' halves. */
  digestHigh: number;
  digestLow: number;
  /** Source rows whose first record is in this group: moved to duplicates if the group is. */
  rows: number;
  bursts: number;
  likelyDuplicateOf: number | undefined;
}

/** The aggregate of an import's records. */
export interface Aggregated {
  /** The daily rows, in the order their groups were first seen. */
  readonly records: readonly ImportedRecord[];
  /** Raw records summed (rows of one action and rows that already stood for more). */
  readonly raw: number;
  /** Rerun bursts found on the raw rows of one action, each counted on the daily row of its first rerun. */
  readonly bursts: number;
  /** Daily rows whose key the ledger already holds (the same raw actions imported before): skipped. */
  readonly skipped: { readonly groups: number; readonly rows: number; readonly units: number };
  /** The packed keys (raw-keys.ts) of the raw records in the daily rows written, as the RawKeys table's cells. */
  readonly rawKeys: readonly RawKeysCell[];
  /** Daily rows of a period (day and group) an earlier import without raw keys holds, and those imports: likely the same period twice. */
  readonly periodsRepeated: { readonly rows: number; readonly imports: readonly number[] };
}

const TWO_32 = 2 ** 32;
const hex8 = (n: number): string => (n % TWO_32).toString(16).padStart(8, "0");

/**
 * Sums records into daily groups as they come (`add`, in file order), keeping only what burst
 * detection needs of each raw action of one action (time, job, rerun, group): a million rows
 * cost tens of megabytes here, not the records themselves.
 */
export class DailyAggregator {
  private readonly groups = new Map<string, Group>();
  private readonly order: Group[] = [];
  private readonly times: number[] = [];
  private readonly jobs: string[] = [];
  private readonly reruns: boolean[] = [];
  private readonly groupOf: number[] = [];
  // Every raw record's packed key and its group: a group skipped in finish keeps none.
  private readonly packed = new PackedKeys();
  private raw = 0;
  private lastSourceRow = -1;

  constructor(private readonly rule: BurstRule = DEFAULT_BURST_RULE) {}

  add(record: ImportedRecord): void {
    this.raw++;
    const dayMs = Math.floor(record.timestampMs / MS_PER_DAY) * MS_PER_DAY;
    const text = `${dayMs}\u001f${record.agent}\u001f${record.job}\u001f${record.actionType}\u001f${record.status}\u001f${record.team}\u001f${record.escalated ? 1 : 0}\u001f${record.rerun ? 1 : 0}\u001f${record.costSource}\u001f${record.model}`;
    let group = this.groups.get(text);
    if (!group) {
      group = {
        first: record,
        index: this.order.length,
        dayMs,
        text,
        count: 0,
        units: new Sum(),
        minutes: new Sum(),
        cost: undefined,
        tokens: undefined,
        digestHigh: 0,
        digestLow: 0,
        rows: 0,
        bursts: 0,
        likelyDuplicateOf: undefined,
      };
      this.groups.set(text, group);
      this.order.push(group);
    }
    group.count += record.count;
    group.units.add(record.units);
    group.minutes.add(record.reviewMinutes);
    if (record.costUsd !== undefined) (group.cost ??= new Sum()).add(record.costUsd);
    if (record.tokens) addTokens((group.tokens ??= { input: new Sum(), output: new Sum(), cacheRead: new Sum(), cacheWrite: new Sum() }), record.tokens);
    const hash = fnv1a64(record.key);
    // Sums of the 32-bit halves, modulo 2^32: the same set of keys in any order gives the same digest.
    group.digestHigh = (group.digestHigh + parseInt(hash.slice(0, 8), 16)) % TWO_32;
    group.digestLow = (group.digestLow + parseInt(hash.slice(8), 16)) % TWO_32;
    this.packed.add(hash, group.index);
    if (record.sourceRow !== this.lastSourceRow) {
      group.rows++;
      this.lastSourceRow = record.sourceRow;
    }
    if (group.likelyDuplicateOf === undefined && record.likelyDuplicateOf !== undefined) group.likelyDuplicateOf = record.likelyDuplicateOf;
    // Burst detection reads actions, one row each: a row that already stood for more has no action's time.
    if (record.count <= 1) {
      this.times.push(record.timestampMs);
      this.jobs.push(record.job);
      this.reruns.push(record.rerun);
      this.groupOf.push(group.index);
    }
  }

  /**
   * The daily rows: bursts found on the raw actions and counted on their first rerun's row,
   * rows whose key the ledger already holds skipped, and likely duplicates flagged against `matches`:
   * a raw action's (its record's flag), or the daily row's period (day and group) when an earlier
   * import holds it and its raw keys are not held (`exactImports` are those whose are: an
   * overlap with them was taken apart action by action, so their daily rows for the same day are no alarm).
   */
  finish(existingKeys: ReadonlySet<string>, matches?: ReadonlyMap<string, number>, exactImports: ReadonlySet<number> = new Set()): Aggregated {
    const actions = this.times.map((timeMs, i) => ({ timeMs, job: this.jobs[i] as string, rerun: this.reruns[i] as boolean }));
    const { bursts } = findRerunBursts(actions, this.rule);
    for (const burst of bursts) {
      const first = burst.indices[0];
      if (first !== undefined) (this.order[this.groupOf[first] as number] as Group).bursts++;
    }
    const records: ImportedRecord[] = [];
    const skipped = new Set<number>();
    let repeated = 0;
    const repeatedFrom = new Set<number>();
    let skippedGroups = 0;
    let skippedRows = 0;
    const skippedUnits = new Sum();
    for (const g of this.order) {
      const groupHash = fnv1a64(g.text);
      const key = `${DAILY_KEY_PREFIX}${groupHash}:${hex8(g.digestHigh)}${hex8(g.digestLow)}`;
      if (existingKeys.has(key)) {
        skippedGroups++;
        skipped.add(g.index);
        skippedRows += g.rows;
        skippedUnits.add(g.units.value);
        continue;
      }
      const matchKey = periodKey({ ...g.first, timestampMs: g.dayMs });
      const f = g.first;
      const record: { -readonly [K in keyof ImportedRecord]: ImportedRecord[K] } = {
        sourceRow: f.sourceRow,
        timestampMs: g.dayMs,
        agent: f.agent,
        job: f.job,
        actionType: f.actionType,
        units: g.units.value,
        status: f.status,
        escalated: f.escalated,
        rerun: f.rerun,
        reviewMinutes: g.minutes.value,
        team: f.team,
        key,
        count: g.count,
        costSource: f.costSource,
        model: f.model,
        matchKey,
      };
      if (g.cost) record.costUsd = g.cost.value;
      if (g.tokens) record.tokens = { input: g.tokens.input.value, output: g.tokens.output.value, cacheRead: g.tokens.cacheRead.value, cacheWrite: g.tokens.cacheWrite.value };
      record.bursts = g.bursts;
      const earlierPeriod = matches?.get(matchKey);
      const repeats = earlierPeriod !== undefined && !exactImports.has(earlierPeriod) ? earlierPeriod : undefined;
      if (repeats !== undefined) {
        repeated++;
        repeatedFrom.add(repeats);
      }
      const earlier = repeats ?? g.likelyDuplicateOf;
      if (earlier !== undefined) record.likelyDuplicateOf = earlier;
      records.push(record);
    }
    const rawKeys = this.packed.cells((group) => !skipped.has(group));
    return { records, raw: this.raw, bursts: bursts.length, skipped: { groups: skippedGroups, rows: skippedRows, units: skippedUnits.value }, rawKeys, periodsRepeated: { rows: repeated, imports: [...repeatedFrom].sort((a, b) => a - b) } };
  }
}

function addTokens(sums: { input: Sum; output: Sum; cacheRead: Sum; cacheWrite: Sum }, tokens: TokenCounts): void {
  sums.input.add(tokens.input);
  sums.output.add(tokens.output);
  sums.cacheRead.add(tokens.cacheRead);
  sums.cacheWrite.add(tokens.cacheWrite);
}

/** Aggregates records at once (tests, and callers that hold them): the same as adding each to a DailyAggregator. */
export function aggregateDaily(records: readonly ImportedRecord[], existingKeys: ReadonlySet<string> = new Set(), matches?: ReadonlyMap<string, number>, rule?: BurstRule): Aggregated {
  const aggregator = new DailyAggregator(rule);
  for (const r of records) aggregator.add(r);
  return aggregator.finish(existingKeys, matches);
}
