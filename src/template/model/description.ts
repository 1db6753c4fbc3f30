/**
 * The shape of the template's one declarative description (template.ts builds it): sheets,
 * labelled cells with defined names, tables, a sensitivity grid, number formats, data
 * validation, conditional formats and a chart. Writers render this and hold no layout of
 * their own. Addresses are A1 on the block's sheet; formulas are expressions (formula.ts).
 */
import type { Expr } from "./formula";
import { Refusal } from "../../excel/run";
import type { WorkbookRefusal } from "../../messages/workbook";

/** How a cell looks: inputs look like inputs, outputs like outputs (template.md). */
export type CellStyle = "title" | "purpose" | "heading" | "columnHeader" | "label" | "input" | "output" | "note" | "example";

/**
 * Excel number format codes, named for what they show, as a workbook in US dollars has them.
 * `usd` and `usdWhole` are money in the workbook's currency (`numberFormats`); the keys keep
 * their first names because descriptions and tests refer to them.
 */
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

/** The code each format name is written as in one workbook: money in its currency. */
export type NumberFormats = Readonly<Record<FormatName, string>>;

/**
 * An ISO 4217 code the platform knows (its ICU data names the symbol). A WebView older than
 * Intl.supportedValuesOf (Safari before 15.4) can only check the code's shape.
 */
export const isCurrencyCode = (code: string): boolean =>
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency").includes(code) : /^[A-Z]{3}$/.test(code);

/**
 * The formats of a workbook in `currency` (ISO 4217): money shows the currency's own symbol
 * and decimals as Intl writes them in English (€1,234.50, ¥1,235, CHF 1,234.50). An unknown
 * code is refused, so the pane and the command line say so rather than write a wrong symbol.
 */
export function numberFormats(currency: string): NumberFormats {
  if (!isCurrencyCode(currency)) throw new Refusal<WorkbookRefusal>({ code: "unknownCurrency", currency });
  const intl = new Intl.NumberFormat("en", { style: "currency", currency });
  const parts = intl.formatToParts(1234.5);
  const first = parts.findIndex((p) => p.type === "integer");
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.type === "integer" || p.type === "fraction");
  // Whatever Intl puts before and after the digits (symbol, a space) is written as quoted text.
  const quoted = (text: string): string => (text === "" ? "" : `"${text.replace(/"/g, '""')}"`);
  const before = quoted(parts.slice(0, first).map((p) => p.value).join(""));
  const after = quoted(parts.slice(last + 1).map((p) => p.value).join(""));
  const decimals = intl.resolvedOptions().maximumFractionDigits ?? 2;
  const money = (digits: number): string => `${before}#,##0${digits > 0 ? `.${"0".repeat(digits)}` : ""}${after}`;
  return { ...FORMATS, usd: money(decimals), usdWhole: money(0) };
}

export type Validation =
  | { readonly kind: "decimal"; readonly min?: number; readonly max?: number; readonly prompt: string }
  | { readonly kind: "whole"; readonly min?: number; readonly max?: number; readonly prompt: string }
  /**
   * A drop-down of choices: listed in the rule itself, or, with `source`, the cells of that
   * workbook-scoped name (a list longer than a rule holds, 255 characters); `choices` are
   * then the ones the workbook is built with.
   */
  | { readonly kind: "list"; readonly choices: readonly string[]; readonly prompt: string; readonly source?: string };

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
  /** What the portable file shows instead of `value`: where the add-in would write the cell, and the file computes it live. */
  readonly portableInput?: string;
  /** What the AWU workbook says as built, before the add-in first writes the cell (render/live.ts withBuiltResults). */
  readonly builtInput?: string;
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
  /**
   * A result column's native formula, for the portable file only: there no pane refreshes
   * the results, so the column computes them (render/live.ts); the AWU workbook keeps the pane's values.
   */
  readonly portableFormula?: Expr;
  readonly format: FormatName;
  readonly validation?: Validation;
  /** The total row's function for this column. */
  readonly total?: "sum" | "average" | "label";
  /**
   * A workbook-scoped defined name for the column's data cells (a fixed range, what other
   * workbooks and checks read: `BudgetMonths` is 12 cells); rows added later are not in it.
   */
  readonly name?: string;
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
  /** Series after the first, over the same categories; with any, the chart shows a legend. */
  readonly moreSeries?: readonly ChartSeries[];
  /** Series stacked in one column per category (the parts of a whole) rather than side by side. */
  readonly stacked?: boolean;
}

/** One more series of a chart: its values, a range on the chart's sheet, and its name. */
export interface ChartSeries {
  readonly values: string;
  readonly name: string;
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
  /** What stays in view when scrolling, and atop every printed page (builders.ts `panes` decides it from the blocks). */
  readonly freeze?: Panes;
}

/** Rows 1 to `rows` and columns A to the `columns`th are frozen on screen; the rows also repeat atop each printed page. */
export interface Panes {
  readonly rows: number;
  readonly columns: number;
}

/**
 * How every sheet prints: landscape, all its columns on one page wide and as many pages tall
 * as it takes (0: no limit), its frozen rows repeated atop each page.
 */
export const PRINT = { orientation: "landscape", pagesWide: 1, pagesTall: 0 } as const;

export interface TemplateDescription {
  /** Written into the workbook so a later pane knows what built it. */
  readonly version: string;
  /** The number format each format name is written as: money in the workbook's currency (`numberFormats`). */
  readonly formats: NumberFormats;
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
