/**
 * The pane's reading of typed arguments (Excel's formula syntax) and its evaluation of a
 * function, pure: the same formulas as the reference page, the same results as the
 * worked examples, the same messages as Excel shows.
 */
import { formulaOf as referenceFormulaOf } from "../../build/metadata";
import { messageFor } from "../../src/messages";
import examplesFile from "../../src/functions/examples.json";
import { COUNT } from "../../src/functions/params";
import { argumentText, displayValue, formulaOf, parseArgument, type ArgValue } from "../../src/taskpane/args";
import { isCellError, tryFunction } from "../../src/taskpane/preview";

interface Example {
  id: string;
  args: ArgValue[];
  result: number | string | (number | string)[][];
  source: string;
}
const examples = examplesFile.examples as Example[];

/** Examples are written to about 10 significant digits. */
const near = (expected: number): unknown => expect.closeTo(expected, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(expected) + 1))));

describe("parseArgument", () => {
  test.each<[string, ArgValue]>([
    ["", null],
    ["   ", null],
    ["53000", 53000],
    [" -5 ", -5],
    ["1.5e3", 1500],
    [".25", 0.25],
    ["25%", 0.25],
    ["TRUE", true],
    ["false", false],
    ['"gemini-3-flash"', "gemini-3-flash"],
    ['"say ""hi"""', 'say "hi"'],
    ["gemini-3-flash", "gemini-3-flash"],
    ["53,000", "53,000"],
    ["{0.6;0.3;0.1}", [[0.6], [0.3], [0.1]]],
    ["{1,2;3,4}", [[1, 2], [3, 4]]],
    ['{"a;b","c"}', [["a;b", "c"]]],
  ])("%j → %j", (text, expected) => {
    expect(parseArgument(text)).toEqual(expected);
  });

  test("an example's arguments survive the round trip through their input boxes", () => {
    for (const e of examples) for (const arg of e.args) expect(parseArgument(argumentText(arg))).toEqual(arg);
  });
});

describe("formulaOf", () => {
  test.each(examples.map((e) => [referenceFormulaOf(e), e] as const))("%s is written as the reference page writes it", (_formula, e) => {
    expect(formulaOf(e.id, e.args)).toBe(referenceFormulaOf(e));
  });

  test("empty arguments in the middle stay as gaps; trailing ones are left out", () => {
    expect(formulaOf("FLEXCOST", [53000, null, null, 0.25])).toBe("=AWU.FLEXCOST(53000, , , 0.25)");
    expect(formulaOf("FLEXCOST", [53000, null, null, null])).toBe("=AWU.FLEXCOST(53000)");
    expect(formulaOf("RATE", ['a "b"'])).toBe('=AWU.RATE("a ""b""")');
  });
});

describe("tryFunction", () => {
  test.each(examples.map((e) => [referenceFormulaOf(e), e] as const))("%s gives the worked example's result", (_formula, e) => {
    const trial = tryFunction(e.id, e.args.map(argumentText));
    if (Array.isArray(e.result)) {
      // Tables: the example lists the leading rows.
      expect(trial.cells.slice(0, e.result.length)).toEqual(e.result.map((row) => row.map((cell) => (typeof cell === "number" ? near(cell) : cell))));
    } else {
      expect(trial.cells).toHaveLength(1);
      const cell = trial.cells[0]?.[0];
      expect(cell).toEqual(typeof e.result === "number" ? near(e.result) : e.result);
    }
  });

  test("bad input gives Excel's error and the catalogue's message", () => {
    const trial = tryFunction("FLEXCOST", ["-5"]);
    expect(trial.formula).toBe("=AWU.FLEXCOST(-5)");
    expect(trial.cells).toEqual([[{ error: "#VALUE!", message: messageFor({ code: "outOfBounds", arg: "actions", input: -5, bounds: COUNT }) }]]);
    expect(tryFunction("FLEXCOST", [""]).cells).toEqual([[{ error: "#VALUE!", message: messageFor({ code: "missing", arg: "actions" }) }]]);
    expect(tryFunction("BREAKEVEN", ["8.37", "10"]).cells[0]?.[0]).toEqual({ error: "#N/A", message: messageFor({ code: "breakevenAboveOne" }) });
  });

  test("a range argument spills one result per cell, a bad cell failing alone", () => {
    const cells = tryFunction("FLEXCOST", ["{53000;-1}"]).cells;
    expect(cells[0]?.[0]).toBe(5300);
    const bad = cells[1]?.[0];
    expect(bad !== undefined && isCellError(bad)).toBe(true);
  });
});

test("displayValue shows numbers as the messages do (up to 10 significant digits)", () => {
  expect(displayValue(0.23894862604540024)).toBe("0.238948626");
  expect(displayValue(5300)).toBe("5300");
  expect(displayValue(true)).toBe("TRUE");
  expect(displayValue("75%")).toBe("75%");
});
