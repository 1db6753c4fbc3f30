/**
 * Numbers typed into a written .xlsx, cell by cell, as an analyst would type them into the
 * file: what the what-if tests recalculate with LibreOffice to see every figure follow.
 */
import JSZip from "jszip";
import { readText, sheetPaths } from "../../src/template/writers/chart";

export interface Edit {
  readonly sheet: string;
  readonly address: string;
  readonly value: number;
}

/** Column letters as a number (A = 1), for ordering cells in a row. */
const columnNumber = (address: string): number => [...address.replace(/\d+$/, "")].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);

/** The written file with numbers typed into some of its cells (empty ones included), as an analyst would type them. */
export async function typedOver(bytes: Uint8Array, edits: readonly Edit[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const paths = await sheetPaths(zip);
  for (const edit of edits) {
    const path = paths.get(edit.sheet);
    if (!path) throw new Error(`no sheet ${edit.sheet}`);
    let xml = await readText(zip, path);
    const typed = (style: string): string => `<c r="${edit.address}"${style}><v>${edit.value}</v></c>`;
    // A cell as written: its style kept, its type (shared string, boolean) dropped for a number.
    const cell = new RegExp(`<c r="${edit.address}"((?:\\s(?!t=)[a-z]+="[^"]*")*)(?:\\st="[^"]*")?((?:\\s[a-z]+="[^"]*")*)\\s*(?:/>|>[\\s\\S]*?</c>)`);
    if (cell.test(xml)) xml = xml.replace(cell, (_m, a: string, b: string) => typed(`${a}${b}`));
    else {
      // An empty cell is not in the file: added to its row, in column order.
      const rowNumber = edit.address.replace(/^[A-Z]+/, "");
      const row = new RegExp(`(<row r="${rowNumber}"[^>]*>)([\\s\\S]*?)(</row>)`).exec(xml);
      if (!row) throw new Error(`no row ${rowNumber} on ${edit.sheet}`);
      const cells = [...(row[2] ?? "").matchAll(/<c r="([A-Z]+)\d+"[\s\S]*?(?:\/>|<\/c>)/g)];
      const after = cells.find((c) => columnNumber(c[1] ?? "") > columnNumber(edit.address));
      const body = after ? (row[2] ?? "").replace(after[0], `${typed("")}${after[0]}`) : `${row[2] ?? ""}${typed("")}`;
      xml = xml.replace(row[0], `${row[1]}${body}${row[3]}`);
    }
    zip.file(path, xml);
  }
  return zip.generateAsync({ type: "uint8array" });
}

