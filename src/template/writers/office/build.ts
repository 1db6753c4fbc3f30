/**
 * Building the template into the open workbook: inspect (one sync), write everything
 * (one sync unless the payload needs splitting), verify (one sync). What is already there
 * is never overwritten without the caller's choice, and nothing outside the template's
 * own sheets is touched.
 */
import type { BuildProgress, Built, WorkbookItem, WorkbookRefusal } from "../../../messages/workbook";
import { Refusal, excelRunner, runTask, type ExcelRunner, type Outcome } from "../../../excel/run";
import type { TemplateDescription } from "../../model/description";
import { ACTION_BYTES, Batcher, DEFAULT_BUDGET_BYTES, type BatchStats } from "../../../excel/batch";
import { inspectWorkbook, type WorkbookReport } from "./inspect";
import { NO_RENAMES, freeCopyNumber, inventory, renameDescription, suffixRenames, type RenameMap } from "./inventory";
import { writeSheets, type Writer } from "./write";
import { withBuiltResults } from "../../render/live";

/** fresh: nothing of the template may exist; rebuild: replace the template's own items; beside: a numbered copy. */
export type BuildChoice = "fresh" | "rebuild" | "beside";

export type { BuildProgress, Built };

export interface BuildOptions {
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Bytes one request may carry; the default leaves a margin below the 4 MB limit. */
  readonly budget?: number;
}

export interface BuildResult {
  readonly choice: BuildChoice;
  /** 1 for the template's own names; n for a copy written beside ("Jobs (n)", "Jobs_n"). */
  readonly copy: number;
  readonly renames: RenameMap;
  /** The description as written (renamed for a copy): what check and repair compare against. */
  readonly written: TemplateDescription;
  readonly sheets: readonly string[];
  readonly tables: readonly string[];
  readonly names: readonly string[];
  /** Syncs of the write phase and the estimated bytes of each request. */
  readonly writes: BatchStats;
  /** What was written, for the pane to say. */
  readonly built: Built;
}

/** Sheet names Excel has not got yet, for the rebuild's new sheets before they take the old names. */
function temporaryNames(count: number, taken: readonly string[]): string[] {
  const used = new Set(taken.map((s) => s.toLowerCase()));
  const out: string[] = [];
  for (let i = 1; out.length < count; i++) if (!used.has(`awu new ${i}`)) out.push(`AWU new ${i}`);
  return out;
}

/** What a fresh build would collide with. */
function conflictItems(report: WorkbookReport): WorkbookItem[] {
  return [
    ...report.existing.sheets.map((name): WorkbookItem => ({ item: "sheet", name })),
    ...report.existing.tables.map((t): WorkbookItem => ({ item: "table", name: t.name, sheet: t.sheet })),
    ...report.existing.names.map((n): WorkbookItem => ({ item: "name", name: n.name, sheet: n.sheet })),
  ];
}

/** Decides what to write under which names, or refuses. Pure: the report is all it needs. */
export function planBuild(description: TemplateDescription, report: WorkbookReport, choice: BuildChoice): { copy: number; renames: RenameMap; target: TemplateDescription } {
  if (report.workbookProtected) throw new Refusal<WorkbookRefusal>({ code: "workbookProtected" });
  if (!report.conflicts) return { copy: 1, renames: NO_RENAMES, target: description };
  switch (choice) {
    case "fresh":
      throw new Refusal<WorkbookRefusal>({ code: "conflicts", items: conflictItems(report) });
    case "beside": {
      const copy = freeCopyNumber(description, { sheets: report.sheets, tablesAndNames: [...report.tables.map((t) => t.name), ...report.names.map((n) => n.name)] });
      const renames = suffixRenames(description, copy);
      return { copy, renames, target: renameDescription(description, renames) };
    }
    case "rebuild": {
      if (report.outside.length > 0) throw new Refusal<WorkbookRefusal>({ code: "rebuildWouldTouch", items: report.outside });
      const own = new Set(report.existing.sheets.map((s) => s.toLowerCase()));
      const locked = report.protectedSheets.filter((s) => own.has(s.toLowerCase()));
      if (locked.length > 0) throw new Refusal<WorkbookRefusal>({ code: "protectedSheets", sheets: locked });
      return { copy: 1, renames: NO_RENAMES, target: description };
    }
  }
}

