/**
 * What the template owns in a workbook (its sheets, tables and defined names), and the
 * rename map that lets a second copy be written beside the first: applied to the
 * description before rendering, so every formula, table and name stays consistent.
 */
import type { Expr } from "../../model/formula";
import { tableColumnRange, valueCell } from "../../model/layout";
import type { Block, CellBlock, LabelledCell, SheetSpec, TableBlock, TemplateDescription } from "../../model/description";

/** The template's own items, by the names it gives them. */
export interface Inventory {
  readonly sheets: readonly string[];
  /** Each table with the sheet it is on. */
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
  /** Each defined name with its sheet and the value cell (or a named table column's data range) it points at. */
  readonly names: readonly { readonly name: string; readonly sheet: string; readonly address: string; readonly cell?: LabelledCell }[];
}

export const tablesOf = (sheet: SheetSpec): TableBlock[] => sheet.blocks.filter((b): b is TableBlock => b.kind === "table");
export const cellBlocksOf = (sheet: SheetSpec): CellBlock[] => sheet.blocks.filter((b): b is CellBlock => b.kind === "cells");

export function inventory(description: TemplateDescription): Inventory {
  return {
    sheets: description.sheets.map((s) => s.name),
    tables: description.sheets.flatMap((s) => tablesOf(s).map((t) => ({ name: t.name, sheet: s.name }))),
    names: description.sheets.flatMap((s) => [
      ...cellBlocksOf(s).flatMap((block) =>
        block.cells.flatMap((cell, i) => (cell.name ? [{ name: cell.name, sheet: s.name, address: valueCell(block, i), cell }] : [])),
      ),
      ...tablesOf(s).flatMap((block) => block.columns.flatMap((c) => (c.name ? [{ name: c.name, sheet: s.name, address: tableColumnRange(block, c.header).replace(/\$/g, "") }] : []))),
    ]),
  };
}

/** Old → new for each kind of item; an item not in a map keeps its name. */
export interface RenameMap {
  readonly sheets: ReadonlyMap<string, string>;
  readonly tables: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
}

export const NO_RENAMES: RenameMap = { sheets: new Map(), tables: new Map(), names: new Map() };

const renamed = (map: ReadonlyMap<string, string>, key: string): string => map.get(key) ?? key;

/** Sheet "Jobs (2)", table "Jobs_2", name "WeeksPerMonth_2": the copy numbered n. */
export function suffixRenames(description: TemplateDescription, n: number): RenameMap {
  const own = inventory(description);
  return {
    sheets: new Map(own.sheets.map((s) => [s, `${s} (${n})`])),
    tables: new Map(own.tables.map((t) => [t.name, `${t.name}_${n}`])),
    names: new Map(own.names.map((d) => [d.name, `${d.name}_${n}`])),
  };
}

/**
 * The lowest copy number whose sheets, tables and names are all free. Excel compares
 * names without case, and tables and defined names share one namespace.
 */
export function freeCopyNumber(description: TemplateDescription, taken: { sheets: Iterable<string>; tablesAndNames: Iterable<string> }): number {
  const sheets = new Set([...taken.sheets].map((s) => s.toLowerCase()));
  const items = new Set([...taken.tablesAndNames].map((s) => s.toLowerCase()));
  for (let n = 2; ; n++) {
    const map = suffixRenames(description, n);
    const clash =
      [...map.sheets.values()].some((s) => sheets.has(s.toLowerCase())) ||
      [...map.tables.values(), ...map.names.values()].some((s) => items.has(s.toLowerCase()));
    if (!clash) return n;
  }
}

export function renameExpr(expr: Expr, map: RenameMap): Expr {
  const r = (e: Expr): Expr => renameExpr(e, map);
  switch (expr.op) {
    case "name":
      return { ...expr, name: renamed(map.names, expr.name) };
    case "column":
      return { ...expr, table: renamed(map.tables, expr.table) };
    case "ref":
      return { ...expr, sheet: renamed(map.sheets, expr.sheet) };
    case "awu":
      return { ...expr, args: expr.args.map((a) => (a === null ? null : r(a))) };
    case "call":
      return { ...expr, args: expr.args.map(r) };
    case "binary":
      return { ...expr, left: r(expr.left), right: r(expr.right) };
    case "negate":
    case "percent":
      return { ...expr, arg: r(expr.arg) };
    default:
      return expr;
  }
}

function renameBlock(block: Block, map: RenameMap): Block {
  const e = (x: Expr): Expr => renameExpr(x, map);
  switch (block.kind) {
    case "cells":
      return {
        ...block,
        cells: block.cells.map((c) => ({
          ...c,
          ...(c.name === undefined ? {} : { name: renamed(map.names, c.name) }),
          value: "formula" in c.value ? { formula: e(c.value.formula) } : c.value,
        })),
      };
    case "table":
      return {
        ...block,
        name: renamed(map.tables, block.name),
        columns: block.columns.map((c) => ({ ...c, ...(c.formula ? { formula: e(c.formula) } : {}), ...(c.name === undefined ? {} : { name: renamed(map.names, c.name) }) })),
        rows: block.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "object" ? { formula: e(v.formula) } : v]))),
      };
    case "grid":
      return { ...block, formulas: block.formulas.map((row) => row.map(e)) };
    case "chart":
      // Its ranges are addresses on its own sheet, which moves with it.
      return block;
  }
}

/** The same template under new names: what "write beside" renders. */
export function renameDescription(description: TemplateDescription, map: RenameMap): TemplateDescription {
  return {
    ...description,
    sheets: description.sheets.map((sheet) => ({
      ...sheet,
      name: renamed(map.sheets, sheet.name),
      blocks: sheet.blocks.map((b) => renameBlock(b, map)),
      conditionalFormats: sheet.conditionalFormats.map((cf) => ({ ...cf, rules: cf.rules.map((rule) => ({ ...rule, when: renameExpr(rule.when, map) })) })),
    })),
  };
}
