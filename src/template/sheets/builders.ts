/**
 * The small builders every sheet of the template is written with: labelled inputs and
 * outputs, a read from the workbook's RateCard table, validation prompts, the traffic-light
 * colours, and the stack that places blocks down a sheet.
 */
import { address, parseAddress } from "../model/address";
import { call, num, str, wholeCol, type Expr } from "../model/formula";
import { blockHeight, tableHeaderCell } from "../model/layout";
import type { Block, LabelledCell, Panes } from "../model/description";
import { TABLES } from "./names";

export const LIGHTS = { red: { fill: "F8CBAD", font: "9C0006" }, amber: { fill: "FFE699", font: "7F6000" }, green: { fill: "C6EFCE", font: "006100" } };

// ---- Small builders ----------------------------------------------------------------------

export const input = (label: string, defined: string, value: number | string, format: LabelledCell["format"], extra: Partial<LabelledCell> = {}): LabelledCell => ({
  label,
  name: defined,
  value: { input: value },
  format,
  style: "input",
  ...extra,
});
export const output = (label: string, defined: string, formula: Expr, format: LabelledCell["format"], note?: string): LabelledCell => ({
  label,
  name: defined,
  value: { formula },
  format,
  style: "output",
  ...(note === undefined ? {} : { note }),
});
/** A price or labor figure read from the workbook's RateCard table by key. */
export const fromRateCard = (key: string): Expr => call("INDEX", wholeCol(TABLES.rateCard, "Value"), call("MATCH", str(key), wholeCol(TABLES.rateCard, "Key"), num(0)));
export const rateCell = (label: string, defined: string, key: string, format: LabelledCell["format"]): LabelledCell =>
  output(label, defined, fromRateCard(key), format, `rate card: ${key}`);

/** An input whose default is the rate card's value (a formula the analyst may type over), its source beside it. */
export const rateInput = (label: string, defined: string, key: string, format: LabelledCell["format"], validation: LabelledCell["validation"], note = `rate card: ${key}`): LabelledCell => ({
  label,
  name: defined,
  value: { formula: fromRateCard(key) },
  format,
  style: "input",
  ...(validation === undefined ? {} : { validation }),
  note,
});

export const rate = (prompt: string) => ({ kind: "decimal", min: 0, max: 1, prompt }) as const;
export const amount = (prompt: string) => ({ kind: "decimal", min: 0, prompt }) as const;

/** Stacks blocks down a sheet from row 4 (title and purpose above), a blank row between. */
export class Stack {
  private row = 4;
  readonly blocks: Block[] = [];
  constructor(private readonly column = "A") {}
  anchor(): string {
    return `${this.column}${this.row}`;
  }
  push<B extends Block>(block: B): B {
    this.blocks.push(block);
    this.row += blockHeight(block) + 1;
    return block;
  }
}

/** The absolute address of a labelled cell's value, for a range over consecutive cells. */
export const absolute = (cell: string): string => address(parseAddress(cell), { row: true, column: true });

/** The title and purpose rows every sheet starts with (model/cells.ts). */
const TITLE_ROWS = 2;

/**
 * What stays in view on a sheet (SheetSpec.freeze). A sheet that is one table keeps the
 * table's column headers, and its row labels where it has them (the total row's label
 * column), so a long or wide table still reads as a list. A sheet of several blocks has no
 * one header row: it keeps its title rows, and column A, where every block's labels and keys are.
 */
export function panes(blocks: readonly Block[]): Panes {
  const placed = blocks.filter((b) => b.kind !== "chart");
  const only = placed.length === 1 ? placed[0] : undefined;
  if (only?.kind !== "table") return { rows: TITLE_ROWS, columns: 1 };
  const header = parseAddress(tableHeaderCell(only));
  const label = only.columns.findIndex((c) => c.total === "label");
  return { rows: header.row, columns: label < 0 ? 0 : header.column + label };
}
