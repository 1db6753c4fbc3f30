/**
 * The one catalogue: every sentence a person reads (a cell's error message, the pane's text,
 * an import's reasons) is rendered here from a code and its facts, never at the site of the event.
 */
export * from "./cell-errors";
export * from "./words";
export * from "./workbook";
export * from "./import";
export * from "./refusals";
export * from "./sheet-notes";
