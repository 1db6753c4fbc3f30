/**
 * The one generic gate every worksheet function goes through: it reads the function's
 * parameter declarations, coerces and checks each argument (naming it in any problem),
 * fills defaults, broadcasts ranges cell by cell, runs the maths, and refuses results
 * Excel cannot hold. It knows nothing of Office: failures leave as values made by the
 * caller's `onFailure`, so the same gate serves Excel, the task pane and tests.
 */
import { Failure, fail, type Bounds, type Problem } from "../engine";
import { SHARE_SUM_TOLERANCE, type ArgsOf, type ListParam, type NumberParam, type Param, type RateReader, type Rates, type TextParam } from "./params";

export type Scalar = number | string;

interface SpecBase<P extends readonly Param[]> {
  readonly id: string;
  readonly params: P;
  /** Set by defineFunction: the plan of the all-valid-single-numbers case (see quickCell). */
  readonly quick?: QuickPlan;
}

/**
 * A cell function of at most six numbers and texts, planned once so the common call (each
 * argument one valid number, one non-empty text, or omitted) skips the general path's
 * bookkeeping. Any doubt (a range, text where a number belongs or a number where text does,
 * a bound broken, a failure) sends the call down the general path, which alone words the
 * problems. Defaults are resolved once per generation of today's rates.
 */
interface QuickPlan {
  readonly params: readonly QuickParam[];
  /** Some parameter is text: the call takes quickMixedCell, so the all-number calls' code only ever sees numbers. */
  readonly mixed: boolean;
  defaults: (number | undefined)[];
  /** The rates and generation the defaults were read from: another rates source reads afresh. */
  rates: Rates | undefined;
  generation: number;
}

