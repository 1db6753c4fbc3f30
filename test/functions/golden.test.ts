/**
 * The published worked figures and the hand-checked cases, through the catalog and gate
 * (the same path Excel takes, minus the bundle; bundle.test.ts repeats them through it).
 */
import { errorKind, type Problem } from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { asExcelArg } from "../support/bundle";
import { handCheckedCases, judge, judgeRow, planFigures, workedFigures, type GoldenRow } from "../support/golden";
import examples from "../../src/functions/examples.json";

class Err {
  constructor(readonly problem: Problem) {}
}
const EXCEL = { value: "#VALUE!", notAvailable: "#N/A", number: "#NUM!" } as const;
const errorCodeOf = (value: unknown): string | undefined => (value instanceof Err ? EXCEL[errorKind(value.problem)] : undefined);

function call(row: { id: string; args: unknown[] }): unknown[][] {
  return applyFunction(specOf(row.id), row.args.map(asExcelArg), todaysRates, (problem) => new Err(problem)) as unknown[][];
}

describe.each([
  ["worked figure", workedFigures],
  ["hand-checked case", handCheckedCases],
  ["plan figure", planFigures],
])("%s", (_kind, rows: GoldenRow[]) => {
  test.each(rows.map((row) => [`${row.id}: ${row.source}`, row] as const))("%s", (_name, row) => {
    const out = call(row);
    // A function with one result per item (a flag per day or row) is checked item by item.
    const items = (row as GoldenRow & { expectedItems?: unknown[][] }).expectedItems;
    if (items) expect(out).toEqual(items);
    else expect(out).toHaveLength(1);
    expect(judge(row, out[0]?.[0], errorCodeOf)).toBeUndefined();
    expect(judgeRow(row, out[0])).toBeUndefined();
  });
});

describe("the reference examples", () => {
  test.each(examples.examples.map((e) => [`${e.id}: ${e.source}`, e] as const))("%s", (_name, example) => {
    const out = call(example);
    if (Array.isArray(example.result)) {
      // A table: the example gives its leading rows.
      const expected = example.result as unknown[][];
      expect(out.slice(0, expected.length).map((row) => row.map((cell) => (typeof cell === "number" ? Number(cell.toPrecision(12)) : cell)))).toEqual(
        expected.map((row) => row.map((cell) => (typeof cell === "number" ? Number(cell.toPrecision(12)) : cell))),
      );
    } else {
      expect(judge({ ...example, expected: example.result as number | string, source: example.source }, out[0]?.[0], errorCodeOf)).toBeUndefined();
    }
  });
});
