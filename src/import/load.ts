/**
 * A chosen file → a table of cells and its content hash: CSV (any of the encodings and
 * separators source.ts reads) or .xlsx (its first sheet). Whether it is an .xlsx is decided
 * by its bytes (a zip), not its name, so a renamed file still reads.
 */
import { IMPORT_MESSAGES } from "../messages/import";
import { sha256Hex } from "./sha256";
import type { ImportRefused } from "./importer";
import { decodeText, readCsv, type Delimiter, type SourceTable } from "./source";

export interface LogFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface LoadedLog {
  readonly name: string;
  readonly table: SourceTable;
  /** SHA-256 of the file's bytes, hex: the stamp's content hash. */
  readonly sha256: string;
  /** A CSV's decoded text, kept to read it again with a separator the mapping fixes. */
  readonly text?: string;
  readonly encoding?: string;
}

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
/** The old binary .xls (an OLE compound file): not read; the analyst saves it as .xlsx or CSV. */
const isOle = (bytes: Uint8Array): boolean => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

export async function loadLog(file: LogFile, delimiter: Delimiter | "auto" = "auto"): Promise<LoadedLog | ImportRefused> {
  const sha256 = await sha256Hex(file.bytes);
  if (isOle(file.bytes)) return { ok: false, message: IMPORT_MESSAGES.refusal.unreadable("a spreadsheet", "the old .xls format") };
  if (isZip(file.bytes)) {
    let table: SourceTable | null;
    try {
      // Loaded on demand: exceljs is large and most logs are CSV.
      const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ "./xlsx");
      table = await readXlsx(file.bytes);
    } catch (error) {
      return { ok: false, message: IMPORT_MESSAGES.refusal.unreadable(".xlsx", error instanceof Error ? error.message : String(error)) };
    }
    return table ? { name: file.name, table, sha256 } : { ok: false, message: IMPORT_MESSAGES.refusal.empty };
  }
  const { text, encoding } = decodeText(file.bytes);
  const table = readCsv(text, delimiter);
  return table ? { name: file.name, table, sha256, text, encoding } : { ok: false, message: IMPORT_MESSAGES.refusal.empty };
}