/** A number parameter's bounds as plain numbers, one shape for all (a text parameter has none), so the check stays monomorphic. */
interface QuickParam {
  readonly param: NumberParam<unknown> | TextParam<unknown>;
  /** Text: any non-empty string passes as it is, as the general path passes it. */
  readonly text: boolean;
  readonly optional: boolean;
  readonly lo: number;
  readonly hi: number;
  /** Open ends exclude the bound itself; an infinite end is always open, so ±Infinity fails. */
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

function quickParam(param: NumberParam<unknown> | TextParam<unknown>): QuickParam {
  const { min, max, minExclusive, maxExclusive } = param.kind === "number" ? param.bounds : ({} as Bounds);
  return {
    param,
    text: param.kind === "text",
    optional: param.optional,
    lo: min ?? -Infinity,
    hi: max ?? Infinity,
    loOpen: min === undefined || minExclusive === true,
    hiOpen: max === undefined || maxExclusive === true,
  };
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

/**
 * One result per item of a list argument (a flag per day of a series, per row of a ledger),
 * laid out in that argument's own shape: a column gives a column, a row a row. Cells past
 * the list's end (its trailing empty cells) are left empty. Every other argument must be a
 * single value.
 */
export interface ItemsSpec<P extends readonly Param[]> extends SpecBase<P> {
  readonly output: "items";
  /** The list parameter whose range the results take the shape of. */
  readonly shapeOf: string;
  readonly compute: (...args: ArgsOf<P>) => readonly (Scalar | Failure)[] | Failure;
}

export type FunctionSpec<P extends readonly Param[] = readonly Param[]> = CellSpec<P> | TableSpec<P> | ItemsSpec<P>;

/** Declares a function; the generic ties each compute argument to its declared parameter. */
export function defineFunction<const P extends readonly Param[]>(spec: FunctionSpec<P>): FunctionSpec {
  const general = spec as unknown as FunctionSpec;
  const simple = general.params.filter((param): param is NumberParam<unknown> | TextParam<unknown> => param.kind === "number" || param.kind === "text");
  // The quick path checks plain bounds only: a whole-number parameter takes the general path.
  if (general.output !== "cell" || simple.length !== general.params.length || simple.length > 6 || simple.some((p) => p.kind === "number" && p.bounds.integer))
    return general;
  const mixed = simple.some((p) => p.kind === "text");
  return { ...general, quick: { params: simple.map(quickParam), mixed, defaults: [], rates: undefined, generation: Number.NaN } };
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

/** A finite number within bounds (NaN fails every comparison, ±Infinity fails x − x === 0). */
const inBounds = (x: number, b: Bounds): boolean => x - x === 0 && !outOfBounds(x, b);

const outOfBounds = (x: number, b: Bounds): boolean =>
  (b.min !== undefined && (b.minExclusive ? x <= b.min : x < b.min)) ||
  (b.max !== undefined && (b.maxExclusive ? x >= b.max : x > b.max)) ||
  (b.integer === true && !Number.isInteger(x));

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

/** The text of each yes/no flag, lower case (Excel's TRUE/FALSE and 1/0 arrive as a boolean and a number). */
const FLAG_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["true", true],
  ["yes", true],
  ["y", true],
  ["1", true],
  ["false", false],
  ["no", false],
  ["n", false],
  ["0", false],
]);

/** One non-empty item of a flag list, or the problem with it. */
function toFlag(raw: unknown, name: string, position: number): boolean | Failure {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : fail({ code: "notFlag", arg: name, position, input: raw });
  const text = typeof raw === "string" ? raw : String(raw);
  const flag = FLAG_WORDS.get(text.trim().toLowerCase());
  return flag ?? fail({ code: "notFlag", arg: name, position, input: text });
}

/** One non-empty item of a text list: one of the allowed values (as declared), any text, or the problem with it. */
function toLabel(raw: unknown, name: string, allowed: readonly string[] | undefined, position: number): string | Failure {
  if (allowed === undefined) {
    if (typeof raw === "boolean") return fail({ code: "notText", arg: name, input: raw });
    // A job or agent numbered 42 is named by its number.
    return typeof raw === "string" ? raw : String(raw);
  }
  const input = typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean" ? raw : String(raw);
  if (typeof input === "string") {
    const wanted = input.trim().toLowerCase();
    const match = allowed.find((value) => value.toLowerCase() === wanted);
    if (match !== undefined) return match;
  }
  return fail({ code: "unknownEntry", arg: name, position, input, allowed });
}

/**
 * A whole range as one list (numbers, text or flags): read row by row, trailing empty cells
 * dropped, an empty cell inside refused.
 */
function readList(arg: Arg, param: ListParam<unknown>): readonly unknown[] | Failure {
  const raws: unknown[] = arg.form === "value" ? [arg.value] : arg.cells.flat();
  // A list whose blanks read as a value keeps its trailing ones: a last ledger row with no job is still a row.
  const keepsBlanks = arg.form === "range" && param.items?.kind === "text" && param.items.blankAs !== undefined;
  let end = raws.length;
  if (!keepsBlanks) while (end > 0 && isEmpty(raws[end - 1])) end--;
  if (end === 0) {
    const fallback = param.items === undefined ? param.default : param.items.kind === "text" ? param.items.default : undefined;
    if (param.optional && fallback) return fallback;
    return arg.form === "value" && (arg.value === null || arg.value === undefined)
      ? fail({ code: "missing", arg: param.name })
      : fail({ code: "emptyList", arg: param.name });
  }
  const items = param.items;
  const values: unknown[] = [];
  for (let i = 0; i < end; i++) {
    const raw = raws[i];
    const position = i + 1;
    let value: unknown;
    if (items === undefined) {
      if (isEmpty(raw)) return fail({ code: "blankInList", arg: param.name, position });
      value = toNumber(raw, param.name, param.bounds);
    } else if (items.kind === "text") {
      if (isEmpty(raw) && items.blankAs !== undefined) {
        values.push(items.blankAs);
        continue;
      }
      if (isEmpty(raw)) return fail({ code: "blankEntry", arg: param.name, position, expected: "text", allowed: items.allowed ?? [] });
      value = toLabel(raw, param.name, items.allowed, position);
    } else {
      if (isEmpty(raw)) return fail({ code: "blankEntry", arg: param.name, position, expected: "flag", allowed: [] });
      value = toFlag(raw, param.name, position);
    }
    if (value instanceof Failure) return value;
    values.push(value);
  }
  return values;
}

/** Rules that tie lists together or to a total, checked once per call. */
function checkLists(params: readonly Param[], lists: Map<string, readonly unknown[]>): Failure | undefined {
  for (const param of params) {
    if (param.kind !== "list") continue;
    const values = lists.get(param.name) as readonly unknown[];
    if (param.sameCountAs !== undefined) {
      const other = lists.get(param.sameCountAs) as readonly unknown[];
      if (other.length !== values.length)
        return fail({ code: "unequalLists", arg: param.name, count: values.length, otherArg: param.sameCountAs, otherCount: other.length });
    }
    if (param.sumsTo !== undefined) {
      let sum = 0;
      for (const v of values as readonly number[]) sum += v;
      if (Math.abs(sum - param.sumsTo) > SHARE_SUM_TOLERANCE) return fail({ code: "badSum", arg: param.name, sum, expected: param.sumsTo });
    }
  }
  return undefined;
}

/** A computed value Excel can hold, or the problem with it. */
function finish(value: Scalar | Failure): Scalar | Failure {
  return typeof value === "number" && !Number.isFinite(value) ? fail({ code: "tooLarge" }) : value;
}

export type Grid<E> = (Scalar | E)[][];

/** Marks an argument the quick path cannot take (every valid value is finite). */
const BAIL = Number.NaN;

/** One argument as the quick path takes it: a valid number, undefined (no default), or BAIL. */
function quickArg(raw: unknown, q: QuickParam | undefined, fallback: number | undefined): number | undefined {
  if (q === undefined) return BAIL;
  if (Array.isArray(raw)) {
    const row: unknown = raw.length === 1 ? raw[0] : undefined;
    if (!Array.isArray(row) || row.length !== 1) return BAIL;
    raw = row[0];
  }
  // NaN fails every comparison, so it bails too.
  if (typeof raw === "number")
    return (raw > q.lo || (raw === q.lo && !q.loOpen)) && (raw < q.hi || (raw === q.hi && !q.hiOpen)) ? raw : BAIL;
  if (raw === null || raw === undefined || raw === "") return q.optional ? fallback : BAIL;
  return BAIL;
}

/**
 * One argument of a plan with text parameters: for a text parameter a non-empty text as it is
 * (as cellValue passes it), undefined when an optional one is omitted or empty, else BAIL; for a
 * number parameter what quickArg gives. Apart from quickArg, which so only ever sees all-number calls.
 */
function quickMixedArg(raw: unknown, q: QuickParam | undefined, fallback: number | undefined): number | string | undefined {
  if (q === undefined) return BAIL;
  if (Array.isArray(raw)) {
    const row: unknown = raw.length === 1 ? raw[0] : undefined;
    if (!Array.isArray(row) || row.length !== 1) return BAIL;
    raw = row[0];
  }
  if (q.text) {
    if (typeof raw === "string" && raw !== "") return raw;
    return (raw === null || raw === undefined || raw === "") && q.optional ? undefined : BAIL;
  }
  // quickArg's checks, written out again rather than called, so the call inlines whole.
  if (typeof raw === "number")
    return (raw > q.lo || (raw === q.lo && !q.loOpen)) && (raw < q.hi || (raw === q.hi && !q.hiOpen)) ? raw : BAIL;
  if (raw === null || raw === undefined || raw === "") return q.optional ? fallback : BAIL;
  return BAIL;
}

/** The plan's defaults as of today's rates. */
function quickDefaults(plan: QuickPlan, rates: Rates): (number | undefined)[] {
  const generation = rates.generation();
  if (generation !== plan.generation || rates !== plan.rates) {
    const reader: RateReader = (key) => rates.value(key);
    plan.defaults = plan.params.map(({ param }) => {
      const d = param.kind === "number" ? param.default : undefined;
      return d === undefined || typeof d === "number" ? d : d.value(reader);
    });
    plan.generation = generation;
    plan.rates = rates;
  }
  return plan.defaults;
}

/**
 * The result of the all-valid-single-numbers case, or undefined to take the general path.
 * Written out per arity so the numbers stay in locals and reach compute as plain arguments.
 */
type QuickCompute = (...values: (number | undefined)[]) => Scalar | Failure;
type QuickMixedCompute = (...values: (number | string | undefined)[]) => Scalar | Failure;

function quickCell(plan: QuickPlan, f: QuickCompute, raw: readonly unknown[], rates: Rates): Scalar | undefined {
  const p = plan.params;
  const d = quickDefaults(plan, rates);
  let result: Scalar | Failure;
  // `x !== x` is true only for BAIL (NaN).
  switch (p.length) {
    case 1: {
      const a = quickArg(raw[0], p[0], d[0]);
      if (a !== a) return undefined;
      result = f(a);
      break;
    }
    case 2: {
      const a = quickArg(raw[0], p[0], d[0]);
      const b = quickArg(raw[1], p[1], d[1]);
      if (a !== a || b !== b) return undefined;
      result = f(a, b);
      break;
    }
    case 3: {
      const a = quickArg(raw[0], p[0], d[0]);
      const b = quickArg(raw[1], p[1], d[1]);
      const c = quickArg(raw[2], p[2], d[2]);
      if (a !== a || b !== b || c !== c) return undefined;
      result = f(a, b, c);
      break;
    }
    case 4: {
      const a = quickArg(raw[0], p[0], d[0]);
      const b = quickArg(raw[1], p[1], d[1]);
      const c = quickArg(raw[2], p[2], d[2]);
      const e = quickArg(raw[3], p[3], d[3]);
      if (a !== a || b !== b || c !== c || e !== e) return undefined;
      result = f(a, b, c, e);
      break;
    }
    case 5: {
      const a = quickArg(raw[0], p[0], d[0]);
      const b = quickArg(raw[1], p[1], d[1]);
      const c = quickArg(raw[2], p[2], d[2]);
      const e = quickArg(raw[3], p[3], d[3]);
      const g = quickArg(raw[4], p[4], d[4]);
      if (a !== a || b !== b || c !== c || e !== e || g !== g) return undefined;
      result = f(a, b, c, e, g);
      break;
    }
    default: {
      const a = quickArg(raw[0], p[0], d[0]);
      const b = quickArg(raw[1], p[1], d[1]);
      const c = quickArg(raw[2], p[2], d[2]);
      const e = quickArg(raw[3], p[3], d[3]);
      const g = quickArg(raw[4], p[4], d[4]);
      const h = quickArg(raw[5], p[5], d[5]);
      if (a !== a || b !== b || c !== c || e !== e || g !== g || h !== h) return undefined;
      result = f(a, b, c, e, g, h);
    }
  }
  return typeof result === "string" || (typeof result === "number" && result - result === 0) ? result : undefined;
}

/** quickCell for a plan with text parameters (PLANCOST, CASECOST, RATE): the same, written apart so each keeps its own type feedback. */
function quickMixedCell(plan: QuickPlan, f: QuickMixedCompute, raw: readonly unknown[], rates: Rates): Scalar | undefined {
  const p = plan.params;
  const d = quickDefaults(plan, rates);
  let result: Scalar | Failure;
  // `x !== x` is true only for BAIL (NaN); a text always equals itself.
  switch (p.length) {
    case 1: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      if (a !== a) return undefined;
      result = f(a);
      break;
    }
    case 2: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      const b = quickMixedArg(raw[1], p[1], d[1]);
      if (a !== a || b !== b) return undefined;
      result = f(a, b);
      break;
    }
    case 3: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      const b = quickMixedArg(raw[1], p[1], d[1]);
      const c = quickMixedArg(raw[2], p[2], d[2]);
      if (a !== a || b !== b || c !== c) return undefined;
      result = f(a, b, c);
      break;
    }
    case 4: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      const b = quickMixedArg(raw[1], p[1], d[1]);
      const c = quickMixedArg(raw[2], p[2], d[2]);
      const e = quickMixedArg(raw[3], p[3], d[3]);
      if (a !== a || b !== b || c !== c || e !== e) return undefined;
      result = f(a, b, c, e);
      break;
    }
    case 5: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      const b = quickMixedArg(raw[1], p[1], d[1]);
      const c = quickMixedArg(raw[2], p[2], d[2]);
      const e = quickMixedArg(raw[3], p[3], d[3]);
      const g = quickMixedArg(raw[4], p[4], d[4]);
      if (a !== a || b !== b || c !== c || e !== e || g !== g) return undefined;
      result = f(a, b, c, e, g);
      break;
    }
    default: {
      const a = quickMixedArg(raw[0], p[0], d[0]);
      const b = quickMixedArg(raw[1], p[1], d[1]);
      const c = quickMixedArg(raw[2], p[2], d[2]);
      const e = quickMixedArg(raw[3], p[3], d[3]);
      const g = quickMixedArg(raw[4], p[4], d[4]);
      const h = quickMixedArg(raw[5], p[5], d[5]);
      if (a !== a || b !== b || c !== c || e !== e || g !== g || h !== h) return undefined;
      result = f(a, b, c, e, g, h);
    }
  }
  return typeof result === "string" || (typeof result === "number" && result - result === 0) ? result : undefined;
}

