/**
 * Values as a cell takes them through Office.js: what the template writer and the usage-log
 * import both write, so text that Excel would read as a formula is made safe in one place.
 */

export type CellContent = number | string | boolean;

/**
 * Text Excel would take for a formula (leading =, +, - or @) is written with a leading
 * apostrophe, which Excel keeps as a text marker and does not show.
 */
export function textContent(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** A literal as a cell takes it: numbers and booleans as they are, text made safe. */
export const literal = (value: CellContent): CellContent => (typeof value === "string" ? textContent(value) : value);

