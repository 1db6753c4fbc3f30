/**
 * Formulas as data. The template never holds formula text: it holds these expressions,
 * and renderers turn them into Excel text, either calling the AWU functions or (portable)
 * with each AWU call expanded into native Excel. Being data, every reference can be
 * checked against the names, tables and columns the template defines.
 */

export type BinaryOperator = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

export type Expr =
  | { readonly op: "num"; readonly value: number }
  | { readonly op: "str"; readonly value: string }
  | { readonly op: "bool"; readonly value: boolean }
  /** A workbook-scoped defined name (a named input or output). */
  | { readonly op: "name"; readonly name: string }
  /** A table column: this row's cell (`Jobs[@Volume]`) or the whole column (`Jobs[Volume]`). */
  | { readonly op: "column"; readonly table: string; readonly column: string; readonly thisRow: boolean }
  /** A cell or range by address on a sheet of the template (`'ROI'!$B$4`, `B$4`). */
  | { readonly op: "ref"; readonly sheet: string; readonly address: string }
  /** An AWU worksheet function; null marks an omitted argument. */
  | { readonly op: "awu"; readonly fn: string; readonly args: readonly (Expr | null)[] }
  /** A native Excel function present in Excel 2016 and LibreOffice (no LET, LAMBDA, SEQUENCE). */
  | { readonly op: "call"; readonly fn: NativeFunction; readonly args: readonly Expr[] }
  | { readonly op: "binary"; readonly operator: BinaryOperator; readonly left: Expr; readonly right: Expr }
  | { readonly op: "negate"; readonly arg: Expr }
  | { readonly op: "percent"; readonly arg: Expr }
  /** An Excel error constant (`#VALUE!`): what a portable expansion gives for an argument the AWU function refuses. */
  | { readonly op: "error"; readonly code: ErrorLiteral };

/** The error constants a formula may hold; each is written as is in Excel 2016+ and LibreOffice. */
export type ErrorLiteral = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!";

/** The native functions the template may use: each computes in Excel 2016+ and LibreOffice 7. */
export const NATIVE_FUNCTIONS = [
  "SUM",
  "SUMPRODUCT",
  "SUMIFS",
  "COUNTIFS",
  "MIN",
  "MAX",
  "IF",
  "IFERROR",
  "AND",
  "OR",
  "NOT",
  "INDEX",
  "MATCH",
  "ROUND",
  "ROUNDUP",
  "CEILING",
  "ABS",
  "SQRT",
  "EXP",
  "LN",
  "NORM.S.INV",
  "NORM.S.DIST",
  "NORM.INV",
  "NA",
  "TODAY",
  "NOW",
  "TEXT",
  "ISNUMBER",
  "ISBLANK",
  "ROWS",
  "COUNT",
  "COUNTA",
  "AVERAGE",
  "SLOPE",
  "INTERCEPT",
  "INT",
  "MEDIAN",
  "MAXIFS",
  "SUBSTITUTE",
  "ROW",
  "DATE",
  "YEAR",
  "MONTH",
] as const;
export type NativeFunction = (typeof NATIVE_FUNCTIONS)[number];

// Builders: the template reads as formulas do.
export const num = (value: number): Expr => ({ op: "num", value });
export const str = (value: string): Expr => ({ op: "str", value });
export const bool = (value: boolean): Expr => ({ op: "bool", value });
export const name = (defined: string): Expr => ({ op: "name", name: defined });
export const col = (table: string, column: string): Expr => ({ op: "column", table, column, thisRow: true });
export const wholeCol = (table: string, column: string): Expr => ({ op: "column", table, column, thisRow: false });
export const ref = (sheet: string, address: string): Expr => ({ op: "ref", sheet, address });
export const awu = (fn: string, ...args: (Expr | null)[]): Expr => ({ op: "awu", fn, args });
export const call = (fn: NativeFunction, ...args: Expr[]): Expr => ({ op: "call", fn, args });
const binary =
  (operator: BinaryOperator) =>
  (left: Expr, right: Expr): Expr => ({ op: "binary", operator, left, right });
export const add = binary("+");
export const sub = binary("-");
export const mul = binary("*");
export const div = binary("/");
export const pow = binary("^");
export const concat = binary("&");
export const eq = binary("=");
export const ne = binary("<>");
export const lt = binary("<");
export const gt = binary(">");
export const le = binary("<=");
export const ge = binary(">=");
export const neg = (arg: Expr): Expr => ({ op: "negate", arg });
export const errorLiteral = (code: ErrorLiteral): Expr => ({ op: "error", code });

/**
 * Functions newer than Excel 2007 are stored in a file with the `_xlfn.` prefix (Excel
 * shows #NAME? without it, and LibreOffice reads the prefixed name); the grid takes them bare.
 */
const FILE_PREFIXED: ReadonlySet<NativeFunction> = new Set<NativeFunction>(["NORM.S.INV", "NORM.S.DIST", "NORM.INV", "MAXIFS"]);

/** Excel's operator precedence, highest binds tightest. */
const PRECEDENCE: Record<BinaryOperator, number> = {
  "^": 5,
  "*": 4,
  "/": 4,
  "+": 3,
  "-": 3,
  "&": 2,
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
};

/** How a renderer turns an AWU call into text; the AWU renderer writes the call itself. */
export type AwuRenderer = (fn: string, args: readonly (Expr | null)[], render: (expr: Expr) => string) => string;

