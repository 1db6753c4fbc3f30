/**
 * Running a task inside Excel.run with delayForCellEdit (Excel waits for the analyst to
 * leave a cell instead of failing), and turning what Excel refuses into data
 * (src/messages says it in words).
 */
import type { ExcelRefused } from "../messages/workbook";

/** A problem as data: a code and the facts its sentence needs; src/messages renders it. */
export interface Coded {
  readonly code: string;
}

/** A refusal a task makes itself, before Excel is asked (or after, when the result is wrong). */
export class Refusal<P extends Coded = Coded> extends Error {
  constructor(readonly problem: P) {
    super(problem.code);
    this.name = "Refusal";
  }
}

/** A task's result, or why it did not happen: its own refusal, or Excel's. */
export type Outcome<T, P extends Coded = Coded> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: P | ExcelRefused };

/** Runs a batch function against a request context; Excel.run in the pane, a double in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const excelRunner: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** The problem an error thrown by a task stands for: the task's own refusal, or what Excel refused. */
export function refusalOf(error: unknown): Coded | ExcelRefused {
  if (error instanceof Refusal) return error.problem;
  const excelCode = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : "Error";
  const detail = error instanceof Error ? error.message : String(error);
  return { code: "excelRefused", excelCode, detail };
}

/** Runs a task and reports its refusal in words instead of throwing. */
export async function runTask<T>(task: (context: Excel.RequestContext) => Promise<T>, run: ExcelRunner = excelRunner): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run(task) };
  } catch (error) {
    return { ok: false, problem: refusalOf(error) };
  }
}
