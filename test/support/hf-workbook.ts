/**
 * The AWU workbook computed by a spreadsheet engine (HyperFormula) whose AWU functions are
 * the REAL built bundle's, loaded as Excel loads it. Two ways in: `computeFile` reads the
 * .xlsx the file writer wrote (its cells, stored formulas, defined names and table parts),
 * and `computeWorkbook` places every cell of the description where the writers place it
 * (cells.ts) and renders its formula for the grid. Either way table references are resolved
 * to A1 ranges first, because HyperFormula has no Excel tables.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from "hyperformula";
import { columnLetters, offset, parseAddress } from "../../src/template/model/address";
import { sheetCells } from "../../src/template/model/cells";
import { GRID, STORED_AWU_PREFIX, renderExpr, sheetPrefix } from "../../src/template/model/formula";
import { dataRowCount, tableHeaderCell, valueCell } from "../../src/template/model/layout";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { StubError, loadFunctionsBundle, readMetadata, type CustomFunction } from "./bundle";

const bundle = loadFunctionsBundle();

/** A HyperFormula argument as Excel hands it to a custom function: a matrix, or null when omitted. */
function toExcel(arg: unknown): unknown {
  if (arg === undefined) return null;
  if (arg instanceof SimpleRangeValue) return arg.rawData().map((row) => row.map((v) => (typeof v === "object" ? null : v)));
  return [[arg]];
}

function fromExcel(result: unknown): number | string | CellError {
  const cell = Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[])[0] : result;
  if (cell instanceof StubError) {
    const type = cell.code === "#N/A" ? ErrorType.NA : cell.code === "#NUM!" ? ErrorType.NUM : ErrorType.VALUE;
    return new CellError(type, cell.message);
  }
  if (typeof cell === "number" || typeof cell === "string") return cell;
  return new CellError(ErrorType.VALUE, `unexpected result ${JSON.stringify(cell)}`);
}

type Method = (this: AwuPlugin, ast: { args: unknown[] }, state: unknown) => unknown;

class AwuPlugin extends FunctionPlugin {
  /** Runs AWU.<id> through the bundle with Excel's argument shapes. */
  callBundle(id: string, ast: { args: unknown[] }, state: unknown): unknown {
    const fn = bundle.associated.get(id) as CustomFunction;
    const run = this.runFunction as unknown as (args: unknown[], state: unknown, metadata: unknown, impl: (...args: unknown[]) => unknown) => unknown;
    return run(ast.args, state, this.metadata(`AWU.${id}`), (...args: unknown[]) => fromExcel(fn(...args.map(toExcel))));
  }
}

const implemented: ImplementedFunctions = {};
for (const f of readMetadata().functions) {
  const method = `awu${f.id}`;
  implemented[`AWU.${f.id}`] = {
    method,
    parameters: (f.parameters ?? []).map(() => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
  };
  const impl: Method = function (ast, state) {
    return this.callBundle(f.id, ast, state);
  };
  (AwuPlugin.prototype as unknown as Record<string, Method>)[method] = impl;
}
AwuPlugin.implementedFunctions = implemented;
HyperFormula.registerFunctionPlugin(AwuPlugin, { enGB: Object.fromEntries(Object.keys(implemented).map((k) => [k, k])) });

/** HyperFormula has no TRUE and FALSE constants, only the functions TRUE() and FALSE(): outside string literals, a constant becomes the call. */
function hfBooleans(formula: string): string {
  return formula.split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 === 1 ? part : part.replace(/\b(TRUE|FALSE)\b(?!\()/g, "$1()"))).join("");
}

interface TablePlace {
  readonly sheet: string;
  readonly block: TableBlock;
}

type Grid = (string | number | boolean | null)[][];
type Computed = { value: (formula: string) => unknown; hf: HyperFormula };

