/**
 * The import section's work, loaded on demand (its own chunk, with papaparse and the
 * importer): read a picked file, propose or recall a column mapping, preview how the file
 * reads under a mapping, and import it into the workbook through the importer's Office.js
 * side. The section itself (import-section.ts) holds only the DOM, so the pane's first load stays small.
 */
import {
  importIntoWorkbook,
  importTable,
  inspectTable,
  loadLog,
  loadMapping,
  mappingProblem,
  proposeMapping,
  readingNotes,
  saveMapping,
  tableFor,
  type ColumnMapping,
  type LoadOptions,
  type ImportOutcome,
  type ImportRefused,
  type ImportResult,
  type LoadedLog,
  type Proposal,
} from "../import";
import { Refusal, excelRunner, runTask, type Coded, type ExcelRunner, type Outcome } from "../excel/run";
import type { ImportNote } from "../messages/import";

export type { ColumnMapping, LoadOptions, LoadedLog, Proposal };

export interface PickedLog {
  readonly log: LoadedLog;
  readonly proposal: Proposal;
  /** The mapping to start from: one saved in the workbook for these headers, else the proposal's. */
  readonly mapping: ColumnMapping;
  readonly saved: boolean;
  /** The file's bytes and how they were read (the encoding or sheet the analyst chose), to read them again another way. */
  readonly bytes: Uint8Array;
  readonly options: LoadOptions;
}

/**
 * A file's bytes → the table, the proposed mapping and (in Excel) the saved one; or why the
 * file is refused. `options`: the encoding (CSV) or sheet (.xlsx) the analyst chose; none, the file decides.
 */
export async function readLog(name: string, bytes: Uint8Array, inExcel: boolean, run: ExcelRunner = excelRunner, options: LoadOptions = {}): Promise<PickedLog | ImportRefused> {
  const log = await loadLog({ name, bytes }, options);
  if ("ok" in log) return log;
  const proposal = proposeMapping(log.table.headers);
  let saved: ColumnMapping | null = null;
  if (inExcel) {
    const outcome = await runTask((context) => loadMapping(context, log.table.headers), run);
    // Not finding the saved mappings is no reason to stop: the proposal stands.
    if (outcome.ok) saved = outcome.value;
  }
  return { log, proposal, mapping: saved ?? proposal.mapping, saved: saved !== null, bytes, options };
}

export interface Preview {
  readonly result: ImportResult;
  /** What needs a decision before importing (an undecided day/month order, an assumed decimal mark). */
  readonly questions: readonly ImportNote[];
  /** How the file was read: a CSV's encoding and separator (and bytes that are not UTF-8), an .xlsx's sheet. */
  readonly reading: readonly ImportNote[];
}

/** How the whole file reads under the mapping, with nothing in the ledger yet: counts, records, rejects. */
export function previewLog(log: LoadedLog, mapping: ColumnMapping): Preview | ImportRefused {
  const table = tableFor(log, mapping);
  const problem = mappingProblem(table.headers, mapping);
  if (problem) return { ok: false, problem };
  const result = importTable(table, mapping);
  if (!result.ok) return result;
  return { result, questions: inspectTable(table, mapping).questions, reading: readingNotes(log, table) };
}

/** An import that went in. */
export type ImportDone = Extract<ImportOutcome, { ok: true }>;

/** The one refusal the analyst can overrule ("Import anyway"): the same file's content, imported before. */
export const overrulable = (problem: Coded): boolean => problem.code === "alreadyImported";

/**
 * Imports into the open workbook and, when it went in, remembers the mapping there. Every
 * refusal, the import's own or Excel's, comes back as data for the pane to branch on and word.
 */
export async function importLog(log: LoadedLog, mapping: ColumnMapping, allowSameFile: boolean, run: ExcelRunner = excelRunner): Promise<Outcome<ImportDone>> {
  return runTask(async (context) => {
    const result = await importIntoWorkbook(context, log, mapping, { allowSameFile });
    if (!result.ok) throw new Refusal(result.problem);
    await saveMapping(context, mapping);
    return result;
  }, run);
}
