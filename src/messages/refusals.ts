/**
 * Any refusal the pane is handed (a task's own, or Excel's) in words: each family of codes is
 * rendered by its own catalogue; this only dispatches, so the pane branches on codes, never on text.
 */
import { WORKBOOK_MESSAGES, excelRefusedMessage, isExcelRefused, isWorkbookRefusal, workbookRefusalMessage } from "./workbook";
import { importRefusalMessage, isImportRefusal } from "./import";

export function refusalMessage(problem: { readonly code: string }): string {
  if (isExcelRefused(problem)) return excelRefusedMessage(problem);
  if (isWorkbookRefusal(problem)) return workbookRefusalMessage(problem);
  if (isImportRefusal(problem)) return importRefusalMessage(problem);
  return WORKBOOK_MESSAGES.refusal.unexpected(problem.code);
}
