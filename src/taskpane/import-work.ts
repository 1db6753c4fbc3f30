/**
 * The import section's work, loaded on demand (its own chunk, with papaparse and the
 * importer): read a picked file, propose or recall a column mapping, preview how the file
 * reads under a mapping, and import it into the workbook through the importer's Office.js
 * side. The section itself (import.ts) holds only the DOM, so the pane's first load stays small.
 */
import {
  importIntoWorkbook,
  importTable,
  inspectTable,
  loadLog,
  loadMapping,
  mappingProblem,
  proposeMapping,
  readCsv,
  saveMapping,
  type ColumnMapping,
  type ImportOutcome,
  type ImportRefused,
  type ImportResult,
  type LoadedLog,
  type Proposal,
} from "../import";
import { runTask } from "../template/actions/index";
import { unwrap } from "./excel-actions";
import { IMPORT_MESSAGES } from "../messages/import";

export type { ColumnMapping, LoadedLog, Proposal };

export interface PickedLog {
  readonly log: LoadedLog;
  readonly proposal: Proposal;
  /** The mapping to start from: one saved in the workbook for these headers, else the proposal's. */
  readonly mapping: ColumnMapping;
  readonly saved: boolean;
}

/** A file's bytes → the table, the proposed mapping and (in Excel) the saved one. */
export async function readLog(name: string, bytes: Uint8Array, inExcel: boolean): Promise<PickedLog | ImportRefused> {
  const log = await loadLog({ name, bytes });
  if ("ok" in log) return log;
  const proposal = proposeMapping(log.table.headers);
  let saved: ColumnMapping | null = null;
  if (inExcel) {
    const outcome = await runTask((context) => loadMapping(context, log.table.headers));
    // Not finding the saved mappings is no reason to stop: the proposal stands.
    if (outcome.ok) saved = outcome.value;
  }
  return { log, proposal, mapping: saved ?? proposal.mapping, saved: saved !== null };
}

/** The table a CSV reads as under the mapping's separator, when the mapping fixes another one. */
const tableFor = (log: LoadedLog, mapping: ColumnMapping) =>
  log.text !== undefined && mapping.delimiter !== "auto" && mapping.delimiter !== log.table.delimiter ? (readCsv(log.text, mapping.delimiter) ?? log.table) : log.table;

export interface Preview {
  readonly result: ImportResult;
  /** Plain words: what needs a decision before importing (an undecided day/month order, an assumed decimal mark). */
  readonly questions: readonly string[];
}

/** How the whole file reads under the mapping, with nothing in the ledger yet: counts, records, rejects. */
export function previewLog(log: LoadedLog, mapping: ColumnMapping): Preview | ImportRefused {
  const table = tableFor(log, mapping);
  const problem = mappingProblem(table.headers, mapping);
  if (problem) return { ok: false, message: problem };
  const result = importTable(table, mapping);
  if (!result.ok) return result;
  return { result, questions: inspectTable(table, mapping).questions };
}

/** The start of the refusal for a file whose content an earlier import stamped, from the catalogue itself. */
const SAME_FILE = IMPORT_MESSAGES.refusal.alreadyImported("\u0000", "", 0).split("\u0000")[0] ?? "";

/** Whether a refusal is the one "Import anyway" overrules: the same file's content, imported before. */
export const isSameFileRefusal = (message: string): boolean => SAME_FILE !== "" && message.startsWith(SAME_FILE);

/** Imports into the open workbook and, when it went in, remembers the mapping there. Refusals (Excel's or the import's own) throw a Refusal. */
export async function importLog(log: LoadedLog, mapping: ColumnMapping, allowSameFile: boolean): Promise<ImportOutcome> {
  const outcome = await runTask(async (context) => {
    const result = await importIntoWorkbook(context, log, mapping, { allowSameFile });
    if (result.ok) await saveMapping(context, mapping);
    return result;
  });
  return unwrap(outcome);
}
