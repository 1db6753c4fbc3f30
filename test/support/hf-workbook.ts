/**
 * The AWU workbook computed by a spreadsheet engine (HyperFormula) whose AWU functions are
 * the REAL built bundle's, loaded as Excel loads it. Every cell of the description is
 * placed where the writers place it (cells.ts) and its formula rendered as the writers
 * render it; only table references are resolved to A1 ranges first, because HyperFormula
 * has no Excel tables.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from "hyperformula";
import { columnLetters, offset, parseAddress } from "../../src/template/model/address";
import { sheetCells } from "../../src/template/model/cells";
import { GRID, renderExpr, sheetPrefix } from "../../src/template/model/formula";
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

/** Builds the workbook in HyperFormula and returns a way to evaluate any formula in it. */
export function computeWorkbook(description: TemplateDescription): { value: (formula: string) => unknown; hf: HyperFormula } {
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

  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  const names: { name: string; expression: string }[] = [];
  for (const sheet of description.sheets) {
    const grid: (string | number | boolean | null)[][] = [];
    for (const cell of sheetCells(sheet)) {
      const { row, column } = parseAddress(cell.address);
      const content =
        "formula" in cell.content ? `=${hfBooleans(renderExpr(cell.content.formula, { ...GRID, column: columnA1(row) }))}` : cell.content.value;
      while (grid.length < row) grid.push([]);
      const line = grid[row - 1] as (string | number | boolean | null)[];
      while (line.length < column) line.push(null);
      line[column - 1] = content;
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
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true }, names);
  const firstSheet = hf.getSheetId(description.sheets[0]?.name ?? "") ?? 0;
  return { value: (formula) => hf.calculateFormula(formula, firstSheet), hf };
}
