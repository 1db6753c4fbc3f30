/**
 * Any refusal the pane is handed (a task's own, or Excel's) in words: each family of codes is
 * rendered by its own catalogue; this only dispatches, so the pane branches on codes, never on text.
 */
import { excelRefusedMessage, isExcelRefused, isWorkbookRefusal, workbookRefusalMessage } from "./workbook";

export function refusalMessage(problem: { readonly code: string }): string {
  if (isExcelRefused(problem)) return excelRefusedMessage(problem);
  if (isWorkbookRefusal(problem)) return workbookRefusalMessage(problem);
  return `AWU could not finish this (${problem.code}); please report it.`;
}
