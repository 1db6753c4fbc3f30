/**
 * How description values become what Office.js writes: cell contents, formula text,
 * number formats, styles, data validation and column widths.
 */
import { EXCEL_CELL_LIMITS } from "../../../excel/literals";
import { GRID, renderExpr, type Expr } from "../../model/formula";
import { STYLES, type CellStyle, type Validation } from "../../model/description";

/** Formula text as typed into Excel's grid. */
export const formulaText = (expr: Expr): string => `=${renderExpr(expr, GRID)}`;

/** The range format writes a style makes, as [path, value] pairs; each is one queued action. */
export function styleWrites(style: CellStyle): [string, string | number | boolean][] {
  const s = STYLES[style];
  const writes: [string, string | number | boolean][] = [];
  if (s.fill) writes.push(["fill.color", `#${s.fill}`]);
  if (s.font) writes.push(["font.color", `#${s.font}`]);
  if (s.bold) writes.push(["font.bold", true]);
  if (s.italic) writes.push(["font.italic", true]);
  if (s.size) writes.push(["font.size", s.size]);
  if (s.wrap) writes.push(["wrapText", true]);
  if (s.vertical) writes.push(["verticalAlignment", s.vertical === "top" ? "Top" : "Bottom"]);
  return writes;
}

export function applyStyle(range: Excel.Range, style: CellStyle): number {
  const writes = styleWrites(style);
  for (const [path, value] of writes) {
    const format = range.format;
    switch (path) {
      case "fill.color":
        format.fill.color = String(value);
        break;
      case "font.color":
        format.font.color = String(value);
        break;
      case "font.bold":
        format.font.bold = Boolean(value);
        break;
      case "font.italic":
        format.font.italic = Boolean(value);
        break;
      case "font.size":
        format.font.size = Number(value);
        break;
      case "wrapText":
        format.wrapText = Boolean(value);
        break;
      case "verticalAlignment":
        format.verticalAlignment = value === "Top" ? "Top" : "Bottom";
        break;
    }
  }
  return writes.length;
}

/** Excel's column width in characters to Office.js points (7-pixel digits plus padding, 96 dpi). */
export const widthInPoints = (characters: number): number => Math.round((characters * 7 + 5) * 0.75 * 100) / 100;

const bounds = (min: number | undefined, max: number | undefined, lowest: number, highest: number): Excel.BasicDataValidation => {
  if (min !== undefined && max !== undefined) return { formula1: min, formula2: max, operator: "Between" };
  if (min !== undefined) return { formula1: min, operator: "GreaterThanOrEqualTo" };
  if (max !== undefined) return { formula1: max, operator: "LessThanOrEqualTo" };
  return { formula1: lowest, formula2: highest, operator: "Between" };
};

/** The data-validation rule for a description's validation. */
export function validationRule(v: Validation): Excel.DataValidationRule {
  switch (v.kind) {
    case "decimal":
      return { decimal: bounds(v.min, v.max, -EXCEL_CELL_LIMITS.largestNumber, EXCEL_CELL_LIMITS.largestNumber) };
    case "whole":
      return { wholeNumber: bounds(v.min, v.max, -2147483648, 2147483647) };
    case "list":
      if (v.source !== undefined) return { list: { inCellDropDown: true, source: `=${v.source}` } };
      // A list source is comma-separated: a comma inside a choice would split it.
      if (v.choices.some((c) => c.includes(","))) throw new Error(`A drop-down choice cannot contain a comma: ${v.choices.join(" | ")}`);
      return { list: { inCellDropDown: true, source: v.choices.join(",") } };
  }
}

/** Excel limits a prompt's title to 32 characters and its message to 255. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function applyValidation(range: Excel.Range, v: Validation, title: string): void {
  range.dataValidation.rule = validationRule(v);
  range.dataValidation.prompt = { showPrompt: true, title: clip(title, 32), message: clip(v.prompt, 255) };
  range.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: clip(title, 32), message: clip(v.prompt, 255) };
}

/** Actions applyValidation queues, for the byte estimate. */
export const VALIDATION_ACTIONS = 4;
