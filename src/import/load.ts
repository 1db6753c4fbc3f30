/**
 * A chosen file → a table of cells and its content hash: CSV (any of the encodings and
 * separators source.ts reads, or the ones chosen) or .xlsx (the sheet chosen, else the first
 * with a header the importer recognises). Whether it is an .xlsx is decided
 * by its bytes (a zip), not its name, so a renamed file still reads.
 */
import type { ImportRefusal } from "../messages/import";
import { sha256Hex } from "./sha256";
import type { ImportRefused } from "./importer";
import { decodeText, readCsv, type Decoded, type Delimiter, type EncodingSetting, type SourceTable } from "./source";
import type { SheetChoice, SheetRead } from "./xlsx";

/**
 * The largest file read, refused before any parsing. Reading holds about 12 times a CSV's
 * size in memory (measured: an 8.6 MB log of 100,000 rows, about 100 MB once parsed and
 * normalised), so 50 MB is about 600 MB of the pane's memory, and some 580,000 rows of a
 * typical log: more than half of what one sheet holds. An .xlsx is also bounded by its cells
 * (XLSX_LIMITS in xlsx.ts), which its compression would otherwise hide.
 */
export const MAX_LOG_BYTES = 50_000_000;

/**
 * The largest file the headless command reads (`npm run template -- --log`): a long log is
 * aggregated into daily rows as it is read (src/import/aggregate.ts), so the records are not
 * held, only the parsed table, its rows as their lines (compactRows). Measured
 * (scripts/bench-import-scale.ts): 1,000,000 actions, 89 MB, peak RSS 1.77 GB with Node's
 * default heap: 100 MB keeps a log of about 1.1 million such rows under a 2 GB budget.
 */
export const HEADLESS_MAX_LOG_BYTES = 100_000_000;

export interface LogFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** How to read the file, beside what it says itself: each "auto" or absent lets the file decide. */
export interface LoadOptions {
  /** A CSV's separator. */
  readonly delimiter?: Delimiter | "auto";
  /** A CSV's text encoding. */
  readonly encoding?: EncodingSetting;
  /** An .xlsx's worksheet, by name. */
  readonly sheet?: string;
  /** The largest file read, in bytes (default MAX_LOG_BYTES, the pane's). */
  readonly maxBytes?: number;
  /** Hold a CSV's rows without quotes as their lines, their cells made when read (readCsv's `compact`): the headless command's long logs. */
  readonly compactRows?: boolean;
}

/** How a CSV's bytes became text (decodeText), without the text. */
export type Decoding = Omit<Decoded, "text">;

export interface LoadedLog {
  readonly name: string;
  readonly table: SourceTable;
  /** SHA-256 of the file's bytes, hex: the stamp's content hash. */
  readonly sha256: string;
  /** A CSV's decoded text, kept to read it again with a separator the mapping fixes. */
  readonly text?: string;
  /** A CSV's encoding, what decided it, and its bytes that are not UTF-8 (their count, where, and the lines whose rows are rejected). */
  readonly decoding?: Decoding;
  /** An .xlsx's sheet read, and why that one. */
  readonly sheet?: SheetChoice;
}

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
/** The old binary .xls (an OLE compound file): not read; the analyst saves it as .xlsx or CSV. */
const isOle = (bytes: Uint8Array): boolean => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

const refused = (problem: ImportRefusal): ImportRefused => ({ ok: false, problem });

export async function loadLog(file: LogFile, options: LoadOptions = {}): Promise<LoadedLog | ImportRefused> {
  const limit = options.maxBytes ?? MAX_LOG_BYTES;
  if (file.bytes.length > limit) return refused({ code: "fileTooLarge", bytes: file.bytes.length, limit });
  if (isOle(file.bytes)) return refused({ code: "unreadable", format: "xls", detail: "" });
  const sha256 = await sha256Hex(file.bytes);
  if (isZip(file.bytes)) {
    let read: SheetRead | ImportRefusal;
    try {
      // Loaded on demand: exceljs is large and most logs are CSV.
      const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ "./xlsx");
      read = await readXlsx(file.bytes, options.sheet);
    } catch (error) {
      return refused({ code: "unreadable", format: "xlsx", detail: error instanceof Error ? error.message : String(error) });
    }
    return "code" in read ? refused(read) : { name: file.name, table: read.table, sha256, sheet: read.sheet };
  }
  const { text, ...decoding } = decodeText(file.bytes, options.encoding ?? "auto");
  const table = readCsv(text, options.delimiter ?? "auto", decoding.badLines, { compact: options.compactRows ?? false });
  return table ? { name: file.name, table, sha256, text, decoding } : refused({ code: "empty" });
}
