/**
 * Excel's value rules, as the evaluator applies them: errors as values, coercion between
 * numbers, text and booleans, comparison order, criteria (SUMIFS/COUNTIFS), rounding and the
 * TEXT formats the template uses. Knows nothing of cells or the description: the resolver
 * (evaluator.ts) hands it values.
 */
import { msFromSerial } from "../../engine";

export type ErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!" | "#REF!" | "#NAME?";

/** An Excel error as a value. */
export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message = "",
  ) {}
}

/** A cell's value; null is an empty cell. */
export type ExcelValue = number | string | boolean | null | CellError;

export interface RangeValue {
  readonly kind: "range";
  readonly rows: readonly (readonly ExcelValue[])[];
}
export type Value = ExcelValue | RangeValue;

export const isRange = (v: Value): v is RangeValue => typeof v === "object" && v !== null && !(v instanceof CellError);

// ---- Excel's coercions ------------------------------------------------------------------

export function toNumber(v: ExcelValue): number | CellError {
  if (v instanceof CellError) return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const text = v.trim();
  const n = text === "" ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : new CellError("#VALUE!", `"${v}" is not a number`);
}

export function toBoolean(v: ExcelValue): boolean | CellError {
  if (v instanceof CellError) return v;
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  const upper = v.toUpperCase();
  return upper === "TRUE" ? true : upper === "FALSE" ? false : new CellError("#VALUE!", `"${v}" is not TRUE or FALSE`);
}

/** A number as Excel's General format writes it in text: up to 15 significant digits. */
export function numberText(n: number): string {
  return String(Number(n.toPrecision(15))).replace("e+", "E+").replace("e-", "E-");
}

export function toText(v: ExcelValue): string | CellError {
  if (v instanceof CellError) return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return typeof v === "number" ? numberText(v) : v;
}

/** A finite result, or #NUM! as Excel gives for an overflow. */
export const finite = (n: number): number | CellError => (Number.isFinite(n) ? n : new CellError("#NUM!", "the result is too large"));

/** Excel's ordering: numbers < text < booleans; text without regard to case; empty as 0 or "". */
export function compare(a: ExcelValue, b: ExcelValue): number {
  const rank = (v: ExcelValue): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let x = a;
  let y = b;
  if (x === null) x = typeof y === "string" ? "" : typeof y === "boolean" ? false : 0;
  if (y === null) y = typeof x === "string" ? "" : typeof x === "boolean" ? false : 0;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "string" && typeof y === "string") {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : 0;
}

// ---- Ranges -------------------------------------------------------------------------------

/** A value used where one value is wanted: a one-cell range is its cell, a bigger one is refused. */
export function single(v: Value): ExcelValue {
  if (!isRange(v)) return v;
  const only = v.rows.length === 1 && v.rows[0]?.length === 1 ? v.rows[0][0] : undefined;
  return only === undefined ? new CellError("#VALUE!", "a range where one value belongs") : only;
}

export const cellsOf = (v: Value): ExcelValue[] => (isRange(v) ? v.rows.flat() : [v]);

/** Two values cell by cell: a single value pairs with every cell; ranges of different sizes are #VALUE!. */
export function elementwise(left: Value, right: Value, f: (a: ExcelValue, b: ExcelValue) => ExcelValue): Value {
  const rowsOf = (v: Value): readonly (readonly ExcelValue[])[] | undefined => (isRange(v) ? v.rows : undefined);
  const a = rowsOf(left);
  const b = rowsOf(right);
  const shape = a ?? b ?? [];
  if (a && b && (a.length !== b.length || (a[0]?.length ?? 0) !== (b[0]?.length ?? 0))) return new CellError("#VALUE!", "ranges of different sizes");
  const at = (v: Value, rows: readonly (readonly ExcelValue[])[] | undefined, r: number, c: number): ExcelValue => (rows ? (rows[r]?.[c] ?? null) : (v as ExcelValue));
  return { kind: "range", rows: shape.map((row, r) => row.map((_, c) => f(at(left, a, r, c), at(right, b, r, c)))) };
}

/** A one-argument function cell by cell over a range, or on one value. */
export function mapValue(v: Value, f: (x: ExcelValue) => ExcelValue): Value {
  return isRange(v) ? { kind: "range", rows: v.rows.map((row) => row.map(f)) } : f(v);
}

