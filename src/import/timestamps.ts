/**
 * Reading a usage log's timestamp cell as ms since the epoch (UTC).
 *
 * Accepted: ISO 8601 dates and date-times ("2026-11-03", "2026-11-03T14:05:00.123Z",
 * "2026-11-03 14:05", "+02:00"/"+0200"/"Z"/"UTC" zones); numeric dates with slashes, dashes
 * or dots and an optional time ("11/03/2026 2:05 PM", "03.11.2026 14:05"); dates with
 * English month names ("3 Nov 2026", "Nov 3, 2026 14:05", "03-Nov-2026"); Excel date
 * serials (numbers below 100,000, or a typed .xlsx date); Unix epoch seconds and ms.
 *
 * Times without a zone are taken as UTC: the ledger keeps the log's own clock, and a day's
 * consumption is the day the log says. Two-digit years are 20yy. A timestamp before 2000 or
 * after 2099 is refused as implausible: it usually means the wrong column is mapped.
 *
 * Day or month first: "03/11/2026" is 3 November (DMY) or 11 March (MDY). The mapping
 * holds the file's order ("DMY", "MDY" or "auto"). Auto decides from the file: a first
 * number above 12 proves day-first, a second above 12 proves month-first. A value that is
 * the same either way ("05/05/2026") is always read. An ambiguous value in a file that
 * proves neither order (or both) is rejected with a reason that says to choose the order;
 * it is never guessed. Dotted dates ("03.11.2026") are day-first by convention everywhere.
 */
import { msFromSerial } from "../engine/dates";
import type { Cell } from "./values";

export type DateOrder = "DMY" | "MDY";
/** What the mapping says: a fixed order, or decide from the file. */
export type DateOrderSetting = DateOrder | "auto";

export type TimestampRead =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly problem: "notADate" | "implausibleDate" | "notInOrder" }
  | { readonly ok: false; readonly problem: "ambiguousDate" | "mixedDateOrder"; readonly dayFirst: number; readonly monthFirst: number };

