/**
 * What the pane asks of Excel, over the Office.js writer: each call runs in Excel.run and
 * either returns its result (data) or throws a Refusal carrying the problem as data, which
 * the pane renders through the catalogue. The template copy the pane works on (the original, or one written
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
  Refusal,
  refusalOf,
  refreshScenarios,
  renameDescription,
  repair,
  runBuild,
  runTask,
  type BuildChoice,
  type BuildProgress,
  type BuildResult,
  type Outcome,
  type Repaired,
  type TemplateDefect,
  type RateCardDiff,
  type RefreshResult,
  type RenameMap,
} from "../template/actions/index";
import { refusalMessage } from "../messages/refusals";
import type { RateCardApplied } from "../messages/workbook";
import type { PaneOptions } from "./options";

/** The pane's words for any failure: the catalogue's sentence for a refusal, Excel's or the task's own. */
export const explain = (error: unknown): string => refusalMessage(refusalOf(error));

/** The value, or the refusal thrown on to the pane's runTask, which shows it in words. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Refusal(outcome.problem);
  return outcome.value;
}

/** The names of the copy the pane works on: a copy written beside in this session, else the original. */
let renames: RenameMap = NO_RENAMES;

export const describe = (options: PaneOptions): TemplateDescription => describeTemplate({ examples: options.examples, currency: options.currency });

/** The template as the workbook has it (under the copy's names), for checking and repair. */
const asBuilt = (options: PaneOptions): TemplateDescription => renameDescription(describe(options), renames);

/** Builds, or says why not as data: the pane answers some refusals (a conflict) with a question rather than an error. */
export async function build(options: PaneOptions, choice: BuildChoice, onProgress: (progress: BuildProgress) => void): Promise<Outcome<BuildResult>> {
  const outcome = await runBuild(describe(options), choice, onProgress);
  if (outcome.ok) renames = outcome.value.renames;
  return outcome;
}

export async function refresh(options: PaneOptions): Promise<RefreshResult> {
  return unwrap(await runTask((context) => refreshScenarios(context, computeScenarios, { description: describe(options), rename: renames })));
}

export async function check(options: PaneOptions): Promise<TemplateDefect[]> {
  return unwrap(await runTask((context) => checkWorkbook(context, asBuilt(options))));
}

export async function repairOne(options: PaneOptions, problem: TemplateDefect): Promise<Repaired[]> {
  return unwrap(await runTask((context) => repair(context, asBuilt(options), [problem])));
}

export async function compareRates(): Promise<RateCardDiff> {
  return unwrap(await runTask((context) => diffRateCard(context, builtInRateRows(), { rename: renames })));
}

export async function applyRates(): Promise<RateCardApplied> {
  return unwrap(await runTask((context) => applyRateCard(context, builtInRateRows(), { rename: renames }))).applied;
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