/** HyperFormula over sheets and workbook names; `value` evaluates a formula on the first sheet. */
function build(sheets: Record<string, Grid>, names: { name: string; expression: string }[], first: string): Computed {
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true }, names);
  const firstSheet = hf.getSheetId(first) ?? 0;
  return { value: (formula) => hf.calculateFormula(formula, firstSheet), hf };
}

function put(grid: Grid, at: string, content: string | number | boolean | null): void {
  const { row, column } = parseAddress(at);
  while (grid.length < row) grid.push([]);
  const line = grid[row - 1] as (string | number | boolean | null)[];
  while (line.length < column) line.push(null);
  line[column - 1] = content;
}

/** How many AWU calls a formula holds in Excel's stored form, and the same formula calling the bundle's functions as HyperFormula names them. */
export function fromStoredAwu(formula: string): { calls: number; formula: string } {
  let calls = 0;
  // HyperFormula's names start with a letter; `_xldudf_AWU_FLEXCOST(` is its AWU.FLEXCOST.
  const mapped = formula.replace(new RegExp(`${STORED_AWU_PREFIX}([A-Z0-9]+)\\(`, "g"), (_, id: string) => {
    calls++;
    return `AWU.${id}(`;
  });
  return { calls, formula: mapped };
}

const unescapeXml = (text: string): string => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/**
 * The written .xlsx computed by HyperFormula: each cell's value or stored formula as the
 * file holds it, its stored AWU calls mapped to the bundle, `_xlfn.` prefixes dropped and
 * structured references resolved from the file's own table parts. `awuCalls` counts the
 * stored AWU calls read.
 */
