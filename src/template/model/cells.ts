/**
 * Every cell a sheet of the description puts in the grid, with its content, format and
 * style: the placement writers and tests share, so where a cell lands is decided once
 * (with layout.ts). Tables are listed as cells too (header, rows, total row); a writer
 * that makes real Excel tables also reads the TableBlock for the table itself.
 */
import { offset } from "./address";
import type { Expr } from "./formula";
import { dataRowCount, tableHeaderCell, valueCell } from "./layout";
import type { Block, CellStyle, FormatName, SheetSpec, TableBlock, TableCell, TableColumn, Validation } from "./description";

export type CellContent = { readonly value: number | string | boolean } | { readonly formula: Expr };

export interface PlacedCell {
  readonly address: string;
  readonly content: CellContent;
  readonly format?: FormatName;
  readonly style?: CellStyle;
  readonly validation?: Validation;
  /** The table a cell belongs to, and its data row (0-based) where it is one. */
  readonly table?: { readonly name: string; readonly row?: number; readonly part: "header" | "data" | "total" };
}

/** A table data cell's look: the example marker, an input the analyst types, or an output (a row's own formula is one too). */
export function tableCellStyle(column: TableColumn, given: TableCell | undefined): CellStyle {
  if (column.header === "Example" && given === "Example") return "example";
  return column.kind === "input" && (given === undefined || typeof given !== "object") ? "input" : "output";
}

/** The title and purpose rows every sheet starts with. */
export function headerCells(sheet: SheetSpec): PlacedCell[] {
  return [
    { address: "A1", content: { value: sheet.name }, style: "title" },
    { address: "A2", content: { value: sheet.purpose }, style: "purpose" },
  ];
}

export function tableCells(block: TableBlock): PlacedCell[] {
  const out: PlacedCell[] = [];
  const header = tableHeaderCell(block);
  const part = (row?: number, p: "header" | "data" | "total" = "data") => ({ name: block.name, ...(row === undefined ? {} : { row }), part: p });
  block.columns.forEach((column, c) => out.push({ address: offset(header, 0, c), content: { value: column.header }, style: "columnHeader", table: part(undefined, "header") }));
  // An empty table keeps one blank row, with its formula columns, so Excel has a row to extend.
  Array.from({ length: dataRowCount(block) }, (_, r) => block.rows[r] ?? {}).forEach((row, r) =>
    block.columns.forEach((column, c) => {
      const given = row[column.header];
      const content: CellContent | undefined =
        column.kind === "formula" && column.formula
          ? { formula: column.formula }
          : given === undefined
            ? undefined
            : typeof given === "object"
              ? { formula: given.formula }
              : { value: given };
      if (!content) return;
      const style = tableCellStyle(column, given);
      out.push({
        address: offset(header, 1 + r, c),
        content,
        format: column.format,
        style,
        ...(column.validation ? { validation: column.validation } : {}),
        table: part(r),
      });
    }),
  );
  if (block.totalRow) {
    const row = 1 + dataRowCount(block);
    block.columns.forEach((column, c) => {
      if (!column.total) return;
      const content: CellContent =
        column.total === "label"
          ? { value: "Total" }
          : { formula: { op: "call", fn: column.total === "sum" ? "SUM" : "AVERAGE", args: [{ op: "column", table: block.name, column: column.header, thisRow: false }] } };
      out.push({ address: offset(header, row, c), content, format: column.format, style: "output", table: part(undefined, "total") });
    });
  }
  return out;
}

export function blockCells(block: Block): PlacedCell[] {
  switch (block.kind) {
    case "cells": {
      const out: PlacedCell[] = [{ address: block.anchor, content: { value: block.heading }, style: "heading" }];
      block.cells.forEach((cell, i) => {
        const value = valueCell(block, i);
        out.push({ address: offset(value, 0, -1), content: { value: cell.label }, style: "label" });
        out.push({
          address: value,
          content: "formula" in cell.value ? { formula: cell.value.formula } : { value: cell.value.input },
          format: cell.format,
          style: cell.style,
          ...(cell.validation ? { validation: cell.validation } : {}),
        });
        if (cell.note) out.push({ address: offset(value, 0, 1), content: { value: cell.note }, style: "note" });
      });
      return out;
    }
    case "table":
      return [{ address: block.anchor, content: { value: block.heading }, style: "heading" }, ...tableCells(block)];
    case "grid": {
      const corner = offset(block.anchor, 1, 0);
      const out: PlacedCell[] = [
        { address: block.anchor, content: { value: block.heading }, style: "heading" },
        { address: corner, content: { value: block.corner }, style: "label" },
      ];
      block.columnValues.forEach((v, j) => out.push({ address: offset(corner, 0, 1 + j), content: { value: v }, format: block.columnFormat, style: "input" }));
      block.rowValues.forEach((v, i) => {
        out.push({ address: offset(corner, 1 + i, 0), content: { value: v }, format: block.rowFormat, style: "input" });
        block.columnValues.forEach((_, j) => {
          const formula = block.formulas[i]?.[j];
          if (formula) out.push({ address: offset(corner, 1 + i, 1 + j), content: { formula }, format: block.cellFormat, style: "output" });
        });
      });
      return out;
    }
    case "chart":
      return [];
  }
}

/** Every cell of a sheet, title first. */
export function sheetCells(sheet: SheetSpec): PlacedCell[] {
  return [...headerCells(sheet), ...sheet.blocks.flatMap(blockCells)];
}
