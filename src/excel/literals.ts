/**
 * Values as a cell takes them through Office.js: what the template writer and the usage-log
 * import both write, so text that Excel would read as a formula is made safe in one place.
 */

export type CellContent = number | string | boolean;

/**
 * What one Excel cell holds (Microsoft, "Excel specifications and limits"): numbers up to
 * ±9.99999999999999E+307 and 32,767 characters of text. A value beyond either can't be
 * written: the import rejects its row rather than have it written blank or refused by Excel.
 */
export const EXCEL_CELL_LIMITS = { largestNumber: 9.99999999999999e307, textLength: 32_767 } as const;

/**
 * Text Excel would take for a formula (leading =, +, - or @) is written with a leading
 * apostrophe, which Excel keeps as a text marker and does not show.
 */
export function textContent(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** A literal as a cell takes it: numbers and booleans as they are, text made safe. */
export const literal = (value: CellContent): CellContent => (typeof value === "string" ? textContent(value) : value);