export async function computeFile(bytes: Uint8Array): Promise<Computed & { awuCalls: number }> {
  const zip = await JSZip.loadAsync(bytes);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.slice().buffer);
  const text = async (part: string): Promise<string> => {
    const file = zip.file(part);
    if (!file) throw new Error(`the package has no ${part}`);
    return file.async("string");
  };

  // Sheet parts by name, then each sheet's tables: name, range and column names.
  const workbookXml = await text("xl/workbook.xml");
  const workbookRels = await text("xl/_rels/workbook.xml.rels");
  const tables = new Map<string, { sheet: string; columns: string[]; firstRow: number; lastDataRow: number; firstColumn: number }>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)) {
    const sheet = unescapeXml(m[1] as string);
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(workbookRels)?.[1] as string;
    const sheetPart = `xl/${target.replace(/^\/?xl\//, "")}`;
    const relsPart = sheetPart.replace(/worksheets\/([^/]+)$/, "worksheets/_rels/$1.rels");
    if (!zip.file(relsPart)) continue;
    for (const rel of (await text(relsPart)).matchAll(/Type="[^"]*\/table"[^>]*Target="\.\.\/tables\/([^"]+)"/g)) {
      const xml = await text(`xl/tables/${rel[1]}`);
      const name = /<table\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] as string;
      const [from, to] = (/<table\b[^>]*\bref="([^"]*)"/.exec(xml)?.[1] as string).split(":") as [string, string];
      const totals = Number(/totalsRowCount="(\d+)"/.exec(xml)?.[1] ?? 0);
      const columns = [...xml.matchAll(/<tableColumn\b[^>]*\bname="([^"]*)"/g)].map((c) => unescapeXml(c[1] as string));
      const start = parseAddress(from);
      tables.set(unescapeXml(name), { sheet, columns, firstRow: start.row + 1, lastDataRow: parseAddress(to).row - totals, firstColumn: start.column });
    }
  }

  const resolve = (formula: string, row: number): string =>
    formula.replace(/([A-Za-z_][A-Za-z0-9_.]*)\[(\[#This Row\],)?\[((?:[^\]']|'.)*)\]\]/g, (whole, table: string, thisRow: string | undefined, escaped: string) => {
      const place = tables.get(table);
      if (!place) throw new Error(`${whole}: no table ${table}`);
      const index = place.columns.indexOf(escaped.replace(/'(.)/g, "$1"));
      if (index < 0) throw new Error(`${whole}: no such column`);
      const letters = columnLetters(place.firstColumn + index);
      return thisRow ? `${sheetPrefix(place.sheet)}$${letters}${row}` : `${sheetPrefix(place.sheet)}$${letters}$${place.firstRow}:$${letters}$${place.lastDataRow}`;
    });

  let awuCalls = 0;
  const sheets: Record<string, Grid> = {};
  for (const ws of book.worksheets) {
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
          if (!("formula" in v) || typeof v.formula !== "string") throw new Error(`${ws.name}!${cell.address}: a shared formula, which the file writer never writes`);
          const stored = fromStoredAwu(v.formula);
          awuCalls += stored.calls;
          put(grid, cell.address, `=${hfBooleans(resolve(stored.formula.replace(/_xlfn\./g, ""), parseAddress(cell.address).row))}`);
        } else if (v instanceof Date) put(grid, cell.address, v.getTime() / 86_400_000 + 25_569); // exceljs reads a date-formatted serial as a Date
        else if (v !== null && typeof v === "object" && "error" in v) put(grid, cell.address, `=${v.error}`);
        else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") put(grid, cell.address, v);
        else if (v !== null) throw new Error(`${ws.name}!${cell.address}: a value this reader does not know: ${JSON.stringify(v)}`);
      }),
    );
    sheets[ws.name] = grid;
  }
  // Workbook names only: a sheet's own (its print titles, with a localSheetId) are not formulas' names.
  const names = [...workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
    .filter((m) => !/\blocalSheetId=/.test(m[1] ?? ""))
    .map((m) => ({ name: unescapeXml(/\bname="([^"]*)"/.exec(m[1] ?? "")?.[1] ?? ""), expression: `=${unescapeXml(m[2] as string)}` }));
  return { ...build(sheets, names, book.worksheets[0]?.name ?? ""), awuCalls };
}

/** Builds the description's workbook in HyperFormula (formulas rendered for the grid) and returns a way to evaluate any formula in it. */
export function computeWorkbook(description: TemplateDescription): Computed {
  const tables = new Map<string, TablePlace>();
  for (const sheet of description.sheets)
    for (const block of sheet.blocks) if (block.kind === "table") tables.set(block.name, { sheet: sheet.name, block });

  const columnA1 = (currentRow: number) => (table: string, column: string, thisRow: boolean): string => {
    const place = tables.get(table);
    if (!place) throw new Error(`no table ${table}`);
    const index = place.block.columns.findIndex((c) => c.header === column);
    if (index < 0) throw new Error(`no column ${table}[${column}]`);
    const first = parseAddress(offset(tableHeaderCell(place.block), 1, index));
    const letters = columnLetters(first.column);
    if (thisRow) return `${sheetPrefix(place.sheet)}$${letters}${currentRow}`;
    return `${sheetPrefix(place.sheet)}$${letters}$${first.row}:$${letters}$${first.row + dataRowCount(place.block) - 1}`;
  };

  const sheets: Record<string, Grid> = {};
  const names: { name: string; expression: string }[] = [];
  for (const sheet of description.sheets) {
    const grid: Grid = [];
    for (const cell of sheetCells(sheet)) {
      const { row } = parseAddress(cell.address);
      put(grid, cell.address, "formula" in cell.content ? `=${hfBooleans(renderExpr(cell.content.formula, { ...GRID, column: columnA1(row) }))}` : cell.content.value);
    }
    sheets[sheet.name] = grid;
    for (const block of sheet.blocks)
      if (block.kind === "cells")
        block.cells.forEach((c, i) => {
          if (!c.name) return;
          const at = parseAddress(valueCell(block, i));
          names.push({ name: c.name, expression: `=${sheetPrefix(sheet.name)}$${columnLetters(at.column)}$${at.row}` });
        });
  }
  return build(sheets, names, description.sheets[0]?.name ?? "");
}
