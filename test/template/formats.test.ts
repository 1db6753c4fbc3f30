/**
 * A formula in a text-formatted ("@") cell is stored by Excel as the formula's text, not
 * computed: a cell or table column with a formula must never carry the text format.
 */
import { describeTemplate } from "../../src/template/sheets/template";
import type { Block } from "../../src/template/model/description";

function textFormattedFormulas(block: Block): string[] {
  switch (block.kind) {
    case "cells":
      return block.cells.filter((c) => "formula" in c.value && c.format === "text").map((c) => `${block.heading ?? ""}: ${c.label}`);
    case "table":
      return [
        ...block.columns.filter((c) => c.kind === "formula" && c.format === "text").map((c) => `${block.name}[${c.header}]`),
        ...block.rows.flatMap((row, i) =>
          block.columns.filter((c) => c.format === "text" && typeof row[c.header] === "object").map((c) => `${block.name}[${c.header}] row ${i + 1}`),
        ),
      ];
    case "grid":
      return block.cellFormat === "text" ? [`grid at ${block.anchor}`] : [];
    default:
      return [];
  }
}

test.each([true, false])("no formula is typed into a text-formatted cell (examples: %s)", (examples) => {
  const description = describeTemplate({ examples, asOf: "2026-11-23" });
  const offenders = description.sheets.flatMap((sheet) => sheet.blocks.flatMap((block) => textFormattedFormulas(block).map((where) => `${sheet.name} › ${where}`)));
  expect(offenders).toEqual([]);
  // The check reads what it means to: the template has formula cells and text inputs both.
  const kinds = description.sheets.flatMap((s) => s.blocks).map((b) => b.kind);
  expect(kinds).toEqual(expect.arrayContaining(["cells", "table", "grid"]));
});
