/**
 * The one generic gate every worksheet function goes through: it reads the function's
 * parameter declarations, coerces and checks each argument (naming it in any problem),
 * fills defaults, broadcasts ranges cell by cell, runs the maths, and refuses results
 * Excel cannot hold. It knows nothing of Office: failures leave as values made by the
 * caller's `onFailure`, so the same gate serves Excel, the task pane and tests.
 */
import { Failure, fail, type Bounds, type Problem } from "../engine";
import type { ArgsOf, ListParam, Param, RateReader } from "./params";

export type Scalar = number | string;

interface SpecBase<P extends readonly Param[]> {
  readonly id: string;
  readonly params: P;
}

/** One result per cell: ranges in spill out in the same shape. */
export interface CellSpec<P extends readonly Param[]> extends SpecBase<P> {
  readonly output: "cell";
  readonly compute: (...args: ArgsOf<P>) => Scalar | Failure;
}

/** One table per call: every argument must be a single value. */
export interface TableSpec<P extends readonly Param[]> extends SpecBase<P> {
  readonly output: "table";
  readonly compute: (...args: ArgsOf<P>) => readonly (readonly (Scalar | Failure)[])[];
}

export type FunctionSpec<P extends readonly Param[] = readonly Param[]> = CellSpec<P> | TableSpec<P>;

/** Declares a function; the generic ties each compute argument to its declared parameter. */
export function defineFunction<const P extends readonly Param[]>(spec: FunctionSpec<P>): FunctionSpec {
  return spec as unknown as FunctionSpec;
}

/** What an argument arrived as. */
type Arg =
  | { readonly form: "value"; readonly value: unknown }
  | { readonly form: "range"; readonly cells: readonly (readonly unknown[])[]; readonly rows: number; readonly columns: number };

const isEmpty = (raw: unknown): boolean => raw === null || raw === undefined || raw === "";

function readArg(raw: unknown): Arg {
  if (!Array.isArray(raw)) return { form: "value", value: raw };
  const rows = raw.length;
  const first: unknown = raw[0];
  const columns = Array.isArray(first) ? first.length : 0;
  if (rows === 1 && columns === 1) return { form: "value", value: (first as unknown[])[0] };
  if (rows === 0 || columns === 0) return { form: "value", value: null };
  return { form: "range", cells: raw as unknown[][], rows, columns };
}

const outOfBounds = (x: number, b: Bounds): boolean =>
  (b.min !== undefined && (b.minExclusive ? x <= b.min : x < b.min)) ||
  (b.max !== undefined && (b.maxExclusive ? x >= b.max : x > b.max));

/** A non-empty cell as a number within bounds, or the problem with it. */
function toNumber(raw: unknown, name: string, bounds: Bounds): number | Failure {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return fail({ code: "notNumber", arg: name, input: String(raw) });
    return outOfBounds(raw, bounds) ? fail({ code: "outOfBounds", arg: name, input: raw, bounds }) : raw;
  }
  if (typeof raw === "boolean") return fail({ code: "notNumber", arg: name, input: raw });
  return fail({ code: "notNumber", arg: name, input: typeof raw === "string" ? raw : String(raw) });
}

/**
 * One cell of a per-cell parameter: its value, its default, or the problem with it.
 * `omitted` marks an argument left out of the formula (Excel passes null) rather than an empty cell.
 */
function cellValue(raw: unknown, param: Param, rate: RateReader, omitted: boolean): unknown {
  if (isEmpty(raw)) {
    if (!param.optional) {
      if (omitted) return fail({ code: "missing", arg: param.name });
      return fail({ code: "empty", arg: param.name, expected: param.kind === "text" ? "text" : "number" });
    }
    if (param.kind === "number" && param.default !== undefined)
      return typeof param.default === "number" ? param.default : param.default.value(rate);
    return undefined;
  }
  switch (param.kind) {
    case "number":
      return toNumber(raw, param.name, param.bounds);
    case "text":
      return typeof raw === "string" ? raw : fail({ code: "notText", arg: param.name, input: raw as number | boolean });
    case "numberOrText":
      return typeof raw === "string" ? raw : toNumber(raw, param.name, param.bounds);
    case "list":
      throw new Error("a list is read whole, not per cell");
  }
}

/** A whole range as a list of numbers: read row by row, trailing empty cells dropped. */
function readList(arg: Arg, param: ListParam<unknown>): readonly number[] | Failure {
  const raws: unknown[] = arg.form === "value" ? [arg.value] : arg.cells.flat();
  let end = raws.length;
  while (end > 0 && isEmpty(raws[end - 1])) end--;
  if (end === 0) {
    if (param.optional && param.default) return param.default;
    return arg.form === "value" && (arg.value === null || arg.value === undefined)
      ? fail({ code: "missing", arg: param.name })
      : fail({ code: "emptyList", arg: param.name });
  }
  const values: number[] = [];
  for (let i = 0; i < end; i++) {
    const raw = raws[i];
    if (isEmpty(raw)) return fail({ code: "blankInList", arg: param.name, position: i + 1 });
    const value = toNumber(raw, param.name, param.bounds);
    if (value instanceof Failure) return value;
    values.push(value);
  }
  return values;
}

