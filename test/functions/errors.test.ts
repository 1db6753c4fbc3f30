/** Every function's error table through the gate: the Excel error and the exact message. */
import { errorKind, type Problem } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { catalog, specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { asExcelArg } from "../support/bundle";
import { ERROR_ROWS } from "./errors.rows";

const EXCEL = { value: "#VALUE!", notAvailable: "#N/A", number: "#NUM!" } as const;

function firstCell(id: string, args: readonly unknown[]): unknown {
  return applyFunction(specOf(id), args.map(asExcelArg), todaysRates, (problem: Problem) => ({ error: EXCEL[errorKind(problem)], message: messageFor(problem) }))[0]?.[0];
}

test.each(ERROR_ROWS.map((row) => [`${row.id}: ${row.why}`, row] as const))("%s", (_name, row) => {
  expect(firstCell(row.id, row.args)).toEqual({ error: row.error, message: row.message });
});

test("every function with arguments has rows in the error table", () => {
  const covered = new Set(ERROR_ROWS.map((row) => row.id));
  const uncovered = [...catalog.values()].filter((spec) => spec.params.length > 0 && !covered.has(spec.id)).map((spec) => spec.id);
  expect(uncovered).toEqual([]);
});

test("a bad cell in a range fails alone; the rest still compute", () => {
  const out = applyFunction(specOf("FLEXCOST"), [[[100], ["x"], [-1], [300]]], todaysRates, (problem) => messageFor(problem));
  expect(out).toEqual([[10], ['actions must be a number, not the text "x".'], ["actions must be at least 0; it is -1."], [30]]);
});

test("COMPARE shows #N/A with a reason in the ratio column when every model costs 0", () => {
  const out = applyFunction(specOf("COMPARE"), [[[0]], [[5]], [[0]], null], todaysRates, (problem) => EXCEL[errorKind(problem)] + " " + messageFor(problem));
  expect(out.slice(1).map((row) => row[3])).toEqual(Array(4).fill("#N/A No comparison: the cheapest model costs 0."));
  expect(out.slice(1).map((row) => row[1])).toEqual([0, 0, 0, 0]);
});

test("an unexpected fault inside a computation becomes a #VALUE! with a message, not a thrown exception", () => {
  // A rate reader that fails stands in for a defect: the Excel boundary (excel.ts) must catch it.
  jest.isolateModules(() => {
    const stub = {
      Error: class {
        constructor(
          readonly code: string,
          readonly message?: string,
        ) {}
      },
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    };
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = stub;
    const { run } = jest.requireActual<typeof import("../../src/functions/excel")>("../../src/functions/excel");
    const broken = { ...specOf("FLEXCOST"), compute: () => { throw new Error("boom"); } };
    const out = run(broken, [[[1]]]) as { code: string; message: string }[][];
    expect(out[0]?.[0]).toEqual(new stub.Error("#VALUE!", "AWU could not compute this (FLEXCOST: boom); please report it."));
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  });
});
