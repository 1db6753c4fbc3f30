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
