/**
 * The shape of the template's one declarative description (template.ts builds it): sheets,
 * labelled cells with defined names, tables, a sensitivity grid, number formats, data
 * validation, conditional formats and a chart. Writers render this and hold no layout of
 * their own. Addresses are A1 on the block's sheet; formulas are expressions (formula.ts).
 */
import type { Expr } from "./formula";

/** How a cell looks: inputs look like inputs, outputs like outputs (template.md). */
export type CellStyle = "title" | "purpose" | "heading" | "columnHeader" | "label" | "input" | "output" | "note" | "example";

/** Excel number format codes, named for what they show. */
export const FORMATS = {
  usd: '"$"#,##0.00',
  usdWhole: '"$"#,##0',
  count: "#,##0",
  decimal: "#,##0.00",
  ratio: '0.00"×"',
  percent: "0.0%",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
  months: '0.0" months"',
  text: "@",
  general: "General",
} as const;
export type FormatName = keyof typeof FORMATS;

export type Validation =
  | { readonly kind: "decimal"; readonly min?: number; readonly max?: number; readonly prompt: string }
  | { readonly kind: "whole"; readonly min?: number; readonly max?: number; readonly prompt: string }
  /** A drop-down of fixed choices. */
  | { readonly kind: "list"; readonly choices: readonly string[]; readonly prompt: string };

/** A literal input value or a formula. */
export type CellValue = { readonly input: number | string | boolean } | { readonly formula: Expr };

/** One labelled row of a cell block: label in the first column, value next to it, note after. */
export interface LabelledCell {
  readonly label: string;
  /** Workbook-scoped defined name for the value cell, what formulas refer to. */
  readonly name?: string;
  readonly value: CellValue;
  readonly format: FormatName;
  readonly style: "input" | "output";
  readonly validation?: Validation;
  /** Unit, source or how it is computed, shown beside the value. */
  readonly note?: string;
}

/** Labelled cells from `anchor` down: label, value and note columns side by side. */
export interface CellBlock {
  readonly kind: "cells";
  readonly anchor: string;
  readonly heading: string;
  readonly cells: readonly LabelledCell[];
}

export interface TableColumn {
  readonly header: string;
  /**
   * An input the analyst types; a formula for every row (this-row references); or a
   * result the task pane computes and writes as values (scenario results, the stamp).
   */
  readonly kind: "input" | "formula" | "result";
  readonly formula?: Expr;
  readonly format: FormatName;
  readonly validation?: Validation;
  /** The total row's function for this column. */
  readonly total?: "sum" | "average" | "label";
}

/** A row's value for a column: a literal, or a formula of its own where rows differ (a comparison). */
export type TableCell = number | string | boolean | { readonly formula: Expr };

/** A row keyed by column header; formula columns are not given (the column's formula applies). */
export type TableRow = Readonly<Record<string, TableCell>>;

export interface TableBlock {
  readonly kind: "table";
  /** The Excel table name (unique in the workbook), used in structured references. */
  readonly name: string;
  readonly anchor: string;
  readonly heading: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** How many of the first rows are examples, to be replaced (marked in their own column); rows after them are real. */
  readonly exampleRows: number;
  readonly totalRow: boolean;
}

/**
 * A two-way grid (the ROI sensitivity grid): the heading row at `anchor`, then a row of
 * column inputs beside the corner label, then one row per row input with its formulas.
 */
export interface GridBlock {
  readonly kind: "grid";
  readonly anchor: string;
  readonly heading: string;
  readonly corner: string;
  readonly rowValues: readonly number[];
  readonly columnValues: readonly number[];
  readonly rowFormat: FormatName;
  readonly columnFormat: FormatName;
  readonly cellFormat: FormatName;
  /** formulas[i][j]: the cell for rowValues[i] and columnValues[j]. */
  readonly formulas: readonly (readonly Expr[])[];
}

export interface ChartBlock {
  readonly kind: "chart";
  readonly title: string;
  readonly type: "bar" | "column";
  /** Top-left and bottom-right cells the chart covers. */
  readonly from: string;
  readonly to: string;
  /** Category labels and values, as ranges on the same sheet. */
  readonly categories: string;
  readonly values: string;
  readonly seriesName: string;
}

/** Colours a range by rules, first match wins (the wallet's traffic light). */
export interface ConditionalFormat {
  readonly range: string;
  readonly rules: readonly { readonly when: Expr; readonly fill: string; readonly font: string }[];
}

export type Block = CellBlock | TableBlock | GridBlock | ChartBlock;

export interface SheetSpec {
  readonly name: string;
  /** One line that says what the sheet is for, written under the title. */
  readonly purpose: string;
  readonly tabColor: string;
  /** Widths of columns A, B, C… in Excel character units. */
  readonly columnWidths: readonly number[];
  readonly blocks: readonly Block[];
  readonly conditionalFormats: readonly ConditionalFormat[];
}

export interface TemplateDescription {
  /** Written into the workbook so a later pane knows what built it. */
  readonly version: string;
  readonly sheets: readonly SheetSpec[];
}

/** How a style looks. Colours are RGB hex without '#'; `wrap` wraps text in the cell's width, `vertical` aligns it in a taller row. */
export interface StyleLook {
  readonly fill?: string;
  readonly font?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly wrap?: boolean;
  readonly vertical?: "top" | "bottom";
}

/**
 * The styles' look, one place for both writers. A block heading is one line running on over
 * the empty cells to its right, so it does not wrap; a table's column headers sit in narrow
 * columns side by side, so they wrap (bottom-aligned, as Excel aligns headers) and their row
 * grows to fit.
 */
export const STYLES: Readonly<Record<CellStyle, StyleLook>> = {
  title: { bold: true, size: 14, font: "1F3864" },
  purpose: { italic: true, font: "595959" },
  heading: { bold: true, fill: "D9E1F2", font: "1F3864" },
  columnHeader: { bold: true, fill: "D9E1F2", font: "1F3864", wrap: true, vertical: "bottom" },
  label: {},
  input: { fill: "FFF2CC", font: "1F4E79" },
  output: { fill: "F2F2F2", bold: true },
  note: { italic: true, font: "7F7F7F" },
  example: { italic: true, font: "C65911" },
};
