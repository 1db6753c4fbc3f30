/**
 * A small evaluator of the description's formulas over its own input values: what the file
 * writer needs for a cell whose AWU call has no native formula (it writes the value), and
 * for the results cached in the file (shown by viewers that do not recalculate). AWU calls
 * go through the catalog's one gate, exactly as in Excel; native functions are the handful
 * formula.ts allows, with Excel's rules for coercion, comparison and errors.
 */
import { LAST_EXCEL_SERIAL, errorKind, msFromSerial, normalQuantile, serialFromLocalDate, serialFromMs, type Problem } from "../../engine";
import { messageFor } from "../../messages";
import { specOf, todaysRates } from "../../functions/catalog";
import { applyFunction } from "../../functions/gate";
import type { Rates } from "../../functions/params";
import { address as cellAddress, parseAddress } from "../model/address";
import { sheetCells, type PlacedCell } from "../model/cells";
import type { Expr, NativeFunction } from "../model/formula";
import { dataRowCount, tableColumnRange, tableHeaderCell, valueCell } from "../model/layout";
import type { TableBlock, TemplateDescription } from "../model/description";
import { CellError, cellsOf, compare, criterion, elementwise, finite, formatText, isRange, mapValue, medianOf, normalCdf, numbersOf, round, single, textPattern, toBoolean, toNumber, toText, type ExcelValue, type RangeValue, type Value } from "./excel-values";

export { CellError, type ErrorCode, type ExcelValue } from "./excel-values";

export interface EvaluatorOptions {
  /** Today's rate card for AWU defaults; the catalog's by default. */
  readonly rates?: Rates;
  /** The clock TODAY() and NOW() read. */
  readonly now?: () => Date;
}

export interface WorkbookEvaluator {
  /** A cell's value: its input, or its formula's result; null when the description puts nothing there. */
  cell(sheet: string, address: string): ExcelValue;
}

interface TablePlace {
  readonly sheet: string;
  readonly block: TableBlock;
  /** The first data row and the table's first column, 1-based. */
  readonly firstRow: number;
  readonly firstColumn: number;
}



/**
 * Excel's DATE: a year below 1900 is counted from 1900, and months and days past their end
 * (or below 1) roll into the next (or previous) month and year, as Excel and LibreOffice do.
 */
function dateSerial(year: number, month: number, day: number): number | CellError {
  const y = year >= 0 && year < 1900 ? year + 1900 : year;
  if (y < 0 || y > 9999) return new CellError("#NUM!", "DATE's year is outside 0–9999");
  // Date.UTC reads a year 0–99 as 1900–1999: set it on a date object instead.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(y, month - 1, day);
  const serial = serialFromMs(date.getTime());
  return serial < 0 || serial > LAST_EXCEL_SERIAL ? new CellError("#NUM!", "DATE is outside Excel's dates") : serial;
}

/** The Excel error a problem surfaces as. */
function errorOf(problem: Problem): CellError {
  const kind = errorKind(problem);
  return new CellError(kind === "number" ? "#NUM!" : kind === "notAvailable" ? "#N/A" : "#VALUE!", messageFor(problem));
}

// ---- The evaluator ------------------------------------------------------------------------