/** Quotes a sheet name when Excel requires it. */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!` : `'${sheet.replace(/'/g, "''")}'!`;
}

/**
 * How a renderer writes things the two targets spell differently. Excel's grid (Office.js)
 * takes `Jobs[@[Volume]]`; the file format requires `Jobs[[#This Row],[Volume]]`.
 */
export interface RenderOptions {
  readonly awuCall: AwuRenderer;
  readonly syntax: "grid" | "file";
  /** Overrides how a table column is written (tests resolve them to A1 addresses). */
  readonly column?: (table: string, column: string, thisRow: boolean) => string;
}

/** A table column in structured-reference syntax, special characters escaped with '. */
export function columnRef(table: string, column: string, thisRow: boolean, syntax: "grid" | "file"): string {
  const escaped = column.replace(/['#[\]@]/g, "'$&");
  if (!thisRow) return `${table}[[${escaped}]]`;
  return syntax === "grid" ? `${table}[@[${escaped}]]` : `${table}[[#This Row],[${escaped}]]`;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`A formula cannot hold ${value}.`);
  // Shortest round-trip text; Excel reads exponents as JavaScript writes them.
  return String(value);
}

/**
 * Renders an expression as Excel formula text (without the leading "="). Parentheses are
 * added only where precedence needs them; a negative number is always parenthesised.
 */
export function renderExpr(expr: Expr, options: RenderOptions = GRID): string {
  const render = (e: Expr): string => renderExpr(e, options);
  switch (expr.op) {
    case "num":
      return expr.value < 0 ? `(${numberText(expr.value)})` : numberText(expr.value);
    case "str":
      return `"${expr.value.replace(/"/g, '""')}"`;
    case "bool":
      return expr.value ? "TRUE" : "FALSE";
    case "name":
      return expr.name;
    case "column":
      return options.column ? options.column(expr.table, expr.column, expr.thisRow) : columnRef(expr.table, expr.column, expr.thisRow, options.syntax);
    case "ref":
      return `${sheetPrefix(expr.sheet)}${expr.address}`;
    case "awu":
      return options.awuCall(expr.fn, expr.args, render);
    case "call":
      return `${options.syntax === "file" && FILE_PREFIXED.has(expr.fn) ? "_xlfn." : ""}${expr.fn}(${expr.args.map(render).join(",")})`;
    case "error":
      return expr.code;
    case "negate":
      return `-${wrapIf(expr.arg, (e) => e.op === "binary", render)}`;
    case "percent":
      return `${wrapIf(expr.arg, (e) => e.op === "binary" || e.op === "negate", render)}%`;
    case "binary": {
      const mine = PRECEDENCE[expr.operator];
      // Left-associative: a right operand of equal precedence needs parentheses (a-(b-c)).
      const left = wrapIf(expr.left, (e) => e.op === "binary" && PRECEDENCE[e.operator] < mine, render);
      const right = wrapIf(expr.right, (e) => e.op === "binary" && PRECEDENCE[e.operator] <= mine, render);
      return `${left}${expr.operator}${right}`;
    }
  }
}

function wrapIf(expr: Expr, needs: (e: Expr) => boolean, render: (e: Expr) => string): string {
  return needs(expr) ? `(${render(expr)})` : render(expr);
}

/** The arguments of an AWU call; omitted trailing arguments are dropped, inner ones left empty. */
const awuArgs = (args: readonly (Expr | null)[], render: (expr: Expr) => string): string => {
  let end = args.length;
  while (end > 0 && args[end - 1] === null) end--;
  return args
    .slice(0, end)
    .map((a) => (a === null ? "" : render(a)))
    .join(",");
};

/** The AWU call as typed in a cell. */
export const renderAwuCall: AwuRenderer = (fn, args, render) => `AWU.${fn}(${awuArgs(args, render)})`;

/** What every AWU function's name starts with in a file. */
export const STORED_AWU_PREFIX = "_xldudf_AWU_";

/**
 * The AWU call as Excel stores a JavaScript custom function in a file: `_xldudf_` and the
 * namespace and id joined by "_" (AWU.FLEXCOST → _xldudf_AWU_FLEXCOST). Excel binds that name
 * to the add-in when it loads; the typed text written by another program stays #NAME?.
 */
export const renderStoredAwuCall: AwuRenderer = (fn, args, render) => `${STORED_AWU_PREFIX}${fn}(${awuArgs(args, render)})`;

/** Every sub-expression, depth first: what validation walks. */
export function* walk(expr: Expr): Generator<Expr> {
  yield expr;
  switch (expr.op) {
    case "awu":
      for (const a of expr.args) if (a) yield* walk(a);
      break;
    case "call":
      for (const a of expr.args) yield* walk(a);
      break;
    case "binary":
      yield* walk(expr.left);
      yield* walk(expr.right);
      break;
    case "negate":
    case "percent":
      yield* walk(expr.arg);
      break;
    default:
      break;
  }
}

/** Formulas as typed into Excel's grid, calling the AWU functions. */
export const GRID: RenderOptions = { awuCall: renderAwuCall, syntax: "grid" };
/** Formulas as stored in an .xlsx file, calling the AWU functions by their stored names. */
export const FILE: RenderOptions = { awuCall: renderStoredAwuCall, syntax: "file" };
