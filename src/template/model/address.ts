/** A1 addresses: the arithmetic the template builder and the writers share. */

/** Column number (1 = A) to letters. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Letters to column number (A = 1). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface CellPosition {
  /** 1-based row. */
  readonly row: number;
  /** 1-based column. */
  readonly column: number;
}

/** "B12" or "$B$12" → its row and column. */
export function parseAddress(address: string): CellPosition {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (!match) throw new Error(`Not a cell address: ${address}`);
  return { row: Number(match[2]), column: columnNumber(match[1] as string) };
}

/** A cell address, optionally absolute in row and/or column. */
export function address(position: CellPosition, absolute: { row?: boolean; column?: boolean } = {}): string {
  return `${absolute.column ? "$" : ""}${columnLetters(position.column)}${absolute.row ? "$" : ""}${position.row}`;
}

/** The cell `rows` down and `columns` right of `from`. */
export function offset(from: string, rows: number, columns: number): string {
  const p = parseAddress(from);
  return address({ row: p.row + rows, column: p.column + columns });
}

/** "A1:C3" for the rectangle from `from` spanning rows × columns. */
export function rangeOf(from: string, rows: number, columns: number): string {
  return `${from}:${offset(from, rows - 1, columns - 1)}`;
}
