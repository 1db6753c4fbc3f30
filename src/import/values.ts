/**
 * Reading one cell of a usage log as a number, a yes/no or an outcome status. A CSV gives
 * text; an .xlsx gives typed cells (numbers, booleans, dates), so every reader takes both.
 * Each returns the value or why it could not; the importer turns that into a reject reason (data).
 */
import { EXCEL_CELL_LIMITS } from "../excel/literals";
import type { OutcomeStatus } from "../engine/ledger-types";

/** A cell as a reader hands it over: CSV cells are strings; .xlsx cells keep their type. */
export type Cell = string | number | boolean | Date | null;

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: "notANumber" | "beyondExcel" | "notABoolean" | "notAStatus" };


/** Within what a cell holds: finite and no larger than Excel's largest number. */
const holdable = (n: number): boolean => Number.isFinite(n) && Math.abs(n) <= EXCEL_CELL_LIMITS.largestNumber;

export type DecimalMark = "." | ",";

const ok = <T>(value: T): Read<T> => ({ ok: true, value });

/** Blank: nothing, or only spaces. */
export const isBlank = (cell: Cell): boolean => cell === null || (typeof cell === "string" && cell.trim() === "");

/** The cell's text as the file shows it (for reasons and the raw row). */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
  return String(cell);
}

// ---- Numbers ------------------------------------------------------------------------------

/** Spaces of every width and apostrophes (Swiss 1'200) group thousands; they are never decimals. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009'\u2019]/g;
const CURRENCY = /^[$€£¥]|[$€£¥]$/g;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number written with `decimal` as its decimal mark. The other mark may group
 * thousands, but only in groups of three ("1,200.5" or "1.200,5"), so a value written in
 * the other convention ("1,5" read with a point) is refused rather than misread.
 * Accounting negatives "(12)" read as -12, so the reason given is "negative", not "not a number".
 * A number beyond what an Excel cell holds (EXCEL_CELL_LIMITS) is "beyondExcel".
 */
export function parseNumber(cell: Cell, decimal: DecimalMark): Read<number> {
  if (typeof cell === "number") return Number.isNaN(cell) ? { ok: false, problem: "notANumber" } : holdable(cell) ? ok(cell) : { ok: false, problem: "beyondExcel" };
  if (typeof cell !== "string") return { ok: false, problem: "notANumber" };
  let text = cell.trim().replace(CURRENCY, "").trim();
  let sign = 1;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    sign = -1;
    text = (accounting[1] ?? "").trim();
  }
  text = text.replace(GROUP_SPACES, "");
  const group = decimal === "." ? "," : ".";
  if (text.includes(group)) {
    const [whole = "", fraction, ...more] = text.split(decimal);
    const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})+$`);
    if (more.length > 0 || !grouped.test(whole)) return { ok: false, problem: "notANumber" };
    text = whole.split(group).join("") + (fraction === undefined ? "" : `${decimal}${fraction}`);
  }
  if (decimal === ",") text = text.replace(",", ".");
  if (!PLAIN.test(text)) return { ok: false, problem: "notANumber" };
  // "1e400" reads as Infinity and "1e308" as more than a cell holds: refused, never written as a blank.
  const n = sign * Number(text);
  return holdable(n) ? ok(n) : { ok: false, problem: "beyondExcel" };
}

/**
 * Which decimal mark a file's number cells use. Evidence is a mark followed by other than
 * exactly three digits ("1,5", "12.25") or both marks in one value ("1.200,5"); "1,200"
 * alone could be either. The mark with more evidence wins (a stray value written the other
 * way is then rejected, not allowed to flip the file). Without evidence, or as much each way,
 * a semicolon-separated file is taken as decimal-comma (why Excel writes semicolons) and any
 * other as decimal-point; `undecided` counts the values ("1,200") that choice decides.
 */
export function detectDecimal(cells: Iterable<Cell>, delimiter: string): { mark: DecimalMark; evidence: boolean; undecided: number } {
  let comma = 0;
  let point = 0;
  let undecided = 0;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const text = cell.replace(GROUP_SPACES, "");
    if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(text) || /^[+-]?\d*,(\d{1,2}|\d{4,})$/.test(text)) comma++;
    else if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(text) || /^[+-]?\d*\.(\d{1,2}|\d{4,})$/.test(text)) point++;
    else if (/^[+-]?\d{1,3}([.,]\d{3})+$/.test(text)) undecided++;
  }
  if (comma !== point) return { mark: comma > point ? "," : ".", evidence: true, undecided };
  return { mark: delimiter === ";" ? "," : ".", evidence: false, undecided };
}

/** Text as the ledger keeps it: trimmed, and every run of spaces or line breaks one space (so "Research  EMEA" and a re-saved file agree). */
export const cleanText = (cell: Cell): string => cellText(cell).trim().replace(/\s+/g, " ");

// ---- Yes / no -----------------------------------------------------------------------------

/** Words for yes and no, including Excel's TRUE and FALSE as German, French, Spanish, Italian, Dutch and Portuguese Excel export them. */
const TRUE_WORDS = new Set(["true", "t", "yes", "y", "1", "wahr", "vrai", "verdadero", "vero", "waar", "verdadeiro", "ja", "oui", "si", "sí"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "0", "falsch", "faux", "falso", "onwaar", "nein", "non", "nee", "não", "nao"]);

export function parseBoolean(cell: Cell): Read<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  if (typeof cell === "number") return cell === 1 || cell === 0 ? ok(cell === 1) : { ok: false, problem: "notABoolean" };
  const word = cellText(cell).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return { ok: false, problem: "notABoolean" };
}

// ---- Outcome status -----------------------------------------------------------------------

/**
 * The synonym table (src/import/README.md): words a log uses for each outcome, compared
 * without case, and with spaces, hyphens and underscores alike. "Accepted", "approved" and
 * "verified" mean someone or something checked the work, so validated; "rejected" means
 * they refused it, so failed. Cancelled and timed-out actions consumed units without an
 * outcome, so failed too. A blank status is "attempted" (nothing says it succeeded).
 */
export const STATUS_SYNONYMS: Readonly<Record<OutcomeStatus, readonly string[]>> = {
  attempted: ["attempted", "attempt", "started", "running", "in progress", "pending", "queued", "submitted", "unknown"],
  succeeded: ["succeeded", "success", "successful", "succeed", "ok", "completed", "complete", "done", "finished", "resolved"],
  validated: ["validated", "valid", "accepted", "approved", "verified", "confirmed"],
  failed: ["failed", "fail", "failure", "error", "errored", "rejected", "declined", "cancelled", "canceled", "aborted", "timeout", "timed out", "timedout"],
};

const STATUS_WORDS: ReadonlyMap<string, OutcomeStatus> = new Map(
  (Object.entries(STATUS_SYNONYMS) as [OutcomeStatus, readonly string[]][]).flatMap(([status, words]) => words.map((w) => [w, status] as const)),
);

export const statusWord = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

export function parseStatus(cell: Cell): Read<OutcomeStatus> {
  if (isBlank(cell)) return ok("attempted");
  const status = STATUS_WORDS.get(statusWord(cellText(cell)));
  return status ? ok(status) : { ok: false, problem: "notAStatus" };
}
