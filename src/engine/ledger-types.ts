/**
 * The verified outcome ledger's record: one agent action as imported from a usage log
 * (a vendor's consumption export or a team's own agent logs), after column mapping and
 * normalisation. Shared by the importer (which produces these) and the ledger engine
 * (which summarises them). Rejected rows are the importer's alone (src/import/importer.ts).
 */

/** What became of an action. Validated is stronger than succeeded: a human or a check accepted it. */
export const OUTCOME_STATUSES = ["attempted", "succeeded", "validated", "failed"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export interface LedgerRecord {
  /** Line in the imported file (the header is line 1; blank lines and quoted line breaks count), for the audit trail. */
  readonly sourceRow: number;
  /** When the action ran, ms since the epoch (UTC). */
  readonly timestampMs: number;
  readonly agent: string;
  /** The job or workflow the action served (matches the Jobs sheet's Job where planned). */
  readonly job: string;
  readonly actionType: string;
  /** Credits or billing units the action consumed. */
  readonly units: number;
  readonly status: OutcomeStatus;
  readonly escalated: boolean;
  /** A rerun of an earlier action (a retry, a loop). */
  readonly rerun: boolean;
  readonly reviewMinutes: number;
  /** The team the consumption is charged to, where the log says (blank otherwise). */
  readonly team: string;
  /** A stable identity of the row's content, so importing the same log twice doesn't double count. */
  readonly key: string;
  /**
   * Actions the row stands for: 1 for a log of one row per action (absent means 1), more for
   * an aggregated row (a day's actions of one agent, job, action type and status). Every
   * figure weights by it; units, cost, review minutes and tokens are the row's totals.
   */
  readonly count?: number;
  /**
   * USD the log fixes for the row: its stated cost, or its tokens priced for its model at its
   * date (costSource says which). Absent: the row is priced by its units under the workbook's
   * pricing model, as it changes.
   */
  readonly costUsd?: number;
  readonly costSource?: CostSource;
  /** The model that served the row, where the log says (blank otherwise). */
  readonly model?: string;
  /** The row's tokens, where the log counts them (totals over its count). */
  readonly tokens?: TokenCounts;
  /**
   * A daily row an import aggregated from raw actions (src/import/aggregate.ts): the rerun
   * bursts (docs/model.md §9.7) found on those actions before they were summed, counted on the
   * row holding each burst's first rerun (0 for the others). Absent on a row of actions as the
   * log gave it. A daily row's time is its day's, not an action's, so burst detection skips it
   * (`burstCandidate`) and adds these instead.
   */
  readonly bursts?: number;
}

/** Where a row's cost comes from: the log's own USD, its tokens priced, or its units under the workbook's pricing model. */
export const COST_SOURCES = ["stated", "tokens", "units"] as const;
export type CostSource = (typeof COST_SOURCES)[number];

export interface TokenCounts {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

/** The actions a record stands for (1 when it does not say). */
export const countOf = (record: LedgerRecord): number => record.count ?? 1;
/**
 * Whether burst detection reads the record: a row of one action as the log gave it. Not a row
 * that stands for more (a vendor's daily export), nor a daily row an import aggregated (it
 * carries `bursts`, even of one action): their time is a day's midnight, not an action's.
 */
export const burstCandidate = (record: LedgerRecord): boolean => record.bursts === undefined && countOf(record) <= 1;
