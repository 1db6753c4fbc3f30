/**
 * Arguments as a person types them into the pane, read the way Excel reads a formula's
 * arguments: numbers, "text", TRUE/FALSE and array constants ({0.6;0.3;0.1}). Pure, so the
 * preview, the reference and the tests share one reading.
 */
import { formatNumber } from "../messages";

export type ArgScalar = number | string | boolean;
/** An argument as Excel passes it to a function: null when left empty, else a value or a matrix. */
export type ArgValue = null | ArgScalar | ArgScalar[][];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;

/** One element: a number (a trailing % divides by 100, as Excel does), TRUE/FALSE, "quoted" or bare text. */
function parseScalar(text: string): ArgScalar {
  const t = text.trim();
  if (NUMBER.test(t)) return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  // A quoted string, with "" standing for one quote as in Excel; bare text is taken as typed.
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replaceAll('""', '"');
  return t;
}

/** Splits on a separator outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** An argument's text: empty → null (left out), {a,b;c,d} → a matrix (comma: next column, semicolon: next row). */
export function parseArgument(text: string): ArgValue {
  const t = text.trim();
  if (t === "") return null;
  if (t.startsWith("{") && t.endsWith("}")) {
    return splitOutsideQuotes(t.slice(1, -1), ";").map((row) => splitOutsideQuotes(row, ",").map(parseScalar));
  }
  return parseScalar(t);
}

/** How a value is written inside a formula. */
export function literal(value: ArgScalar | ArgScalar[][]): string {
  if (Array.isArray(value)) return `{${value.map((row) => row.map((cell) => literal(cell)).join(",")).join(";")}}`;
  if (typeof value === "string") return `"${value.replaceAll('"', '""')}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** The formula a cell would hold: empty arguments stay as gaps, trailing ones are dropped. */
export function formulaOf(id: string, args: readonly ArgValue[]): string {
  let end = args.length;
  while (end > 0 && args[end - 1] === null) end--;
  return `=AWU.${id}(${args
    .slice(0, end)
    .map((arg) => (arg === null ? "" : literal(arg)))
    .join(", ")})`;
}

/** What an argument's input box shows for an example's value (array constants in Excel's syntax). */
export function argumentText(value: ArgValue): string {
  return value === null ? "" : literal(value);
}

/** A result cell as the pane shows it. */
export function displayValue(value: ArgScalar): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}