/** Rules that tie lists together or to a total, checked once per call. */
function checkLists(params: readonly Param[], lists: Map<string, readonly number[]>): Failure | undefined {
  for (const param of params) {
    if (param.kind !== "list") continue;
    const values = lists.get(param.name) as readonly number[];
    if (param.sameCountAs !== undefined) {
      const other = lists.get(param.sameCountAs) as readonly number[];
      if (other.length !== values.length)
        return fail({ code: "unequalLists", arg: param.name, count: values.length, otherArg: param.sameCountAs, otherCount: other.length });
    }
    if (param.sumsTo !== undefined) {
      let sum = 0;
      for (const v of values) sum += v;
      if (Math.abs(sum - param.sumsTo) > 1e-9) return fail({ code: "badSum", arg: param.name, sum, expected: param.sumsTo });
    }
  }
  return undefined;
}

/** A computed value Excel can hold, or the problem with it. */
function finish(value: Scalar | Failure): Scalar | Failure {
  return typeof value === "number" && !Number.isFinite(value) ? fail({ code: "tooLarge" }) : value;
}

export type Grid<E> = (Scalar | E)[][];

/**
 * Evaluates a declared function on Excel's raw arguments (null for an omitted one, a
 * matrix for a cell or a range) and returns a matrix of results and failures.
 */
export function evaluate<E>(spec: FunctionSpec, rawArgs: readonly unknown[], rate: RateReader, onFailure: (problem: Problem) => E): Grid<E> {
  const single = (value: Scalar | Failure): Grid<E> => [[value instanceof Failure ? onFailure(value.problem) : value]];
  const params = spec.params;
  const args: unknown[] = new Array(params.length);
  const lists = new Map<string, readonly number[]>();
  // Per-cell parameters given as ranges, and the shape they share.
  let ranged: number[] | undefined;
  let shapeOf: Param | undefined;
  let rows = 1;
  let columns = 1;
  for (let i = 0; i < params.length; i++) {
    const param = params[i] as Param;
    const arg = readArg(rawArgs[i] ?? null);
    if (param.kind === "list") {
      const values = readList(arg, param);
      if (values instanceof Failure) return single(values);
      lists.set(param.name, values);
      args[i] = values;
    } else if (arg.form === "value") {
      const value = cellValue(arg.value, param, rate, rawArgs[i] === null || rawArgs[i] === undefined);
      if (value instanceof Failure) return single(value);
      args[i] = value;
    } else {
      if (spec.output === "table")
        return single(fail({ code: "notSingle", arg: param.name, rows: arg.rows, columns: arg.columns }));
      if (shapeOf && (arg.rows !== rows || arg.columns !== columns))
        return single(
          fail({
            code: "unequalRanges",
            arg: shapeOf.name,
            rows,
            columns,
            otherArg: param.name,
            otherRows: arg.rows,
            otherColumns: arg.columns,
          }),
        );
      shapeOf = param;
      rows = arg.rows;
      columns = arg.columns;
      (ranged ??= []).push(i);
      args[i] = arg.cells;
    }
  }
  const listProblem = checkLists(params, lists);
  if (listProblem) return single(listProblem);

  const compute = spec.compute as (...values: unknown[]) => unknown;
  if (spec.output === "table") {
    const table = compute(...args) as readonly (readonly (Scalar | Failure)[])[];
    return table.map((row) => row.map((cell) => finish(cell)).map((cell) => (cell instanceof Failure ? onFailure(cell.problem) : cell)));
  }
  if (!ranged) return single(finish(compute(...args) as Scalar | Failure));

  // Ranges: walk the cells; a bad cell fails alone, the others still compute.
  const ranges = ranged.map((i) => args[i] as readonly (readonly unknown[])[]);
  const cellArgs = args.slice();
  const out: Grid<E> = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const outRow: (Scalar | E)[] = new Array(columns);
    for (let c = 0; c < columns; c++) {
      let problem: Failure | undefined;
      for (let k = 0; k < ranged.length; k++) {
        const i = ranged[k] as number;
        const value = cellValue((ranges[k] as readonly (readonly unknown[])[])[r]?.[c], params[i] as Param, rate, false);
        if (value instanceof Failure) {
          problem = value;
          break;
        }
        cellArgs[i] = value;
      }
      const result = problem ?? finish(compute(...cellArgs) as Scalar | Failure);
      outRow[c] = result instanceof Failure ? onFailure(result.problem) : result;
    }
    out[r] = outRow;
  }
  return out;
}
