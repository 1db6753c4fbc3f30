/**
 * The evaluator's native functions added for the ledger, worked by hand over the fixture's
 * Usage table (credits 4.2M, 3.3M, 2.5M; budgets 6M, 4M, 2M). LibreOffice computes the same
 * cells in libreoffice.test.ts ("every formula cell agrees").
 */
import { valueCell } from "../../src/template/model/layout";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { CellError, criterion, textPattern, type ExcelValue } from "../../src/template/render/excel-values";
import { fixtureDescription } from "./fixture";

const description = fixtureDescription();
const evaluator = workbookEvaluator(description);
const named = (name: string): unknown => {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "cells") {
        const i = block.cells.findIndex((c) => c.name === name);
        if (i >= 0) return evaluator.cell(sheet.name, valueCell(block, i));
      }
  throw new Error(`no name ${name}`);
};

test("array arithmetic inside SUMPRODUCT: (credits ≥ 3M) × budget × (INT(credits ÷ 1M) − 1) = 6M × 3 + 4M × 2", () => {
  expect(named("NSumProductArrays")).toBe(26000000);
});

test("INT rounds down, negative numbers away from zero", () => {
  expect(named("NInt")).toBe(-3);
});

test("MEDIAN of an even count is the mean of the middle two: (2.5M + 3.3M) ÷ 2", () => {
  expect(named("NMedian")).toBe(2900000);
});

test("MAXIFS: the largest matching value, 0 when none matches", () => {
  expect(named("NMaxIfs")).toBe(2500000);
  expect(named("NMaxIfsNone")).toBe(0);
});

test("SUBSTITUTE: every occurrence, or only the instance given", () => {
  expect(named("NSubstitute")).toBe("a~~b*c~~|a-b+c");
});

test("names matched exactly: the criterion and MATCH pattern of S* find no team, of sales the Sales row", () => {
  expect(named("NCountIfsExactly")).toBe(10);
  expect(named("NMatchExactly")).toBe(20);
});

/** The cells of `cells` a criterion takes. */
const taken = (c: ExcelValue, cells: readonly ExcelValue[]): ExcelValue[] => cells.filter(criterion(c));

describe("SUMIFS/COUNTIFS criteria, as LibreOffice reads them in an .xlsx (probed there; libreoffice.test.ts checks the ledger's)", () => {
  const names: ExcelValue[] = ["*", "?", "a*", "ab", "a", "~", "~~", "a~b", "~*", "<5", ">a", "=b", "b", "Sales", "SALES", null, "", 4, 5, "4100", 4100, "04100", true, new CellError("#N/A")];

  test("~ makes the next character literal: ~* ~? ~~ are *, ? and ~; a last ~ is itself", () => {
    expect(taken("=~*", names)).toEqual(["*"]);
    expect(taken("=~?", names)).toEqual(["?"]);
    expect(taken("=a~*", names)).toEqual(["a*"]);
    expect(taken("=~~", names)).toEqual(["~"]);
    expect(taken("=~~~*", names)).toEqual(["~*"]);
    expect(taken("=a~~b", names)).toEqual(["a~b"]);
    expect(taken("~", names)).toEqual(["~"]);
    // ~ before any other character is that character: a name with a ~ must have it doubled.
    expect(taken("a~b", names)).toEqual(["ab"]);
  });

  test("wildcards unescaped match runs and single characters, text only", () => {
    expect(taken("a*", names)).toEqual(["a*", "ab", "a", "a~b"]);
    expect(taken("?", names)).toEqual(["*", "?", "a", "~", "b"]);
  });

  test("after the leading =, a <, > or = is part of the text; in any case", () => {
    expect(taken("=<5", names)).toEqual(["<5"]);
    expect(taken("=>a", names)).toEqual([">a"]);
    expect(taken("==b", names)).toEqual(["=b"]);
    expect(taken("=sales", names)).toEqual(["Sales", "SALES"]);
    // Without it they are operators.
    expect(taken("<5", names)).toEqual([4]);
    expect(taken("=b", names)).toEqual(["b"]);
  });

  test("a number: numbers by value, text by its characters", () => {
    expect(taken("=4100", names)).toEqual(["4100", 4100]);
    expect(taken("<>4100", names).includes("04100")).toBe(true);
    expect(taken("=", names)).toEqual([null, ""]);
  });

  test("textPattern is what MATCH reads: escaped, in any case, the whole text", () => {
    expect(textPattern("a~*").test("A*")).toBe(true);
    expect(textPattern("a~*").test("ab")).toBe(false);
    expect(textPattern("a.b").test("axb")).toBe(false);
    expect(textPattern("(x)[y]+").test("(X)[Y]+")).toBe(true);
  });
});