/**
 * Evaluates a declared function on Excel's raw arguments (null for an omitted one, a
 * matrix for a cell or a range) and returns a matrix of results and failures.
 */
export function applyFunction<E>(spec: FunctionSpec, rawArgs: readonly unknown[], rates: Rates, onFailure: (problem: Problem) => E): Grid<E> {
  if (spec.quick) {
    // The spec's compute, read now: a spec copied with another compute must run that one.
    const quick = spec.quick.mixed
      ? quickMixedCell(spec.quick, spec.compute as QuickMixedCompute, rawArgs, rates)
      : quickCell(spec.quick, spec.compute as QuickCompute, rawArgs, rates);
    if (quick !== undefined) return [[quick]];
  }
  const rate: RateReader = (key) => rates.value(key);
  const single = (value: Scalar | Failure): Grid<E> => [[value instanceof Failure ? onFailure(value.problem) : value]];
  const params = spec.params;
  const args: unknown[] = new Array(params.length);
  const lists = new Map<string, readonly unknown[]>();
  // The range each list arrived as, for results laid out in its shape.
  const listShapes = new Map<string, { rows: number; columns: number }>();
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
      listShapes.set(param.name, arg.form === "range" ? { rows: arg.rows, columns: arg.columns } : { rows: 1, columns: 1 });
      args[i] = values;
    } else if (arg.form === "value") {
      const value = cellValue(arg.value, param, rate, rawArgs[i] === null || rawArgs[i] === undefined);
      if (value instanceof Failure) return single(value);
      args[i] = value;
    } else {
      if (spec.output !== "cell")
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
  if (spec.output === "items") {
    const items = compute(...args) as readonly (Scalar | Failure)[] | Failure;
    if (items instanceof Failure) return single(items);
    const shape = listShapes.get(spec.shapeOf) ?? { rows: 1, columns: 1 };
    const grid: Grid<E> = [];
    for (let r = 0; r < shape.rows; r++) {
      const row: (Scalar | E)[] = [];
      for (let c = 0; c < shape.columns; c++) {
        const item = items[r * shape.columns + c];
        // Past the list's end (its trailing empty cells): an empty cell.
        if (item === undefined) row.push("");
        else {
          const checked = finish(item);
          row.push(checked instanceof Failure ? onFailure(checked.problem) : checked);
        }
      }
      grid.push(row);
    }
    return grid;
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
        const param = params[i] as Param;
        const raw = (ranges[k] as readonly (readonly unknown[])[])[r]?.[c];
        // A number in bounds needs no more reading; anything else goes through cellValue.
        if (typeof raw === "number" && param.kind === "number" && inBounds(raw, param.bounds)) {
          cellArgs[i] = raw;
          continue;
        }
        const value = cellValue(raw, param, rate, false);
        if (value instanceof Failure) {
          problem = value;
          break;
        }
        cellArgs[i] = value;
      }
      if (problem) {
        outRow[c] = onFailure(problem.problem);
        continue;
      }
      const result = compute(...cellArgs) as Scalar | Failure;
      if (typeof result === "number" && result - result === 0) outRow[c] = result;
      else {
        const checked = finish(result);
        outRow[c] = checked instanceof Failure ? onFailure(checked.problem) : checked;
      }
    }
    out[r] = outRow;
  }
  return out;
}