/** An evaluator of every cell the description places, memoised; a circular reference is an error. */
export function workbookEvaluator(description: TemplateDescription, options: EvaluatorOptions = {}): WorkbookEvaluator {
  const rates = options.rates ?? todaysRates;
  const now = options.now ?? (() => new Date());
  const placed = new Map<string, Map<string, PlacedCell>>();
  const names = new Map<string, { sheet: string; address: string }>();
  const tables = new Map<string, TablePlace>();
  for (const sheet of description.sheets) {
    placed.set(sheet.name, new Map(sheetCells(sheet).map((c) => [c.address, c])));
    for (const block of sheet.blocks) {
      if (block.kind === "cells") block.cells.forEach((c, i) => c.name && names.set(c.name.toLowerCase(), { sheet: sheet.name, address: valueCell(block, i) }));
      if (block.kind === "table") {
        const header = parseAddress(tableHeaderCell(block));
        tables.set(block.name.toLowerCase(), { sheet: sheet.name, block, firstRow: header.row + 1, firstColumn: header.column });
        // A named column is a name on its data range.
        for (const c of block.columns) if (c.name) names.set(c.name.toLowerCase(), { sheet: sheet.name, address: tableColumnRange(block, c.header).replace(/\$/g, "") });
      }
    }
  }

  const memo = new Map<string, ExcelValue>();
  const busy = new Set<string>();

  function cell(sheet: string, address: string): ExcelValue {
    const at = parseAddress(address);
    const key = `${sheet}!${cellAddress(at)}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const sheetCellsByAddress = placed.get(sheet);
    if (!sheetCellsByAddress) return new CellError("#REF!", `no sheet ${sheet}`);
    const content = sheetCellsByAddress.get(cellAddress(at));
    let value: ExcelValue;
    if (!content) value = null;
    else if (!("formula" in content.content)) value = content.content.value;
    else {
      if (busy.has(key)) return new CellError("#REF!", `circular reference at ${key}`);
      busy.add(key);
      value = single(expr(content.content.formula, { sheet, row: at.row }));
      // A formula that gives an empty cell shows 0, as in Excel.
      if (value === null) value = 0;
      busy.delete(key);
    }
    memo.set(key, value);
    return value;
  }

  function range(sheet: string, from: { row: number; column: number }, to: { row: number; column: number }): RangeValue {
    const rows: ExcelValue[][] = [];
    for (let r = from.row; r <= to.row; r++) {
      const row: ExcelValue[] = [];
      for (let c = from.column; c <= to.column; c++) row.push(cell(sheet, cellAddress({ row: r, column: c })));
      rows.push(row);
    }
    return { kind: "range", rows };
  }

  interface Context {
    readonly sheet: string;
    /** The row of the cell being computed: where a this-row reference reads. */
    readonly row: number;
  }

  function expr(e: Expr, ctx: Context): Value {
    switch (e.op) {
      case "num":
      case "str":
      case "bool":
        return e.value;
      case "error":
        return new CellError(e.code);
      case "name": {
        const target = names.get(e.name.toLowerCase());
        if (!target) return new CellError("#NAME?", `no name ${e.name}`);
        return target.address.includes(":") ? expr({ op: "ref", sheet: target.sheet, address: target.address }, ctx) : cell(target.sheet, target.address);
      }
      case "column": {
        const place = tables.get(e.table.toLowerCase());
        const index = place?.block.columns.findIndex((c) => c.header === e.column) ?? -1;
        if (!place || index < 0) return new CellError("#REF!", `no column ${e.table}[${e.column}]`);
        const column = place.firstColumn + index;
        const lastRow = place.firstRow + dataRowCount(place.block) - 1;
        if (!e.thisRow) return range(place.sheet, { row: place.firstRow, column }, { row: lastRow, column });
        if (ctx.sheet !== place.sheet || ctx.row < place.firstRow || ctx.row > lastRow) return new CellError("#VALUE!", `${e.table}[@${e.column}] outside the table's rows`);
        return cell(place.sheet, cellAddress({ row: ctx.row, column }));
      }
      case "ref": {
        const [from, to] = e.address.split(":") as [string, string | undefined];
        if (to === undefined) return cell(e.sheet, from);
        const a = parseAddress(from);
        const b = parseAddress(to);
        return range(e.sheet, { row: Math.min(a.row, b.row), column: Math.min(a.column, b.column) }, { row: Math.max(a.row, b.row), column: Math.max(a.column, b.column) });
      }
      case "awu":
        return awuCall(e.fn, e.args, ctx);
      case "call":
        return native(e.fn, e.args, ctx);
      case "negate": {
        const n = toNumber(single(expr(e.arg, ctx)));
        return n instanceof CellError ? n : -n;
      }
      case "percent": {
        const n = toNumber(single(expr(e.arg, ctx)));
        return n instanceof CellError ? n : n / 100;
      }
      case "binary": {
        // On a range, operators work cell by cell, as inside SUMPRODUCT (and everywhere in dynamic-array Excel).
        const left = expr(e.left, ctx);
        const right = expr(e.right, ctx);
        if (!isRange(left) && !isRange(right)) return binary(e.operator, left, right);
        return elementwise(left, right, (a, b) => binary(e.operator, a, b));
      }
    }
  }

  function binary(operator: Extract<Expr, { op: "binary" }>["operator"], left: ExcelValue, right: ExcelValue): ExcelValue {
    if (left instanceof CellError) return left;
    if (right instanceof CellError) return right;
    if (operator === "&") {
      const a = toText(left);
      const b = toText(right);
      return a instanceof CellError ? a : b instanceof CellError ? b : a + b;
    }
    if (["=", "<>", "<", ">", "<=", ">="].includes(operator)) {
      const order = compare(left, right);
      return operator === "="
        ? order === 0
        : operator === "<>"
          ? order !== 0
          : operator === "<"
            ? order < 0
            : operator === ">"
              ? order > 0
              : operator === "<="
                ? order <= 0
                : order >= 0;
    }
    const a = toNumber(left);
    const b = toNumber(right);
    if (a instanceof CellError) return a;
    if (b instanceof CellError) return b;
    switch (operator) {
      case "+":
        return finite(a + b);
      case "-":
        return finite(a - b);
      case "*":
        return finite(a * b);
      case "/":
        return b === 0 ? new CellError("#DIV/0!") : finite(a / b);
      default:
        return finite(a ** b);
    }
  }

  /** An AWU call through the catalog's gate, with arguments shaped as Excel passes them. */
  function awuCall(fn: string, args: readonly (Expr | null)[], ctx: Context): ExcelValue {
    const raw: unknown[] = [];
    for (const arg of args) {
      if (arg === null) {
        raw.push(null);
        continue;
      }
      const v = expr(arg, ctx);
      const cells = isRange(v) ? v.rows : [[v]];
      for (const c of cells.flat()) if (c instanceof CellError) return c;
      raw.push(cells);
    }
    const grid = applyFunction(specOf(fn), raw, rates, errorOf);
    // A table function spills; one cell holds its first value.
    return grid[0]?.[0] ?? null;
  }

  function native(fn: NativeFunction, args: readonly Expr[], ctx: Context): Value {
    const value = (i: number): ExcelValue => {
      const a = args[i];
      return a === undefined ? null : single(expr(a, ctx));
    };
    const number = (i: number, fallback?: number): number | CellError => (args[i] === undefined && fallback !== undefined ? fallback : toNumber(value(i)));
    const all = (): Value[] => args.map((a) => expr(a, ctx));
    const numeric = (f: (n: number) => number | CellError, i = 0): ExcelValue => {
      const n = number(i);
      return n instanceof CellError ? n : f(n);
    };
    switch (fn) {
      case "IF": {
        const test = toBoolean(value(0));
        if (test instanceof CellError) return test;
        return test ? value(1) : args.length > 2 ? value(2) : false;
      }
      case "IFERROR": {
        const v = value(0);
        return v instanceof CellError ? value(1) : v;
      }
      case "AND":
      case "OR":
      case "NOT": {
        const flags: boolean[] = [];
        for (const v of all().flatMap(cellsOf)) {
          const b = toBoolean(v);
          if (b instanceof CellError) return b;
          flags.push(b);
        }
        return fn === "AND" ? flags.every(Boolean) : fn === "OR" ? flags.some(Boolean) : !flags[0];
      }
      case "SUM":
      case "AVERAGE":
      case "MIN":
      case "MAX":
      case "MEDIAN": {
        const ns = numbersOf(all());
        if (ns instanceof CellError) return ns;
        if (fn === "MEDIAN") return ns.length === 0 ? new CellError("#NUM!", "MEDIAN of no numbers") : medianOf(ns);
        if (fn === "SUM") return finite(ns.reduce((s, n) => s + n, 0));
        if (fn === "AVERAGE") return ns.length === 0 ? new CellError("#DIV/0!") : ns.reduce((s, n) => s + n, 0) / ns.length;
        return ns.length === 0 ? 0 : fn === "MIN" ? Math.min(...ns) : Math.max(...ns);
      }
      case "COUNT":
        // Numbers only: text, empty cells and errors are not counted.
        return all()
          .flatMap((v) => (isRange(v) ? v.rows.flat() : [toNumber(v)]))
          .filter((v) => typeof v === "number").length;
      case "COUNTA":
        return all()
          .flatMap(cellsOf)
          .filter((v) => v !== null).length;
      case "SUMPRODUCT": {
        const ranges = all().map((v) => (isRange(v) ? v.rows : [[v]]));
        const first = ranges[0] ?? [];
        const width = first[0]?.length ?? 0;
        if (ranges.some((r) => r.length !== first.length || (r[0]?.length ?? 0) !== width)) return new CellError("#VALUE!", "SUMPRODUCT's ranges differ in size");
        let total = 0;
        for (let r = 0; r < first.length; r++)
          for (let c = 0; c < width; c++) {
            let product = 1;
            for (const range of ranges) {
              const v = range[r]?.[c] ?? null;
              if (v instanceof CellError) return v;
              product *= typeof v === "number" ? v : 0;
            }
            total += product;
          }
        return finite(total);
      }
      case "SUMIFS":
      case "COUNTIFS":
      case "MAXIFS": {
        const values = all();
        const sumRange = fn === "COUNTIFS" ? undefined : cellsOf(values[0] ?? null);
        const pairs = values.slice(fn === "COUNTIFS" ? 0 : 1);
        const ranges: ExcelValue[][] = [];
        const criteria: Value[] = [];
        for (let i = 0; i + 1 < pairs.length; i += 2) {
          ranges.push(cellsOf(pairs[i] ?? null));
          criteria.push(pairs[i + 1] ?? null);
        }
        const size = sumRange?.length ?? ranges[0]?.length ?? 0;
        if (ranges.some((r) => r.length !== size)) return new CellError("#VALUE!", `${fn}'s ranges differ in size`);
        const once = (given: readonly ExcelValue[]): ExcelValue => {
          const tests = given.map(criterion);
          let total = 0;
          // MAXIFS over the numbers that match; 0 when none does, as Excel gives.
          let extreme: number | undefined;
          for (let i = 0; i < size; i++) {
            if (!tests.every((test, t) => test(ranges[t]?.[i] ?? null))) continue;
            const v = sumRange ? sumRange[i] : 1;
            if (v instanceof CellError && fn !== "COUNTIFS") return v;
            if (typeof v !== "number") continue;
            total += v;
            if (extreme === undefined || v > extreme) extreme = v;
          }
          return fn === "MAXIFS" ? (extreme ?? 0) : total;
        };
        // A criterion given as a range (inside SUMPRODUCT) gives one result per its cell, as Excel's array evaluation does.
        const shaped = criteria.find((c): c is RangeValue => isRange(c) && cellsOf(c).length > 1);
        if (!shaped) return once(criteria.map((c) => single(c)));
        const width = shaped.rows[0]?.length ?? 0;
        if (criteria.some((c) => isRange(c) && cellsOf(c).length > 1 && (c.rows.length !== shaped.rows.length || (c.rows[0]?.length ?? 0) !== width)))
          return new CellError("#VALUE!", `${fn}'s criteria differ in size`);
        const at = (c: Value, r: number, k: number): ExcelValue => (isRange(c) && cellsOf(c).length > 1 ? (c.rows[r]?.[k] ?? null) : single(c));
        return { kind: "range", rows: shaped.rows.map((row, r) => row.map((_, k) => once(criteria.map((c) => at(c, r, k))))) };
      }
      case "INDEX": {
        const source = args[0] ? expr(args[0], ctx) : null;
        const rows = isRange(source) ? source.rows : [[single(source)]];
        const r = number(1);
        const c = number(2, 1);
        if (r instanceof CellError) return r;
        if (c instanceof CellError) return c;
        // One row or one column: the index counts along it.
        const vector = rows.length === 1 && args.length === 2;
        const v = vector ? rows[0]?.[Math.trunc(r) - 1] : rows[Math.trunc(r) - 1]?.[Math.trunc(c) - 1];
        return v === undefined ? new CellError("#REF!", "INDEX is outside the range") : v;
      }
      case "MATCH": {
        const sought = value(0);
        if (sought instanceof CellError) return sought;
        const within = args[1] ? cellsOf(expr(args[1], ctx)) : [];
        const type = number(2, 1);
        if (type instanceof CellError) return type;
        let found = -1;
        // Exact match of text reads wildcards, as a criterion does (~ escapes them).
        const pattern = type === 0 && typeof sought === "string" ? textPattern(sought) : undefined;
        within.forEach((v, i) => {
          if (v instanceof CellError || v === null) return;
          if (pattern) {
            if (found < 0 && typeof v === "string" && pattern.test(v)) found = i;
            return;
          }
          const order = compare(v, sought);
          if (type === 0) {
            if (found < 0 && (typeof v === typeof sought || (typeof v === "number") === (typeof sought === "number")) && order === 0) found = i;
          } else if (type > 0 ? order <= 0 : order >= 0) found = i;
        });
        return found < 0 ? new CellError("#N/A", "MATCH found nothing") : found + 1;
      }
      case "ROUND":
      case "ROUNDUP": {
        const x = number(0);
        const digits = number(1, 0);
        if (x instanceof CellError) return x;
        if (digits instanceof CellError) return digits;
        return round(x, digits, fn === "ROUND" ? "nearest" : "up");
      }
      case "CEILING": {
        const x = number(0);
        const step = number(1, 1);
        if (x instanceof CellError) return x;
        if (step instanceof CellError) return step;
        if (step === 0) return 0;
        if (x > 0 && step < 0) return new CellError("#NUM!");
        return Math.ceil(x / step) * step;
      }
      case "ABS":
        return numeric(Math.abs);
      case "INT": {
        // Cell by cell over a range (INT(Ledger[Timestamp]) inside SUMPRODUCT).
        const v = args[0] ? expr(args[0], ctx) : null;
        return mapValue(v, (x) => {
          const n = toNumber(x);
          return n instanceof CellError ? n : Math.floor(n);
        });
      }
      case "SQRT":
        return numeric((n) => (n < 0 ? new CellError("#NUM!") : Math.sqrt(n)));
      case "EXP":
        return numeric((n) => finite(Math.exp(n)));
      case "LN":
        return numeric((n) => (n <= 0 ? new CellError("#NUM!") : Math.log(n)));
      case "NORM.S.INV":
        return numeric((p) => (p <= 0 || p >= 1 ? new CellError("#NUM!") : normalQuantile(p)));
      case "NORM.INV": {
        const p = number(0);
        const mean = number(1);
        const sd = number(2);
        if (p instanceof CellError) return p;
        if (mean instanceof CellError) return mean;
        if (sd instanceof CellError) return sd;
        return p <= 0 || p >= 1 || sd <= 0 ? new CellError("#NUM!") : mean + sd * normalQuantile(p);
      }
      case "NORM.S.DIST": {
        const z = number(0);
        const cumulative = toBoolean(value(1));
        if (z instanceof CellError) return z;
        if (cumulative instanceof CellError) return cumulative;
        return cumulative ? normalCdf(z) : Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
      }
      case "NA":
        return new CellError("#N/A");
      case "TODAY":
        return Math.floor(serialFromLocalDate(now()));
      case "NOW":
        return serialFromLocalDate(now());
      case "TEXT": {
        const v = value(0);
        const format = toText(value(1));
        if (format instanceof CellError) return format;
        if (typeof v === "string") return v;
        const n = toNumber(v);
        return n instanceof CellError ? n : formatText(n, format);
      }
      case "SUBSTITUTE": {
        const old = toText(value(1));
        const replacement = toText(value(2));
        if (old instanceof CellError) return old;
        if (replacement instanceof CellError) return replacement;
        const instance = args.length < 4 ? undefined : number(3);
        if (instance instanceof CellError) return instance;
        if (instance !== undefined && instance < 1) return new CellError("#VALUE!", "SUBSTITUTE's instance must be at least 1");
        const substitute = (v: ExcelValue): ExcelValue => {
          const text = toText(v);
          if (text instanceof CellError || old === "") return text;
          if (instance === undefined) return text.split(old).join(replacement);
          // Only the instance-th occurrence.
          const parts = text.split(old);
          const at = Math.trunc(instance);
          return at >= parts.length ? text : `${parts.slice(0, at).join(old)}${replacement}${parts.slice(at).join(old)}`;
        };
        // Cell by cell over a range of texts (job names a criterion escapes inside SUMPRODUCT).
        const source = args[0] ? expr(args[0], ctx) : null;
        return isRange(source) && cellsOf(source).length > 1 ? mapValue(source, substitute) : substitute(single(source));
      }
      case "ROW": {
        // The row of the cell computed, or of the reference given (its first row).
        const a = args[0];
        if (a === undefined) return ctx.row;
        if (a.op !== "ref") return new CellError("#VALUE!", "ROW takes a reference");
        return parseAddress((a.address.split(":")[0] as string).replace(/\$/g, "")).row;
      }
      case "DATE": {
        const year = number(0);
        const month = number(1);
        const day = number(2);
        if (year instanceof CellError) return year;
        if (month instanceof CellError) return month;
        if (day instanceof CellError) return day;
        return dateSerial(Math.trunc(year), Math.trunc(month), Math.trunc(day));
      }
      case "YEAR":
      case "MONTH":
        return numeric((serial) => {
          if (serial < 0 || serial > LAST_EXCEL_SERIAL + 1) return new CellError("#NUM!", `${fn} of a serial outside Excel's dates`);
          const date = new Date(msFromSerial(Math.floor(serial)));
          return fn === "YEAR" ? date.getUTCFullYear() : date.getUTCMonth() + 1;
        });
      case "ISNUMBER":
        return typeof value(0) === "number";
      case "ISBLANK":
        return value(0) === null;
      case "ROWS": {
        const v = args[0] ? expr(args[0], ctx) : null;
        return isRange(v) ? v.rows.length : 1;
      }
      case "SLOPE":
      case "INTERCEPT": {
        const ys = args[0] ? cellsOf(expr(args[0], ctx)) : [];
        const xs = args[1] ? cellsOf(expr(args[1], ctx)) : [];
        if (ys.length !== xs.length) return new CellError("#N/A", `${fn}'s ranges differ in size`);
        const points = ys.flatMap((y, i) => (typeof y === "number" && typeof xs[i] === "number" ? [{ x: xs[i] as number, y }] : []));
        if (points.length < 2) return new CellError("#DIV/0!");
        const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
        const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
        let sxy = 0;
        let sxx = 0;
        for (const p of points) {
          sxy += (p.x - meanX) * (p.y - meanY);
          sxx += (p.x - meanX) ** 2;
        }
        if (sxx === 0) return new CellError("#DIV/0!");
        const slope = sxy / sxx;
        return fn === "SLOPE" ? slope : meanY - slope * meanX;
      }
    }
  }

  return { cell };
}
