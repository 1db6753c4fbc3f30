/**
 * Running a task inside Excel.run with delayForCellEdit (Excel waits for the analyst to
 * leave a cell instead of failing), and turning Excel's refusals into the pane's words.
 */
import { WORKBOOK_MESSAGES } from "../messages/workbook";

/** A refusal a task makes itself, before Excel is asked (or after, when the result is wrong). */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string; readonly message: string };

/** Runs a batch function against a request context; Excel.run in the pane, a double in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const excelRunner: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** Excel's error codes the pane explains; anything else is reported with its code. */
const EXPLAINED: Readonly<Record<string, string>> = {
  AccessDenied: WORKBOOK_MESSAGES.refusal.protectedSheet,
  InvalidOperationInCellEditMode: WORKBOOK_MESSAGES.refusal.cellEditMode,
  RequestPayloadSizeLimitExceeded: WORKBOOK_MESSAGES.refusal.payloadTooLarge,
  ResponsePayloadSizeLimitExceeded: WORKBOOK_MESSAGES.refusal.payloadTooLarge,
  ItemAlreadyExists: WORKBOOK_MESSAGES.refusal.itemAlreadyExists,
  ItemNotFound: WORKBOOK_MESSAGES.refusal.missingPart,
};

/** The code and the pane's sentence for an error thrown by a task. */
export function explainError(error: unknown): { code: string; message: string } {
  if (error instanceof Refusal) return { code: error.reason, message: error.message };
  const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : "Error";
  const detail = error instanceof Error ? error.message : String(error);
  return { code, message: EXPLAINED[code] ?? WORKBOOK_MESSAGES.refusal.unknown(code, detail) };
}

/** Runs a task and reports its refusal in words instead of throwing. */
export async function runTask<T>(task: (context: Excel.RequestContext) => Promise<T>, run: ExcelRunner = excelRunner): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run(task) };
  } catch (error) {
    return { ok: false, ...explainError(error) };
  }
}
