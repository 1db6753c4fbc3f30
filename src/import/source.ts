/**
 * A usage log file as a table of cells: its header row, then each data row with the line
 * (or sheet row) it starts on and its raw text. CSV is parsed with papaparse; this file
 * adds what a log from the real world needs around it: decoding (UTF-8 with or without a
 * BOM, UTF-16 with a BOM as Excel's "Unicode text" writes, and Windows-1252 for Excel's
 * legacy "CSV" export), Excel's "sep=;" first line, separator detection, blank lines and
 * line numbers that count header, blank lines and line breaks inside quoted values.
 */
import Papa from "papaparse";
import type { Cell } from "./values";

export type Delimiter = "," | ";" | "\t" | "|";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];

export interface SourceRow {
  /** The line (CSV) or sheet row (.xlsx) the row starts on; the header is usually 1. */
  readonly line: number;
  readonly cells: readonly Cell[];
  /** The row as it is in the file, for the Rejects table (clipped to RAW_LIMIT characters). */
  readonly raw: string;
  /** The parser's complaint about this row, if any. */
  readonly problem?: "unclosedQuote";
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

/** The file's text: by its BOM if it has one, else UTF-8, else (invalid UTF-8) Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(body), encoding: "windows-1252" };
  }
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

/**
 * Splits rows read in file order into blank lines, title lines, the header and data rows.
 * The header is the first non-blank row with at least half as many values as the widest of
 * the first rows: a report's title ("Agent usage, November", or "Report,,,,,,,") and
 * "generated on" lines above it are skipped, and counted, not taken for the header.
 */
export function tableOf(format: SourceTable["format"], rows: readonly SourceRow[], delimiter?: Delimiter): SourceTable | null {
  const isBlankRow = (row: SourceRow): boolean => blankCells(row.cells) && row.problem === undefined;
  const head = rows.filter((r) => !isBlankRow(r)).slice(0, PREAMBLE_SCAN);
  if (head.length === 0) return null;
  const widest = Math.max(...head.map((r) => r.cells.length));
  const header = head.find((r) => filledCells(r.cells) * 2 >= widest) ?? head[0];
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
const SEP_LINE = /^sep=(.)\r?\n/i;

/**
 * A CSV's text as a table. `delimiter` "auto" lets papaparse guess among comma, semicolon,
 * tab and bar (the one that splits the first rows most consistently). Null if the file has
 * no non-blank row at all.
 */
export function readCsv(text: string, delimiter: Delimiter | "auto" = "auto"): SourceTable | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = SEP_LINE.exec(body);
  let chosen: string = delimiter === "auto" ? "" : delimiter;
  let offset = 0;
  let line = 1;
  if (sep) {
    if (delimiter === "auto" && DELIMITERS.includes(sep[1] as Delimiter)) chosen = sep[1] as Delimiter;
    offset = sep[0].length;
    line = 2;
  }
  const input = body.slice(offset);
  const rows: SourceRow[] = [];
  let start = 0;
  let used: string = chosen;
  // Lines are counted by "\n", except in a file that breaks lines with "\r" alone.
  const breakChar = /\r(?!\n)/.test(input.slice(0, 65_536)) && !input.includes("\n") ? "\r" : "\n";
  Papa.parse<string[]>(input, {
    delimiter: chosen,
    delimitersToGuess: [...DELIMITERS],
    step: (result) => {
      const end = result.meta.cursor;
      // Papaparse reports the end of the input once more as an empty row; it is no line.
      if (end === start && start === input.length) return;
      used = result.meta.delimiter;
      const slice = input.slice(start, end);
      const unclosed = result.errors.some((e) => e.code === "MissingQuotes");
      rows.push({ line, cells: result.data, raw: clipRaw(slice.replace(/\r?\n$|\r$/, "")), ...(unclosed ? { problem: "unclosedQuote" as const } : {}) });
      for (let i = slice.indexOf(breakChar); i >= 0; i = slice.indexOf(breakChar, i + 1)) line++;
      start = end;
    },
  });
  return tableOf("csv", rows, (DELIMITERS as readonly string[]).includes(used) ? (used as Delimiter) : ",");
}
