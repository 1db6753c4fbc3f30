/**
 * A usage log file as a table of cells: its header row, then each data row with the line
 * (or sheet row) it starts on and its raw text. CSV is parsed with papaparse; this file
 * adds what a log from the real world needs around it: decoding (UTF-8 with or without a
 * BOM, UTF-16 with or without a BOM as Excel's "Unicode text" writes, Windows-1252 for
 * Excel's legacy "CSV" export, and a UTF-8 file's stray bytes counted and placed), Excel's
 * "sep=;" first line, separator detection, title lines above the header, blank lines and
 * line numbers that count header, blank lines and line breaks (\r\n, \n or \r, mixed)
 * inside quoted values.
 */
import Papa from "papaparse";
import type { ByteAt, Separator, TextEncoding } from "../messages/import";
import type { Cell } from "./values";

export type Delimiter = Separator;
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];

export interface SourceRow {
  /** The line (CSV) or sheet row (.xlsx) the row starts on; the header is usually 1. */
  readonly line: number;
  readonly cells: readonly Cell[];
  /** The row as it is in the file, for the Rejects table (clipped to RAW_LIMIT characters). */
  readonly raw: string;
  /** The parser's complaint about this row, if any. */
  readonly problem?: "unclosedQuote";
  /** Bytes on the row's lines that are not UTF-8, in a file read as UTF-8: the row is rejected (decodeText). */
  readonly notUtf8?: LineBytes;
}

export interface SourceTable {
  readonly format: "csv" | "xlsx";
  /** Headers as in the file, trimmed; blanks named "Column n" and repeats numbered, as Excel does. */
  readonly headers: readonly string[];
  readonly headerLine: number;
  /** Data rows: every non-blank row after the header, in file order. */
  readonly rows: readonly SourceRow[];
  /** Blank lines or rows (nothing but spaces and separators), before or after the header; skipped and counted. */
  readonly blankLines: number;
  /** Lines of title text above the header (a report's name, "generated on"); skipped and listed. */
  readonly preamble: readonly number[];
  /** The separator used (CSV only). */
  readonly delimiter?: Delimiter;
}

/** A raw row longer than this is clipped in the Rejects table; Excel cells hold 32,767 characters. */
export const RAW_LIMIT = 2000;

