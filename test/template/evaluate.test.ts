/**
 * The evaluator's native functions added for the ledger, worked by hand over the fixture's
 * Usage table (credits 4.2M, 3.3M, 2.5M; budgets 6M, 4M, 2M). LibreOffice computes the same
 * cells in libreoffice.test.ts ("every formula cell agrees").
 */
import { valueCell } from "../../src/template/model/layout";
import { workbookEvaluator } from "../../src/template/render/evaluator";
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
