/**
 * Runs an AWU function in the pane on typed arguments, through the same catalog and gate
 * Excel's calls go through, so the pane shows exactly what a cell would: the value, or the
 * Excel error with the catalogue's message. No Office: it works in preview mode too.
 */
import { errorKind, type ErrorKind, type Problem } from "../engine";
import { messageFor } from "../messages";
import { specOf, todaysRates } from "../functions/catalog";
import { applyFunction } from "../functions/gate";
import { formulaOf, parseArgument, type ArgScalar, type ArgValue } from "./args";

export interface CellError {
  readonly error: string;
  readonly message: string;
}
export type ResultCell = ArgScalar | CellError;

export interface Trial {
  /** The formula a cell would hold for these arguments. */
  readonly formula: string;
  /** One row and column for a single result; a spilled range or table otherwise. */
  readonly cells: readonly (readonly ResultCell[])[];
}

const ERROR_TEXT: Readonly<Record<ErrorKind, string>> = { value: "#VALUE!", notAvailable: "#N/A", number: "#NUM!" };

const toCellError = (problem: Problem): CellError => ({ error: ERROR_TEXT[errorKind(problem)], message: messageFor(problem) });

export const isCellError = (cell: ResultCell): cell is CellError => typeof cell === "object";

/** An argument as Excel hands it to the function: a single value arrives as a 1×1 matrix. */
const asExcelArg = (value: ArgValue): unknown => (value === null || Array.isArray(value) ? value : [[value]]);

/** Evaluates AWU.<id> on the typed text of each argument. */
export function tryFunction(id: string, texts: readonly string[]): Trial {
  const args = texts.map(parseArgument);
  let cells: ResultCell[][];
  try {
    cells = applyFunction(specOf(id), args.map(asExcelArg), todaysRates, toCellError);
  } catch (error) {
    // The gate never throws for bad input; a throw is our defect, shown as Excel would show it.
    cells = [[toCellError({ code: "internal", detail: `${id}: ${error instanceof Error ? error.message : String(error)}` })]];
  }
  return { formula: formulaOf(id, args), cells };
}
