/**
 * Where the imported usage log lives in the workbook: sheets, tables, their columns and
 * the workbook setting that remembers column mappings. Defined once, here, so the template
 * description, the importer and the ledger summary name the same things. The importer finds
 * a table by name wherever it is; the anchor is used only when it has to create one.
 */

/** One table the importer appends to. */
export interface LedgerTableSpec {
  readonly sheet: string;
  readonly table: string;
  /** The header row's first cell when the importer creates the table itself. */
  readonly anchor: string;
  readonly columns: readonly string[];
  /** Excel number formats by column header; "@" keeps a name like "007" or "3/4" as text. */
  readonly formats: Readonly<Record<string, string>>;
}

const TEXT = "@";

export const LEDGER_COLUMNS = [
  "Timestamp",
  "Agent",
  "Job",
  "Action type",
  "Units",
  "Status",
  "Escalated",
  "Rerun",
  "Review minutes",
  "Team",
  "Import",
  "Source row",
  "Key",
  // Appended with vendors' exports (issue 11): actions the row stands for, every summary weighting by it.
  "Count",
  // USD the log fixes for the row (stated, or its tokens priced); blank: its units are priced under the pricing model.
  "Cost",
  // stated, tokens or units: where the row's cost comes from.
  "Cost source",
  "Model",
  "Input tokens",
  "Output tokens",
  "Cache read tokens",
  "Cache write tokens",
  // The hash of the row's time, job and units: the same action from two files has the same.
  "Match key",
  // The earlier import with a row of the same Match key: likely the same action from another export.
  "Likely duplicate of",
  // Rerun bursts found on the raw actions before an import aggregated them, counted on the daily row of each burst's first rerun.
  "Bursts",
  // TRUE for a rerun row of one action: what AWU.RERUNLOOPS reads (an aggregated row's time is its day's, not an action's).
  "Single rerun",
] as const;

/**
 * The Ledger columns a workbook made before them may lack: an import that leaves each of them at
 * its default (one action a row, priced by units, no model or tokens) still goes in without them;
 * one that needs them is refused (missingColumns), as the workbook's formulas would not count them.
 */
export const LEDGER_COLUMNS_SINCE_COUNTS = LEDGER_COLUMNS.slice(LEDGER_COLUMNS.indexOf("Count"));
export const REJECT_COLUMNS = ["Import", "Source row", "Reason", "Raw"] as const;
export const IMPORT_COLUMNS = [
  "Import",
  "Imported at",
  "File",
  "Format",
  "Rows read",
  "Accepted",
  "Rejected",
  "Duplicates skipped",
  "Blank lines",
  "Units accepted",
  "SHA-256",
  "Mapping",
  // How the file was read: encoding and separator, or the .xlsx sheet (src/import/plan.ts READ_AS_COLUMN).
  "Read as",
  // Rows the import wrote to the Ledger (an aggregated row with status counts writes one per status) and the actions they stand for.
  "Ledger rows",
  "Actions accepted",
] as const;
/** The keys of the raw rows an aggregated import summed (src/import/raw-keys.ts): the import, how many keys the cell packs, the keys. */
export const RAW_KEY_COLUMNS = ["Import", "Keys", "Packed keys"] as const;

export const LEDGER_WORKBOOK = {
  /** Every accepted row of every import: what the ledger summary and the wallet read. */
  ledger: {
    sheet: "Ledger Rows",
    table: "Ledger",
    anchor: "A1",
    columns: LEDGER_COLUMNS,
    formats: { Timestamp: "yyyy-mm-dd hh:mm:ss", Agent: TEXT, Job: TEXT, "Action type": TEXT, Status: TEXT, Team: TEXT, Key: TEXT, "Cost source": TEXT, Model: TEXT, "Match key": TEXT },
  },
  /** Rows that could not be read, with the line they came from and why. */
  rejects: {
    sheet: "Rejects",
    table: "Rejects",
    anchor: "A1",
    columns: REJECT_COLUMNS,
    formats: { Reason: TEXT, Raw: TEXT },
  },
  /** One row per import: the stamp (file, counts, content hash, mapping used). */
  imports: {
    sheet: "Imports",
    table: "Imports",
    anchor: "A1",
    columns: IMPORT_COLUMNS,
    formats: { "Imported at": "yyyy-mm-dd hh:mm", File: TEXT, Format: TEXT, "SHA-256": TEXT, Mapping: TEXT, "Read as": TEXT },
  },
  /**
   * The raw actions each aggregated import summed, as packed hashes of their keys: what lets a
   * later, overlapping export skip them action by action, as a Ledger row's Key does for a row of its own.
   */
  rawKeys: {
    sheet: "Raw Keys",
    table: "RawKeys",
    anchor: "A1",
    columns: RAW_KEY_COLUMNS,
    formats: { "Packed keys": TEXT },
  },
  /** The workbook setting (Excel's per-document add-in settings) holding the saved column mappings. */
  mappingSetting: "AWU.ImportMappings",
} as const satisfies {
  ledger: LedgerTableSpec;
  rejects: LedgerTableSpec;
  imports: LedgerTableSpec;
  rawKeys: LedgerTableSpec;
  mappingSetting: string;
};

/**
 * The template's tables keyed by a value of the ledger (one row per job, agent, team or
 * action type): after an import the importer adds a row for each value it brought that a
 * table does not list yet, so every unit lands in a summary row. Existing rows are never
 * touched; a table that is not in the workbook is left alone.
 */
export const LEDGER_SUMMARIES = {
  byJob: { table: "LedgerByJob", column: "Job", field: "job" },
  byActionType: { table: "LedgerByActionType", column: "Action type", field: "actionType" },
  byAgent: { table: "LedgerByAgent", column: "Agent", field: "agent" },
  byTeam: { table: "LedgerByTeam", column: "Team", field: "team" },
  teamBudgets: { table: "TeamBudgets", column: "Team", field: "team" },
  loops: { table: "RerunBursts", column: "Job", field: "job" },
} as const satisfies Record<string, LedgerSummarySpec>;

export interface LedgerSummarySpec {
  readonly table: string;
  /** The table's key column. */
  readonly column: string;
  /** The record's field it lists. */
  readonly field: "job" | "actionType" | "agent" | "team";
}
