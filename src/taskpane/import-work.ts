/**
 * The import section's work, loaded on demand (its own chunk, with papaparse and the
 * importer): the log reader (import-client.ts: a Web Worker that reads, parses and checks the
 * log, or this thread where there is none), the column mapping saved in the workbook, and the
 * import itself: the ledger read and the plan written through the importer's Office.js side,
 * the plan made by the reader. The section itself (import-section.ts) holds only the DOM, so
 * the pane's first load stays small. readLog, previewLog and importLog do the same on this
 * thread with a loaded log (Node, and the importer's tests).
 */
import {
  importPlannedIntoWorkbook,
  loadLog,
  loadMapping,
  planImport,
  proposeMapping,
  saveMapping,
  type ColumnMapping,
  type ImportOutcome,
  type ImportPlanner,
  type ImportRefused,
  type ImportStep,
  type LedgerHolding,
  type LoadOptions,
  type LoadedLog,
  type Proposal,
} from "../import";
import { Refusal, excelRunner, runTask, type Coded, type ExcelRunner, type Outcome } from "../excel/run";
import { Cancelled, LogReader, isCancelled } from "./import-client";
import { previewLog, type Preview } from "./import-jobs";
import { FIRST_TRY, type ImportChoices } from "./import-protocol";

export type { ColumnMapping, LoadOptions, LoadedLog, Preview, Proposal };
export { Cancelled, LogReader, isCancelled, previewLog };

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
  const saved = await savedMapping(log.table.headers, inExcel, run);
  return { log, proposal, mapping: saved ?? proposal.mapping, saved: saved !== null, bytes, options };
}

/** The mapping saved in the workbook for these headers; null outside Excel, or when none is (or none could be read: the proposal stands). */
export async function savedMapping(headers: readonly string[], inExcel: boolean, run: ExcelRunner = excelRunner): Promise<ColumnMapping | null> {
  if (!inExcel) return null;
  const outcome = await runTask((context) => loadMapping(context, headers), run);
  return outcome.ok ? outcome.value : null;
}

/** An import that went in. */
export type ImportDone = Extract<ImportOutcome, { ok: true }>;

export type { ImportOutcome };

/** The one refusal the analyst can overrule ("Import anyway"): the same file's content, imported before. */
export const overrulable = (problem: Coded): boolean => problem.code === "alreadyImported";

/** The question an import asks before writing: periods the file exports again with other figures (replace the earlier rows, or keep both). */
export const asksAboutPeriods = (problem: Coded): boolean => problem.code === "periodsChanged";

export { FIRST_TRY, type ImportChoices };

/**
 * Imports into the open workbook and, when it went in, remembers the mapping there. Every
 * refusal, the import's own or Excel's, comes back as data for the pane to branch on and word.
 */
export async function importLog(log: LoadedLog, mapping: ColumnMapping, choices: ImportChoices, run: ExcelRunner = excelRunner): Promise<Outcome<ImportDone>> {
  return importPlanned((holding, options) => Promise.resolve(planImport(holding, log, mapping, options)), mapping, choices, run);
}

/** Plans an import against what the ledger holds: planImport, here or in the log reader. */
export type Planner = ImportPlanner;
export type { ImportStep };

/** What the reader is sent of the ledger's state: what planImport reads, not the tables' layout (it crosses postMessage). */
export const holdingOf = (state: LedgerHolding): LedgerHolding => ({
  keys: state.keys,
  ...(state.matches ? { matches: state.matches } : {}),
  ...(state.rawKeys ? { rawKeys: state.rawKeys } : {}),
  ...(state.rawKeyImports ? { rawKeyImports: state.rawKeyImports } : {}),
  stamps: state.stamps,
  summaries: state.summaries.map(({ spec, listed }) => ({ spec, listed })),
  ...(state.rowsLeft ? { rowsLeft: state.rowsLeft } : {}),
});

/**
 * The importer's steps (importPlannedIntoWorkbook) with the plan made by `plan` (the log reader,
 * off this thread), then the mapping remembered. A plan the reader stopped (Cancelled) is thrown
 * before anything is written; the rest comes back as data.
 */
export async function importPlanned(plan: Planner, mapping: ColumnMapping, choices: ImportChoices, run: ExcelRunner = excelRunner, onStep: (step: ImportStep) => void = () => undefined): Promise<Outcome<ImportDone>> {
  let cancelled: Cancelled | null = null;
  const planner: Planner = (holding, options) =>
    plan(holdingOf(holding), options).catch((error: unknown) => {
      if (isCancelled(error)) cancelled = error;
      throw error;
    });
  const outcome = await runTask(async (context): Promise<ImportDone> => {
    // As the headless command: a log too long for a row an action goes in as daily rows (src/import/aggregate.ts).
    const done = await importPlannedIntoWorkbook(context, planner, { ...choices, aggregate: "auto" }, onStep);
    if (!done.ok) throw new Refusal(done.problem);
    await saveMapping(context, mapping);
    return done;
  }, run);
  if (cancelled) throw cancelled;
  return outcome;
}