/** The median of numbers (Excel's: the mean of the middle two of an even count). */
export function medianOf(ns: readonly number[]): number {
  const sorted = [...ns].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The numbers of the arguments as SUM reads them: a range's numbers only, a value given directly coerced. */
export function numbersOf(args: readonly Value[]): number[] | CellError {
  const out: number[] = [];
  for (const arg of args) {
    if (isRange(arg)) {
      for (const v of arg.rows.flat()) {
        if (v instanceof CellError) return v;
        if (typeof v === "number") out.push(v);
      }
    } else {
      const n = toNumber(arg);
      if (n instanceof CellError) return n;
      out.push(n);
    }
  }
  return out;
}

/**
 * Text as MATCH (type 0) and the criteria of SUMIFS/COUNTIFS read it, in any case: * any
 * run, ? one character, and ~ makes the next character literal (~*, ~?, ~~; a last ~ is
 * itself), as Excel, LibreOffice (xlsx) and HyperFormula do.
 */
export function textPattern(pattern: string): RegExp {
  const literal = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === "~" && i + 1 < pattern.length) source += literal(pattern.charAt(++i));
    else if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += literal(ch);
  }
  return new RegExp(`^${source}$`, "i");
}

/** The cells a criterion's "=" takes (and "<>" leaves): its operand as a number, a text pattern, or nothing (an empty cell). */
function equalTo(operandText: string, operand: ExcelValue): (v: ExcelValue) => boolean {
  if (operandText === "") return (v) => v === null || v === "";
  if (typeof operand === "number") {
    // Numbers by value, text by its characters ("4100" is 4100, "04100" is not), as LibreOffice
    // has it; Excel would read "04100" as 4100 too (docs/model.md §9.10).
    const text = operandText.toLowerCase();
    return (v) => (typeof v === "number" ? v === operand : typeof v === "string" && v.toLowerCase() === text);
  }
  const pattern = textPattern(operandText);
  return (v) => typeof v === "string" && pattern.test(v);
}

/** A criterion of SUMIFS/COUNTIFS ("<5", ">=0.5", "Sales", "=~*", 3) as a test. */
export function criterion(c: ExcelValue): (v: ExcelValue) => boolean {
  if (typeof c !== "string") return (v) => !(v instanceof CellError) && v !== null && typeof v === typeof c && compare(v, c) === 0;
  const match = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c) as RegExpExecArray;
  const operator = match[1] ?? "=";
  const operandText = match[2] ?? "";
  const asNumber = operandText.trim() === "" ? Number.NaN : Number(operandText);
  const operand: ExcelValue = Number.isFinite(asNumber) ? asNumber : operandText;
  if (operator === "=" || operator === "<>") {
    const equal = equalTo(operandText, operand);
    return (v) => !(v instanceof CellError) && equal(v) === (operator === "=");
  }
  return (v) => {
    if (v instanceof CellError) return false;
    if (typeof operand === "number" && typeof v !== "number") return false;
    const order = compare(v, operand);
    switch (operator) {
      case "<":
        return order < 0;
      case ">":
        return order > 0;
      case "<=":
        return order <= 0;
      default:
        return order >= 0;
    }
  };
}

/** The standard normal distribution function, by erfc's continued fraction and series (to about 1e-15). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  let erfc: number;
  if (x < 2.5) {
    // erf by its Taylor series, converging fast for small x.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc by Lentz's continued fraction, converging fast for large x.
    let f = x;
    let c = x;
    let d = 0;
    for (let n = 1; n < 300; n++) {
      const a = n / 2;
      d = x + a * d;
      c = x + a / c;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    erfc = Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
  }
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Excel's ROUND: half away from zero, on the decimal the number shows (15 digits). */
export function round(x: number, digits: number, direction: "nearest" | "up"): number {
  const scale = 10 ** Math.trunc(digits);
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  const whole = direction === "up" ? Math.ceil(scaled) : Math.round(scaled);
  return (Math.sign(x) * whole) / scale;
}

/** TEXT for the formats the template's FORMATS use: fixed decimals, thousands, percent, ISO dates. */
export function formatText(value: number, format: string): string | CellError {
  const date = /^yyyy-mm-dd( hh:mm)?$/.exec(format);
  if (date) {
    const ms = msFromSerial(value);
    const iso = new Date(ms).toISOString();
    return date[1] ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
  }
  const numeric = /^([^0#]*)(#,##)?0(?:\.(0+))?(%?)(.*)$/.exec(format.replace(/"/g, ""));
  if (!numeric) return new CellError("#VALUE!", `TEXT format ${format} is not one the evaluator knows`);
  const [, prefix = "", thousands, decimals = "", percent, suffix = ""] = numeric;
  const shown = round(percent ? value * 100 : value, decimals.length, "nearest");
  const fixed = Math.abs(shown).toFixed(decimals.length);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
  return `${shown < 0 ? "-" : ""}${prefix}${grouped}${fraction ? `.${fraction}` : ""}${percent}${suffix}`;
}