/** Suspends recalculation and repainting for the batch about to be queued (they last until its sync). */
function suspender(context: Excel.RequestContext, onProgress: BuildOptions["onProgress"], batches: { n: number }): () => number {
  return () => {
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    batches.n++;
    onProgress?.({ code: "write", part: batches.n });
    return 2 * ACTION_BYTES;
  };
}

export async function buildInWorkbook(context: Excel.RequestContext, description: TemplateDescription, choice: BuildChoice, options: BuildOptions = {}): Promise<BuildResult> {
  const { onProgress } = options;
  onProgress?.({ code: "inspect" });
  const report = await inspectWorkbook(context, description);
  // The scenarios' results as the first refresh would write them, so nothing that reads them is blank.
  const { copy, renames, target } = planBuild(withBuiltResults(description), report, choice);

  const batch = new Batcher(context, options.budget ?? DEFAULT_BUDGET_BYTES, suspender(context, onProgress, { n: 0 }));
  const w: Writer = { context, batch, formats: target.formats };
  const book = context.workbook;
  await batch.reserve(0);
  let sheets: Excel.Worksheet[];
  if (choice === "rebuild" && report.conflicts) {
    // New sheets first: deleting the old ones first could leave the workbook with none.
    const temporary = temporaryNames(target.sheets.length, report.sheets);
    sheets = temporary.map((name) => book.worksheets.add(name));
    await batch.reserve(ACTION_BYTES * 2 * (report.existing.names.length + report.existing.sheets.length));
    // The template's names go before their sheets (a name left pointing at #REF! would block the new one).
    for (const n of report.existing.names) book.names.getItem(n.name).delete();
    for (const s of report.existing.sheets) book.worksheets.getItem(s).delete();
    sheets.forEach((sheet, i) => (sheet.name = target.sheets[i]?.name ?? ""));
  } else {
    await batch.reserve(ACTION_BYTES * target.sheets.length);
    sheets = target.sheets.map((spec) => book.worksheets.add(spec.name));
  }
  await writeSheets(
    w,
    target.sheets.map((spec, i) => ({ sheet: sheets[i] as Excel.Worksheet, spec })),
  );
  await batch.reserve(ACTION_BYTES);
  sheets[0]?.activate();
  await batch.flush();

  onProgress?.({ code: "verify" });
  const own = inventory(target);
  const seen = {
    sheets: own.sheets.map((s) => book.worksheets.getItemOrNullObject(s).load("name")),
    tables: own.tables.map((t) => book.tables.getItemOrNullObject(t.name).load("name")),
    names: own.names.map((n) => book.names.getItemOrNullObject(n.name).load("name")),
  };
  await context.sync();
  const missing = [
    ...own.sheets.filter((_, i) => seen.sheets[i]?.isNullObject).map((name): WorkbookItem => ({ item: "sheet", name })),
    ...own.tables.filter((_, i) => seen.tables[i]?.isNullObject).map((t): WorkbookItem => ({ item: "table", name: t.name, sheet: t.sheet })),
    ...own.names.filter((_, i) => seen.names[i]?.isNullObject).map((n): WorkbookItem => ({ item: "name", name: n.name, sheet: n.sheet })),
  ];
  if (missing.length > 0) throw new Refusal<WorkbookRefusal>({ code: "notVerified", missing });
  const built: Built = copy > 1 ? { code: "builtBeside", copy } : { code: "built", sheets: own.sheets.length, tables: own.tables.length, names: own.names.length };
  onProgress?.({ code: "done", built });
  return {
    choice,
    copy,
    renames,
    written: target,
    sheets: own.sheets,
    tables: own.tables.map((t) => t.name),
    names: own.names.map((n) => n.name),
    writes: batch.stats,
    built,
  };
}

export function runBuild(
  description: TemplateDescription,
  choice: BuildChoice,
  onProgress?: (progress: BuildProgress) => void,
  run: ExcelRunner = excelRunner,
): Promise<Outcome<BuildResult>> {
  return runTask((context) => buildInWorkbook(context, description, choice, onProgress ? { onProgress } : {}), run);
}
