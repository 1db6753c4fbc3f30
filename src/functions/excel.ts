/**
 * The boundary with Excel: Excel's raw arguments go through the gate, and problems come
 * back as CustomFunctions.Error values carrying the catalogue's message.
 */
import { errorKind, type ErrorKind, type Problem } from "../engine";
import { messageFor } from "../messages";
import { todaysRates } from "./catalog";
import { applyFunction, type FunctionSpec } from "./gate";

// Read at call time: the CustomFunctions global is Excel's, present once the runtime has loaded.
const excelCode = (kind: ErrorKind): CustomFunctions.ErrorCode =>
  kind === "value"
    ? CustomFunctions.ErrorCode.invalidValue
    : kind === "notAvailable"
      ? CustomFunctions.ErrorCode.notAvailable
      : CustomFunctions.ErrorCode.invalidNumber;

function toExcelError(problem: Problem): CustomFunctions.Error {
  const kind = errorKind(problem);
  // Excel shows a message only on #VALUE! and #N/A.
  return kind === "number" ? new CustomFunctions.Error(excelCode(kind)) : new CustomFunctions.Error(excelCode(kind), messageFor(problem));
}

/** Runs a declared function on Excel's arguments; never throws, never returns NaN or Infinity. */
export function run(spec: FunctionSpec, args: readonly unknown[]): unknown[][] {
  try {
    return applyFunction(spec, args, todaysRates, toExcelError);
  } catch (error) {
    return [[toExcelError({ code: "internal", detail: `${spec.id}: ${error instanceof Error ? error.message : String(error)}` })]];
  }
}
