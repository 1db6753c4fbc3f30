/**
 * What the pane and the log reader (a Web Worker, or this thread where there is none) say to
 * each other. Plain data only: structured clone keeps objects, arrays, Maps, Sets, Dates and
 * Blobs but drops prototypes, so no class instance crosses, and problems cross as their codes.
 */
import type { LedgerRecord } from "../engine/ledger-types";
import type { TokenPriceList } from "../engine/token-prices";
import type { ImportCounts, ImportRefused, RejectedRow } from "../import/importer";
import type { Decoding, LoadOptions } from "../import/load";
import type { ColumnMapping, Proposal } from "../import/mapping";
import type { PeriodSetting } from "../import/periods";
import type { ImportPlan, LedgerHolding, PlanOptions } from "../import/plan";
import type { SheetChoice } from "../import/xlsx";
import type { ImportNote } from "../messages/import";

/** What the reader is doing: reading the file's bytes, parsing them into a table, checking its rows under a mapping, or planning the import against the ledger. */
export type ReadStage = "reading" | "parsing" | "checking" | "planning";

export interface ReadProgress {
  readonly stage: ReadStage;
  /** While reading: the bytes read and the file's size. */
  readonly bytes?: { readonly read: number; readonly total: number };
  /** While checking or planning: the rows being checked. */
  readonly rows?: number;
}

/** A log as read, without its rows (they stay with the reader): what the mapping form and the file line need. */
export interface LogSummary {
  readonly name: string;
  readonly format: "csv" | "xlsx";
  readonly headers: readonly string[];
  readonly rows: number;
  readonly sha256: string;
  /** A CSV's encoding and what decided it, and its bytes that are not UTF-8 (without the lines they are on). */
  readonly decoding?: Omit<Decoding, "badLines">;
  /** An .xlsx's sheet, and why that one. */
  readonly sheet?: SheetChoice;
  /** The mapping proposed for the headers (a known export's, when they are one). */
  readonly proposal: Proposal;
}

/** How the whole log reads under a mapping: the counts, the first rows and rejects, and the notes in the order the pane shows them. */
export interface PreviewData {
  readonly ok: true;
  readonly counts: ImportCounts;
  readonly records: readonly LedgerRecord[];
  readonly rejects: readonly RejectedRow[];
  /** How the file was read, the known export recognised, what needs a decision, then the importer's notes. */
  readonly notes: readonly ImportNote[];
  /** The headers of the table the mapping reads (another separator may give others). */
  readonly headers: readonly string[];
}

export type ImportRequest =
  /**
   * A worker's first message, unanswered: the built-in token price list, which functions.js
   * publishes on the pane's page and a worker's global does not have (token costs need it).
   */
  | { readonly id: number; readonly kind: "prices"; readonly list: TokenPriceList | undefined }
  | { readonly id: number; readonly kind: "read"; readonly file: Blob; readonly name: string; readonly options: LoadOptions }
  | { readonly id: number; readonly kind: "preview"; readonly mapping: ColumnMapping; readonly rows: number; readonly rejects: number }
  /** `options`: planImport's, as the pane gives them (plain data: a Date and settings). */
  | { readonly id: number; readonly kind: "plan"; readonly holding: LedgerHolding; readonly mapping: ColumnMapping; readonly options: PlanOptions };

export type ImportReply =
  | { readonly id: number; readonly kind: "progress"; readonly progress: ReadProgress }
  | { readonly id: number; readonly kind: "read"; readonly result: LogSummary | ImportRefused }
  | { readonly id: number; readonly kind: "preview"; readonly result: PreviewData | ImportRefused }
  | { readonly id: number; readonly kind: "plan"; readonly result: ImportPlan | ImportRefused }
  /** The job threw: its message (a bug or the browser's refusal, not the log's problem, which is a result). */
  | { readonly id: number; readonly kind: "failed"; readonly message: string };

/** The reply a request of each kind ends with. */
export type ResultOf<K extends ImportRequest["kind"]> = Extract<ImportReply, { kind: K }>["result"];

/** What the analyst decided for an import: the same file again, and periods it exports again with other figures. */
export interface ImportChoices {
  readonly allowSameFile: boolean;
  readonly periods: PeriodSetting;
}

/** An import's first try: nothing overruled, periods a file exports again asked about. */
export const FIRST_TRY: ImportChoices = { allowSameFile: false, periods: "ask" };
