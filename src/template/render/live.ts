/**
 * What the portable file writes, as a description: the template with every figure live where
 * a native formula exists. Result columns that the pane fills in the AWU workbook compute with
 * their portable formulas (the Scenarios results), and each sheet that still holds a value
 * instead of a formula lists those figures and why, in a block of its own below the others.
 * The list comes from the portable renderer's own refusals (NotPortable), the same ones on
 * which the file writer writes a value, so it names exactly the cells written as values.
 */
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { offset, parseAddress } from "../model/address";
import { sheetCells } from "../model/cells";
import { renderExpr } from "../model/formula";
import { blockHeight, tableHeaderCell, valueCell } from "../model/layout";
import type { Block, CellBlock, SheetSpec, TableBlock, TableCell, TemplateDescription } from "../model/description";
import { CellError, workbookEvaluator } from "./evaluator";
import { NotPortable, PORTABLE_FILE } from "./portable";

/** A figure the portable file holds as a value, and why. */
export interface WrittenAsValue {
  readonly sheet: string;
  /** The cell, or the range of a table column's data cells. */
  readonly address: string;
  /** A labelled cell's label, or the table column as a structured reference. */
  readonly figure: string;
  /** The renderer's refusal, naming the AWU function and why it has no native formula. */
  readonly refusal: NotPortable;
}

/** The heading of the list on each sheet that has one. */
export const VALUES_LIST_HEADING = TEMPLATE_MESSAGES.valuesListHeading;

/** The renderer's refusal of a formula, or undefined when it has a native form. */
function refusalOf(formula: Parameters<typeof renderExpr>[0]): NotPortable | undefined {
  try {
    renderExpr(formula, PORTABLE_FILE);
    return undefined;
  } catch (error) {
    if (error instanceof NotPortable) return error;
    throw error;
  }
}

/** Every figure of a sheet that the portable renderer refuses: one entry per labelled cell, one per table column. */
export function writtenAsValues(sheet: SheetSpec): WrittenAsValue[] {
  const labels = new Map<string, string>();
  for (const block of sheet.blocks) if (block.kind === "cells") block.cells.forEach((c, i) => labels.set(valueCell(block, i), c.label));
  const out: WrittenAsValue[] = [];
  const columns = new Map<string, { first: string; last: string; figure: string; refusal: NotPortable }>();
  for (const placed of sheetCells(sheet)) {
    if (!("formula" in placed.content)) continue;
    const refusal = refusalOf(placed.content.formula);
    if (!refusal) continue;
    if (placed.table?.part === "data") {
      const table = sheet.blocks.find((b): b is TableBlock => b.kind === "table" && b.name === placed.table?.name);
      const index = table ? parseAddress(placed.address).column - parseAddress(tableHeaderCell(table)).column : -1;
      const key = `${placed.table.name}:${index}`;
      const known = columns.get(key);
      if (known) known.last = placed.address;
      else columns.set(key, { first: placed.address, last: placed.address, figure: `${placed.table.name}[${table?.columns[index]?.header ?? ""}]`, refusal });
      continue;
    }
    out.push({ sheet: sheet.name, address: placed.address, figure: labels.get(placed.address) ?? placed.address, refusal });
  }
  for (const c of columns.values()) out.push({ sheet: sheet.name, address: c.first === c.last ? c.first : `${c.first}:${c.last}`, figure: c.figure, refusal: c.refusal });
  return out;
}

/** The last row a block takes (a chart's bottom edge). */
function lastRow(block: Block): number {
  if (block.kind === "chart") return parseAddress(block.to).row;
  return parseAddress(block.anchor).row + blockHeight(block) - 1;
}

/** The list of a sheet's figures written as values, a blank row below its last block; none when every figure is live. */
export function valuesList(sheet: SheetSpec): CellBlock | undefined {
  const values = writtenAsValues(sheet);
  if (values.length === 0) return undefined;
  const below = Math.max(2, ...sheet.blocks.map(lastRow)) + 2;
  return {
    kind: "cells",
    anchor: `A${below}`,
    heading: VALUES_LIST_HEADING,
    cells: values.map((v) => ({ label: v.figure, value: { input: v.address }, format: "text", style: "output", note: v.refusal.message })),
  };
}

/** A result column the pane fills, computing instead with its portable formula. */
const live = (block: TableBlock): TableBlock => ({
  ...block,
  columns: block.columns.map((c) => (c.kind === "result" && c.portableFormula ? { ...c, kind: "formula", formula: c.portableFormula } : c)),
});

/** Cells the add-in would write (a refresh stamp), showing what the portable file says instead. */
const portableCells = (block: CellBlock): CellBlock => ({
  ...block,
  cells: block.cells.map((c) => (c.portableInput === undefined ? c : { ...c, value: { input: c.portableInput }, format: "text" })),
});

/** The description the portable file writes: result columns live, stamps said so, and each sheet's list of figures written as values. */
export function portableDescription(description: TemplateDescription): TemplateDescription {
  return {
    ...description,
    sheets: description.sheets.map((sheet) => {
      const withResults: SheetSpec = { ...sheet, blocks: sheet.blocks.map((b) => (b.kind === "table" ? live(b) : b.kind === "cells" ? portableCells(b) : b)) };
      const list = valuesList(withResults);
      return list ? { ...withResults, blocks: [...withResults.blocks, list] } : withResults;
    }),
  };
}

/**
 * The AWU workbook as built: its result columns (the Scenarios results) hold what the first
 * Refresh scenarios would write, the values of their portable formulas, so no figure that
 * reads them (ScenarioAnnualTotal, the Summary's chart) is blank until the analyst refreshes;
 * the stamp says when they were computed. A refresh then rewrites them as before.
 */
export function withBuiltResults(description: TemplateDescription): TemplateDescription {
  const portable = portableDescription(description);
  const evaluator = workbookEvaluator(portable);
  return {
    ...description,
    sheets: description.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((block): Block => {
        if (block.kind === "cells") return { ...block, cells: block.cells.map((c) => (c.builtInput === undefined ? c : { ...c, value: { input: c.builtInput }, format: "text" })) };
        if (block.kind !== "table" || !block.columns.some((c) => c.kind === "result" && c.portableFormula)) return block;
        const rows = block.rows.map((row, r) => {
          const seeded: Record<string, TableCell> = { ...row };
          block.columns.forEach((c, i) => {
            if (c.kind !== "result" || !c.portableFormula) return;
            const value = evaluator.cell(sheet.name, offset(tableHeaderCell(block), 1 + r, i));
            // An error or a blank stays blank, as the pane leaves a figure it can't compute.
            if (!(value instanceof CellError) && value !== null && value !== "") seeded[c.header] = value;
          });
          return seeded;
        });
        return { ...block, rows };
      }),
    })),
  };
}
