/**
 * Where blocks sit: the one place that knows how tall each block is and where its cells
 * land, shared by the template builder (to place blocks and point formulas at cells) and
 * by the writers (to render them). Blocks stack down a sheet from their anchor:
 * cells    heading row, then one row per cell: label in the anchor column, value right of
 *          it, note right of that;
 * table    heading row, header row, data rows, total row if any;
 * grid     heading row, the corner and column inputs, then one row per row input.
 */
import { offset, parseAddress, address } from "./address";
import type { Block, CellBlock, GridBlock, TableBlock } from "./description";

/** Data rows a table takes: Excel needs at least one, so an empty table keeps one blank row. */
export function dataRowCount(block: TableBlock): number {
  return Math.max(1, block.rows.length);
}

/** Rows a block takes, heading included. */
export function blockHeight(block: Block): number {
  switch (block.kind) {
    case "cells":
      return 1 + block.cells.length;
    case "table":
      return 2 + dataRowCount(block) + (block.totalRow ? 1 : 0);
    case "grid":
      return 2 + block.rowValues.length;
    case "chart":
      return 0;
  }
}

/** The value cell of a labelled cell: one row below the heading per cell, one column right. */
export function valueCell(block: CellBlock, index: number): string {
  return offset(block.anchor, 1 + index, 1);
}

/** The table's header row's first cell. */
export function tableHeaderCell(block: TableBlock): string {
  return offset(block.anchor, 1, 0);
}

/** The whole table, header and total row included: "A6:Q10". */
export function tableRange(block: TableBlock): string {
  const start = tableHeaderCell(block);
  return `${start}:${offset(start, dataRowCount(block) + (block.totalRow ? 1 : 0), block.columns.length - 1)}`;
}

/** A data column of a table as an absolute range (for a chart or a conditional format). */
export function tableColumnRange(block: TableBlock, header: string): string {
  const index = block.columns.findIndex((c) => c.header === header);
  if (index < 0) throw new Error(`Table ${block.name} has no column ${header}`);
  const first = parseAddress(offset(tableHeaderCell(block), 1, index));
  const last = { row: first.row + dataRowCount(block) - 1, column: first.column };
  return `${address(first, { row: true, column: true })}:${address(last, { row: true, column: true })}`;
}

/** Grid cells: the corner, the column inputs right of it, the row inputs below it. */
export function gridCorner(block: GridBlock): string {
  return offset(block.anchor, 1, 0);
}
