/**
 * What the pane asks of Excel, over the Office.js writer: each call runs in Excel.run and
 * either returns its result or throws a Refused whose text is the writer's message for
 * what Excel refused. The template copy the pane works on (the original, or one written
 * beside it in this session) is held here so every action addresses the same names.
 */
import { computeScenarios } from "../template/actions/scenarios";
import { describeTemplate } from "../template/sheets/template";
import type { TemplateDescription } from "../template/model/description";
import {
  NO_RENAMES,
  applyRateCard,
  builtInRateRows,
  checkWorkbook,
  diffRateCard,
  explainError,
  inspectWorkbook,
  refreshScenarios,
  renameDescription,
  repair,
  runBuild,
  runTask,
  type BuildChoice,
  type BuildProgress,
  type BuildResult,
  type Outcome,
  type TemplateDefect,
  type RateCardDiff,
  type RefreshResult,
  type RenameMap,
  type WorkbookReport,
} from "../template/actions/index";
import type { PaneOptions } from "./options";

/** Excel (or the writer) refused; the message says what happened and what to do. */
export class Refused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "Refused";
  }
}

/** The pane's words for any failure: the writer's catalogue for Excel's refusals. */
export const explain = (error: unknown): string => (error instanceof Refused ? error.message : explainError(error).message);

function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Refused(outcome.code, outcome.message);
  return outcome.value;
}

/** The names of the copy the pane works on: a copy written beside in this session, else the original. */
let renames: RenameMap = NO_RENAMES;

export const describe = (options: PaneOptions): TemplateDescription => describeTemplate({ examples: options.examples, currency: options.currency });

/** The template as the workbook has it (under the copy's names), for checking and repair. */
const asBuilt = (options: PaneOptions): TemplateDescription => renameDescription(describe(options), renames);

export async function inspect(options: PaneOptions): Promise<WorkbookReport> {
  return unwrap(await runTask((context) => inspectWorkbook(context, describe(options))));
}

export async function build(options: PaneOptions, choice: BuildChoice, onProgress: (progress: BuildProgress) => void): Promise<BuildResult> {
  const result = unwrap(await runBuild(describe(options), choice, onProgress));
  renames = result.renames;
  return result;
}

export async function refresh(options: PaneOptions): Promise<RefreshResult> {
  return unwrap(await runTask((context) => refreshScenarios(context, computeScenarios, { description: describe(options), rename: renames })));
}

export async function check(options: PaneOptions): Promise<TemplateDefect[]> {
  return unwrap(await runTask((context) => checkWorkbook(context, asBuilt(options))));
}

export async function repairOne(options: PaneOptions, problem: TemplateDefect): Promise<string[]> {
  return unwrap(await runTask((context) => repair(context, asBuilt(options), [problem])));
}

export async function compareRates(): Promise<RateCardDiff> {
  return unwrap(await runTask((context) => diffRateCard(context, builtInRateRows(), { rename: renames })));
}

export async function applyRates(): Promise<string> {
  return unwrap(await runTask((context) => applyRateCard(context, builtInRateRows(), { rename: renames }))).message;
}

/** Writes a formula into the active cell (one cell, even when a range is selected). */
export async function insertFormula(formula: string): Promise<string> {
  return unwrap(
    await runTask(async (context) => {
      const cell = context.workbook.getActiveCell().load("address");
      cell.formulas = [[formula]];
      await context.sync();
      return cell.address;
    }),
  );
}