export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2100, 0, 1);

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const TIME = String.raw`(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?`;
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}${ZONE}$`, "i");
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}${ZONE}$`, "i");
const DAY_NAME = new RegExp(String.raw`^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})${TIME}${ZONE}$`, "i");
const NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}$`, "i");
/** A weekday in front ("Tue, 3 Nov 2026", "Tuesday Nov 3, 2026") adds nothing. */
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

const monthOf = (name: string): number => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  // Full names must be real month names, not any word starting like one.
  return i >= 0 && (name.length === 3 || "january february march april may june july august september october november december".split(" ").includes(name.toLowerCase())) ? i + 1 : 0;
};

const fullYear = (text: string): number => (text.length === 2 ? 2000 + Number(text) : Number(text));

/** Offset of a zone designator in minutes east of UTC; null if it is not one. */
function zoneMinutes(zone: string | undefined): number | null {
  if (zone === undefined || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? "0");
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number): number => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (DAYS[month - 1] ?? 0));

/** UTC ms for calendar fields, or null when a field is out of range (31 February, 25:00). */
function compose(year: number, month: number, day: number, time: readonly (string | undefined)[], zone: string | undefined): number | null {
  const [h, mi, s, fraction, meridiem] = time;
  let hour = Number(h ?? "0");
  const minute = Number(mi ?? "0");
  const second = Number(s ?? "0");
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/p/i.test(meridiem) ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysIn(year, month)) return null;
  const offset = zoneMinutes(zone);
  if (offset === null) return null;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

const plausible = (ms: number): TimestampRead => (ms >= EARLIEST_MS && ms < LATEST_MS ? { ok: true, value: ms } : { ok: false, problem: "implausibleDate" });

/** A number as a timestamp: an Excel serial (< 100,000 days), epoch seconds (10 digits) or epoch ms (13). */
function fromNumber(n: number): TimestampRead {
  if (!Number.isFinite(n) || n <= 0) return { ok: false, problem: "notADate" };
  if (n < 100_000) return plausible(msFromSerial(n));
  if (n >= 1e9 && n < 1e11) return plausible(Math.round(n * 1000));
  if (n >= 1e11 && n < 1e14) return plausible(Math.round(n));
  return { ok: false, problem: "notADate" };
}

/** The two numbers of a day/month-ambiguous date, or null if the text is not one. */
export function dayMonthPair(text: string): [number, number] | null {
  const m = NUMERIC.exec(text.trim());
  if (!m || m[2] === ".") return null;
  return [Number(m[1]), Number(m[3])];
}

export interface OrderEvidence {
  /** The order the file proves, or null if it proves neither or both. */
  readonly order: DateOrder | null;
  readonly dayFirst: boolean;
  readonly monthFirst: boolean;
  /** Values that read differently day-first and month-first. */
  readonly ambiguous: number;
}

/** What a timestamp column proves about its day/month order. */
export function detectDateOrder(cells: Iterable<Cell>): OrderEvidence {
  let dayFirst = false;
  let monthFirst = false;
  let ambiguous = 0;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const pair = dayMonthPair(cell);
    if (!pair) continue;
    const [a, b] = pair;
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) monthFirst = true;
    else if (a <= 12 && b <= 12 && a !== b) ambiguous++;
  }
  return { order: dayFirst === monthFirst ? null : dayFirst ? "DMY" : "MDY", dayFirst, monthFirst, ambiguous };
}

const read = (ms: number | null): TimestampRead => (ms === null ? { ok: false, problem: "notADate" } : plausible(ms));

/** "03/11/2026 14:05": which number is the day comes from the value itself, the file's order, or nowhere. */
function readNumeric(m: RegExpExecArray, order: DateOrder | null, mixed: boolean): TimestampRead {
  const a = Number(m[1]);
  const b = Number(m[3]);
  const dotted = m[2] === ".";
  const year = fullYear(m[4] ?? "");
  const at = (month: number, day: number): number | null => compose(year, month, day, m.slice(5, 10), m[10]);
  // Dots are day-first by convention; a number above 12 can only be the day.
  const proof: DateOrder | null = dotted ? "DMY" : a > 12 && b <= 12 ? "DMY" : b > 12 && a <= 12 ? "MDY" : null;
  // The value proves an order the mapping contradicts: refuse rather than swap.
  if (!dotted && proof !== null && order !== null && proof !== order) return { ok: false, problem: "notInOrder" };
  // The same number twice reads the same either way.
  const use = proof ?? (a === b ? "DMY" : order);
  if (use === null) {
    const dayFirst = at(b, a);
    const monthFirst = at(a, b);
    if (dayFirst === null || monthFirst === null) return { ok: false, problem: "notADate" };
    return { ok: false, problem: mixed ? "mixedDateOrder" : "ambiguousDate", dayFirst, monthFirst };
  }
  return read(use === "DMY" ? at(b, a) : at(a, b));
}

/**
 * A timestamp cell as UTC ms. `order` is the file's day/month order as decided (the
 * mapping's, or the evidence's), or null when undecided; `mixed` says the file proved both.
 */
export function parseTimestamp(cell: Cell, order: DateOrder | null, mixed = false): TimestampRead {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, problem: "notADate" } : plausible(cell.getTime());
  if (typeof cell === "number") return fromNumber(cell);
  if (typeof cell !== "string") return { ok: false, problem: "notADate" };
  const text = cell.trim().replace(WEEKDAY, "");
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));

  const iso = ISO.exec(text);
  if (iso) return read(compose(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso.slice(4, 9), iso[9]));
  const numeric = NUMERIC.exec(text);
  if (numeric) return readNumeric(numeric, order, mixed);
  const dayName = DAY_NAME.exec(text);
  if (dayName) return read(compose(fullYear(dayName[3] ?? ""), monthOf(dayName[2] ?? ""), Number(dayName[1]), dayName.slice(4, 9), dayName[9]));
  const nameDay = NAME_DAY.exec(text);
  if (nameDay) return read(compose(Number(nameDay[3]), monthOf(nameDay[1] ?? ""), Number(nameDay[2]), nameDay.slice(4, 9), nameDay[9]));
  return { ok: false, problem: "notADate" };
}