export const clipRaw = (text: string): string => (text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT - 1)}…` : text);

// ---- Decoding -----------------------------------------------------------------------------

export type Encoding = TextEncoding;
/** The encodings the analyst can choose, and "auto" (the BOM, else the bytes decide). */
export type EncodingSetting = Encoding | "auto";
export const ENCODINGS: readonly Encoding[] = ["utf-8", "windows-1252", "utf-16le", "utf-16be"];
export const isEncodingSetting = (value: string): value is EncodingSetting => value === "auto" || (ENCODINGS as readonly string[]).includes(value);

/** Where a byte is: its offset in the file (from 0, a byte-order mark included) and the line it is on. */
export type BytePosition = ByteAt;

/** How many positions of bytes that are not UTF-8 are kept to show; the count is always whole. */
export const NOT_UTF8_SHOWN = 10;

/** Bytes of a file that are not UTF-8: how many, and where the first NOT_UTF8_SHOWN are. */
export interface NotUtf8 {
  readonly count: number;
  readonly at: readonly BytePosition[];
}

/** Bytes that are not UTF-8 on one line: how many, and the first one's offset. */
export interface LineBytes {
  readonly count: number;
  readonly offset: number;
}

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  /** What decided the encoding: a byte-order mark, the bytes themselves, or the analyst's setting. */
  readonly by: "bom" | "content" | "setting";
  /**
   * Bytes that are not UTF-8, when UTF-8 was tried and they were found: either the file was
   * read as UTF-8 all the same (their rows are rejected, see `badLines`) or, on auto, as
   * Windows-1252 because most of its non-ASCII bytes are not UTF-8 (a legacy file).
   */
  readonly notUtf8?: NotUtf8;
  /** A file read as UTF-8 with bytes that are not: the lines holding them. Their rows are rejected, never read with a guessed character. */
  readonly badLines?: ReadonlyMap<number, LineBytes>;
}

/** Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1); 0 where the code is unassigned. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decoded here, not with TextDecoder("windows-1252"), which some runtimes treat as Latin-1. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

interface Utf8Scan {
  readonly notUtf8: NotUtf8;
  readonly badLines: ReadonlyMap<number, LineBytes>;
  /** Valid sequences of two to four bytes: evidence the file is UTF-8. */
  readonly multibyte: number;
  /** Runs of bytes that are not UTF-8 (each a maximal subpart, as a UTF-8 decoder replaces them). */
  readonly runs: number;
}

/**
 * Finds the bytes that are not UTF-8 (as the WHATWG decoder does: a lead byte and the
 * continuation bytes it took before one failed are one run) and the line each is on, a line
 * ending at \n, \r\n or a lone \r, as readCsv counts them. `from`: where the text starts (after a BOM).
 */
function scanUtf8(bytes: Uint8Array, from: number): Utf8Scan {
  const at: BytePosition[] = [];
  const badLines = new Map<number, LineBytes>();
  let count = 0;
  let runs = 0;
  let multibyte = 0;
  let line = 1;
  const bad = (start: number, end: number): void => {
    runs++;
    count += end - start;
    for (let k = start; k < end && at.length < NOT_UTF8_SHOWN; k++) at.push({ offset: k, line });
    const seen = badLines.get(line);
    badLines.set(line, { count: (seen?.count ?? 0) + end - start, offset: seen?.offset ?? start });
  };
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
      i++;
      continue;
    }
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    if (need === 0) {
      bad(i, i + 1);
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || c < (j === 1 ? lower : 0x80) || c > (j === 1 ? upper : 0xbf)) break;
    }
    if (j > need) multibyte++;
    else bad(i, i + j);
    i += j > need ? need + 1 : j;
  }
  return { notUtf8: { count, at }, badLines, multibyte, runs };
}

/**
 * UTF-16 without a byte-order mark, from its zero bytes: text that is mostly ASCII has a zero
 * in every other byte (the high byte of each unit), which UTF-8 and Windows-1252 text never has.
 */
export function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) even++;
    if (bytes[2 * i + 1] === 0) odd++;
  }
  if (odd >= pairs / 4 && even * 8 <= odd) return "utf-16le";
  if (even >= pairs / 4 && odd * 8 <= even) return "utf-16be";
  return null;
}

const BOMS: readonly (readonly [Encoding, readonly number[]])[] = [
  ["utf-8", [0xef, 0xbb, 0xbf]],
  ["utf-16le", [0xff, 0xfe]],
  ["utf-16be", [0xfe, 0xff]],
];

const bomOf = (bytes: Uint8Array): { encoding: Encoding; length: number } | null => {
  for (const [encoding, mark] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return { encoding, length: mark.length };
  return null;
};

/** The text as UTF-8: whole when valid; else with the bytes that are not UTF-8 found (the scan), their lines' rows to be rejected. */
function asUtf8(bytes: Uint8Array, from: number, by: Decoded["by"]): { decoded: Decoded; scan?: Utf8Scan } {
  const body = bytes.subarray(from);
  try {
    return { decoded: { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8", by } };
  } catch {
    const scan = scanUtf8(bytes, from);
    // Decoded without fatal: each run becomes U+FFFD, and its row is rejected (badLines), so the character is never guessed.
    return { decoded: { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8", by, notUtf8: scan.notUtf8, badLines: scan.badLines }, scan };
  }
}

/**
 * The file's text. Chosen (`setting`): that encoding, its own byte-order mark skipped. On auto:
 * a byte-order mark decides (UTF-8, UTF-16 LE/BE as Excel's "Unicode text"); else UTF-16 known
 * by its zero bytes; else UTF-8. Bytes that are not UTF-8 are counted and placed: in a file
 * whose other non-ASCII bytes are mostly UTF-8 (a UTF-8 log with a few stray bytes) the file
 * stays UTF-8 and the rows holding them are rejected, so a corrected file imports them once
 * and nothing twice; a file that is mostly not UTF-8 is read as Windows-1252 (Excel's legacy "CSV").
 */
export function decodeText(bytes: Uint8Array, setting: EncodingSetting = "auto"): Decoded {
  const bom = bomOf(bytes);
  if (setting !== "auto") {
    const from = bom?.encoding === setting ? bom.length : 0;
    if (setting === "utf-8") return asUtf8(bytes, from, "setting").decoded;
    if (setting === "windows-1252") return { text: decodeWindows1252(bytes.subarray(from)), encoding: setting, by: "setting" };
    return { text: new TextDecoder(setting).decode(bytes.subarray(from)), encoding: setting, by: "setting" };
  }
  if (bom && bom.encoding !== "utf-8") return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding, by: "bom" };
  if (bom) return asUtf8(bytes, bom.length, "bom").decoded;
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, by: "content" };
  const { decoded, scan } = asUtf8(bytes, 0, "content");
  // More runs that are not UTF-8 than sequences that are: a legacy file, not a UTF-8 one with stray bytes.
  if (scan && scan.runs > scan.multibyte) return { text: decodeWindows1252(bytes), encoding: "windows-1252", by: "content", notUtf8: scan.notUtf8 };
  return decoded;
}

// ---- Tables -------------------------------------------------------------------------------

const blankCells = (cells: readonly Cell[]): boolean => cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

/** Headers trimmed; a blank one becomes "Column n" and a repeat gets 2, 3… (so a mapping can name each). */
export function uniqueHeaders(cells: readonly Cell[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const base = (cell instanceof Date ? cell.toISOString() : String(cell ?? "")).trim() || `Column ${i + 1}`;
    let header = base;
    for (let k = 2; seen.has(header.toLowerCase()); k++) header = `${base} ${k}`;
    seen.add(header.toLowerCase());
    return header;
  });
}

/** How many non-blank rows from the top are looked at for title lines above the header. */
const PREAMBLE_SCAN = 20;

const filledCells = (cells: readonly Cell[]): number => cells.reduce<number>((n, c) => (c === null || (typeof c === "string" && c.trim() === "") ? n : n + 1), 0);

/** The width most of the rows have (the larger at a tie): the table's, which a title line rarely has. */
function usualWidth(widths: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, n] of counts) if (n > bestCount || (n === bestCount && w > best)) [best, bestCount] = [w, n];
  return best;
}

/**
 * Splits rows read in file order into blank lines, title lines, the header and data rows.
 * The header is the first non-blank row as wide as most of the first rows, with at least half
 * its cells filled: a report's title ("Agent usage, November", "Report,,,,,,,") and "Exported
 * by X on 3 Nov, 2026" lines above it are skipped, and counted, not taken for the header. A
 * file whose first rows agree on no width falls back to the first row with half as many
 * values as the widest.
 */
export function tableOf(format: SourceTable["format"], rows: readonly SourceRow[], delimiter?: Delimiter): SourceTable | null {
  const isBlankRow = (row: SourceRow): boolean => blankCells(row.cells) && row.problem === undefined;
  const head = rows.filter((r) => !isBlankRow(r)).slice(0, PREAMBLE_SCAN);
  if (head.length === 0) return null;
  const usual = usualWidth(head.map((r) => r.cells.length));
  const widest = Math.max(...head.map((r) => r.cells.length));
  const header =
    head.find((r) => r.cells.length >= usual && filledCells(r.cells) * 2 >= usual) ?? head.find((r) => filledCells(r.cells) * 2 >= widest) ?? head[0];
  let headers: string[] | null = null;
  let headerLine = 0;
  let blankLines = 0;
  const preamble: number[] = [];
  const data: SourceRow[] = [];
  for (const row of rows) {
    if (isBlankRow(row)) blankLines++;
    else if (headers === null && row !== header) preamble.push(row.line);
    else if (headers === null) {
      headers = uniqueHeaders(row.cells);
      headerLine = row.line;
    } else data.push(row);
  }
  if (headers === null) return null;
  return { format, headers, headerLine, rows: data, blankLines, preamble, ...(delimiter === undefined ? {} : { delimiter }) };
}

/** Excel writes "sep=;" as a CSV's first line to name its separator. */
const SEP_LINE = /^sep=(.)\n/i;

/** Rows read to guess the separator. */
const GUESS_ROWS = 30;

/**
 * The separator that splits most of the first rows into the same number of values (two or
 * more), the table's width; at a tie the wider, then comma, semicolon, tab, bar. Unlike
 * papaparse's own guess (which adds up how much each row's count differs from the row
 * before), a title line or two above the header do not outweigh the rows that agree.
 */
export function guessDelimiter(text: string): Delimiter {
  let best: Delimiter = ",";
  let bestRows = 0;
  let bestWidth = 0;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, newline: "\n", preview: GUESS_ROWS }).data.filter((r) => !blankCells(r));
    const width = usualWidth(rows.map((r) => r.length));
    const agree = rows.filter((r) => r.length === width).length;
    if (width >= 2 && (agree > bestRows || (agree === bestRows && width > bestWidth))) [best, bestRows, bestWidth] = [delimiter, agree, width];
  }
  return best;
}

/**
 * A CSV's text as a table. Line breaks may be \r\n, \n or a lone \r, mixed in one file (a log
 * appended to by different tools): each counts as one line, as a text editor numbers them, and
 * none hides the header. `delimiter` "auto": Excel's "sep=" line, else guessDelimiter.
 * `badLines`: lines holding bytes that are not UTF-8 (decodeText): each row over one of them
 * is marked, to be rejected. Null if the file has no non-blank row at all.
 */
/**
 * A row of a long log held as its line only (`compact` in readCsv): a row without quotes is its
 * line split at the separator, exactly as papaparse splits it, so its cells are made when read
 * rather than kept (about 80 bytes a row instead of 500: a million rows, 80 MB instead of 500).
 * Not for rows sent to a Worker: structured cloning keeps no getters.
 */
class LineRow implements SourceRow {
  constructor(
    readonly line: number,
    private readonly text: string,
    private readonly delimiter: Delimiter,
  ) {}
  get cells(): readonly Cell[] {
    return this.text.split(this.delimiter);
  }
  get raw(): string {
    return clipRaw(this.text);
  }
}

export function readCsv(text: string, delimiter: Delimiter | "auto" = "auto", badLines?: ReadonlyMap<number, LineBytes>, options: { readonly compact?: boolean } = {}): SourceTable | null {
  // One kind of line break: papaparse splits on one, and a lone \r in a \r\n file would join two lines into a row.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  const sep = SEP_LINE.exec(body);
  let chosen: Delimiter | "auto" = delimiter;
  let offset = 0;
  let line = 1;
  if (sep) {
    if (delimiter === "auto" && DELIMITERS.includes(sep[1] as Delimiter)) chosen = sep[1] as Delimiter;
    offset = sep[0].length;
    line = 2;
  }
  const input = body.slice(offset);
  const used: Delimiter = chosen === "auto" ? guessDelimiter(input) : chosen;
  const rows: SourceRow[] = [];
  let start = 0;
  Papa.parse<string[]>(input, {
    delimiter: used,
    newline: "\n",
    step: (result) => {
      const end = result.meta.cursor;
      // Papaparse reports the end of the input once more as an empty row; it is no line.
      if (end === start && start === input.length) return;
      const slice = input.slice(start, end);
      const unclosed = result.errors.some((e) => e.code === "MissingQuotes");
      const first = line;
      for (let i = slice.indexOf("\n"); i >= 0; i = slice.indexOf("\n", i + 1)) line++;
      // The lines the row spans (a quoted value may break lines): their bytes that are not UTF-8, if any.
      const last = slice.endsWith("\n") ? line - 1 : line;
      let notUtf8: LineBytes | undefined;
      for (let l = first; badLines !== undefined && badLines.size > 0 && l <= last; l++) {
        const bad = badLines.get(l);
        if (bad) notUtf8 = { count: (notUtf8?.count ?? 0) + bad.count, offset: notUtf8?.offset ?? bad.offset };
      }
      // A slice of the input, not a copy (replace would copy every row: 100 MB over a million rows).
      const whole = slice.endsWith("\n") ? input.slice(start, end - 1) : slice;
      if (options.compact && !unclosed && notUtf8 === undefined && !whole.includes('"')) {
        rows.push(new LineRow(first, whole, used));
        start = end;
        return;
      }
      rows.push({
        line: first,
        cells: result.data,
        raw: clipRaw(whole),
        ...(unclosed ? { problem: "unclosedQuote" as const } : {}),
        ...(notUtf8 ? { notUtf8 } : {}),
      });
      start = end;
    },
  });
  return tableOf("csv", rows, used);
}
