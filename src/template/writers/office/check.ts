/**
 * Check the workbook against the template as built, and repair only what is broken.
 * Check reads in two syncs: what exists (sheets, tables, names), then the details of what
 * exists (headers, formula columns, named cells). Each defect is data (src/messages says it
 * in words) and carries what repair needs to fix just that.
 */
import type { Repaired, TemplateDefect } from "../../../messages/workbook";
import { tableHeaderCell, valueCell } from "../../model/layout";
import type { CellBlock, SheetSpec, TableBlock, TemplateDescription } from "../../model/description";
import { ACTION_BYTES, Batcher, DEFAULT_BUDGET_BYTES, cost } from "../../../excel/batch";
import { literal } from "../../../excel/literals";
import { formulaText } from "./format";
import { inspectWorkbook } from "./inspect";
import { cellBlocksOf, inventory, tablesOf } from "./inventory";
import { addDefinedName, tableAddress, writeSheets, writeTableContent, writeTableFrame, type Writer } from "./write";

export type { Repaired, TemplateDefect };

const lower = (s: string): string => s.toLowerCase();
const isFormula = (f: unknown): boolean => typeof f === "string" && f.startsWith("=");

/** Where each labelled cell of the description is. */
function labelledCells(description: TemplateDescription): { sheet: SheetSpec; block: CellBlock; index: number; name: string }[] {
  return description.sheets.flatMap((sheet) =>
    cellBlocksOf(sheet).flatMap((block) => block.cells.flatMap((cell, index) => (cell.name ? [{ sheet, block, index, name: cell.name }] : []))),
  );
}

/** Top-left cell of an address such as "Jobs!$A$5:$Q$10" or "'Jobs (2)'!A5:Q10". */
const topLeft = (address: string): string => (address.split("!").pop() ?? "").split(":")[0]?.replace(/\$/g, "").toUpperCase() ?? "";

export async function checkWorkbook(context: Excel.RequestContext, description: TemplateDescription): Promise<TemplateDefect[]> {
  const report = await inspectWorkbook(context, description);
  const book = context.workbook;
  const problems: TemplateDefect[] = [];
  const sheetsThere = new Set(report.sheets.map(lower));
  const tablesThere = new Map(report.tables.map((t) => [lower(t.name), t]));
  const namesThere = new Map(report.names.map((n) => [lower(n.name), n]));
  const own = inventory(description);
  const ownTables = new Set(own.tables.map((t) => lower(t.name)));

  for (const sheet of description.sheets) {
    if (sheetsThere.has(lower(sheet.name))) continue;
    const staleNames = own.names.filter((n) => n.sheet === sheet.name && namesThere.has(lower(n.name))).map((n) => n.name);
    problems.push({ code: "missingSheet", sheet: sheet.name, staleNames });
  }
  const present = description.sheets.filter((s) => sheetsThere.has(lower(s.name)));

  // Second read: what the present parts hold now.
  const tableReads = present.flatMap((sheet) =>
    tablesOf(sheet).flatMap((block) => {
      if (!tablesThere.has(lower(block.name))) return [];
      const table = book.tables.getItem(block.name);
      const body = table.getDataBodyRange();
      return [
        {
          block,
          header: table.getHeaderRowRange().load("values"),
          body: body.load("rowCount"),
          columns: block.columns.flatMap((c, index) => (c.kind === "formula" ? [{ index, range: body.getColumn(index).load("formulas") }] : [])),
        },
      ];
    }),
  );
  // Tables on a template sheet that the template does not name: a template table renamed?
  const strangers = report.tables
    .filter((t) => present.some((s) => lower(s.name) === lower(t.sheet)) && !ownTables.has(lower(t.name)))
    .map((t) => ({ ...t, header: book.tables.getItem(t.name).getHeaderRowRange().load("address") }));
  const cells = labelledCells(description)
    .filter((c) => present.includes(c.sheet))
    .map((c) => {
      const there = namesThere.get(lower(c.name));
      const ok = there !== undefined && !there.broken;
      return { ...c, there, range: ok ? book.names.getItem(c.name).getRange().load("values,formulas") : undefined };
    });
  await context.sync();

  for (const sheet of present) {
    for (const block of tablesOf(sheet)) {
      if (tablesThere.has(lower(block.name))) continue;
      const renamedTo = strangers.find((t) => lower(t.sheet) === lower(sheet.name) && topLeft(t.header.address) === tableHeaderCell(block).toUpperCase());
      problems.push(
        renamedTo
          ? { code: "renamedTable", table: block.name, now: renamedTo.name, sheet: sheet.name }
          : { code: "missingTable", table: block.name, sheet: sheet.name, address: tableAddress(block) },
      );
    }
  }
  for (const read of tableReads) {
    const headers = read.header.values[0] ?? [];
    read.block.columns.forEach((c, index) => {
      const now = String(headers[index] ?? "");
      if (now !== c.header) problems.push({ code: "renamedColumn", table: read.block.name, index, expected: c.header, now });
    });
    for (const { index, range } of read.columns) {
      const rows = range.formulas.flatMap((r, i) => (isFormula(r[0]) ? [] : [i + 1]));
      if (rows.length > 0)
        problems.push({ code: "formulaOverwritten", table: read.block.name, column: read.block.columns[index]?.header ?? "", index, rows, rowCount: read.body.rowCount });
    }
  }
  for (const c of cells) {
    const cell = c.block.cells[c.index];
    if (!cell) continue;
    if (!c.there) {
      problems.push({ code: "missingName", name: c.name, label: cell.label, sheet: c.sheet.name });
      continue;
    }
    if (!c.range) {
      problems.push({ code: "brokenName", name: c.name, label: cell.label, sheet: c.sheet.name });
      continue;
    }
    const value = c.range.values[0]?.[0];
    const formula = c.range.formulas[0]?.[0];
    if ("input" in cell.value && typeof cell.value.input === "number" && typeof value === "string" && value.trim() !== "")
      problems.push({ code: "inputIsText", name: c.name, label: cell.label, sheet: c.sheet.name, address: valueCell(c.block, c.index), text: value });
    // An output is the template's formula; an input that starts as a formula may be typed over.
    if ("formula" in cell.value && cell.style === "output" && !isFormula(formula))
      problems.push({ code: "outputOverwritten", name: c.name, label: cell.label, sheet: c.sheet.name });
  }
  return problems;
}

function findTable(description: TemplateDescription, name: string): { sheet: SheetSpec; block: TableBlock } | undefined {
  for (const sheet of description.sheets) for (const block of tablesOf(sheet)) if (block.name === name) return { sheet, block };
  return undefined;
}

function findCell(description: TemplateDescription, name: string): { sheet: SheetSpec; block: CellBlock; index: number } | undefined {
  return labelledCells(description).find((c) => c.name === name);
}

/** The template part a defect is about, as a skipped repair names it. */
function partOf(p: TemplateDefect): Extract<Repaired, { code: "skipped" }> {
  switch (p.code) {
    case "missingSheet":
      return { code: "skipped", part: { item: "sheet", name: p.sheet } };
    case "renamedTable":
    case "missingTable":
      return { code: "skipped", part: { item: "table", name: p.table, sheet: p.sheet } };
    case "renamedColumn":
    case "formulaOverwritten":
      return { code: "skipped", part: { item: "table", name: p.table, sheet: null } };
    case "missingName":
    case "brokenName":
    case "inputIsText":
    case "outputOverwritten":
      return { code: "skipped", part: { item: "name", name: p.name, sheet: p.sheet } };
  }
}

/** Sheets first, then tables, then names and cells: a later repair may need what an earlier one writes. */
const REPAIR_ORDER: readonly TemplateDefect["code"][] = [
  "missingSheet",
  "renamedTable",
  "missingTable",
  "missingName",
  "brokenName",
  "renamedColumn",
  "formulaOverwritten",
  "inputIsText",
  "outputOverwritten",
];

/**
 * Rewrites only the broken parts the defects name, in one write (more only if a rewritten
 * sheet is too large for one request). Returns what was done for each defect, as data.
 */
export async function repair(
  context: Excel.RequestContext,
  description: TemplateDescription,
  problems: readonly TemplateDefect[],
  options: { budget?: number } = {},
): Promise<Repaired[]> {
  const batch = new Batcher(context, options.budget ?? DEFAULT_BUDGET_BYTES, () => {
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    return 2 * ACTION_BYTES;
  });
  const w: Writer = { context, batch, formats: description.formats };
  const done: Repaired[] = [];
  const sorted = [...problems].sort((a, b) => REPAIR_ORDER.indexOf(a.code) - REPAIR_ORDER.indexOf(b.code));

  for (const p of sorted) done.push(await repairOne(w, description, p));
  await batch.flush();
  return done;
}

/** Queues the repair of one defect; a defect naming a part the description lacks is left alone. */
async function repairOne(w: Writer, description: TemplateDescription, p: TemplateDefect): Promise<Repaired> {
  const { batch } = w;
  const book = w.context.workbook;
  switch (p.code) {
    case "missingSheet": {
      const spec = description.sheets.find((s) => s.name === p.sheet);
      if (!spec) return partOf(p);
      await batch.reserve(ACTION_BYTES * (2 + 2 * p.staleNames.length));
      // Names left pointing at the deleted sheet (#REF!) would block the new ones.
      for (const n of p.staleNames) book.names.getItem(n).delete();
      const sheet = book.worksheets.add(spec.name);
      await writeSheets(w, [{ sheet, spec }]);
      return { code: "sheetWritten", sheet: spec.name };
    }
    case "renamedTable":
      if (!findTable(description, p.table)) return partOf(p);
      await batch.reserve(cost(p.table, 2));
      book.tables.getItem(p.now).name = p.table;
      return { code: "tableRenamed", table: p.table };
    case "missingTable": {
      const found = findTable(description, p.table);
      if (!found) return partOf(p);
      const sheet = book.worksheets.getItem(found.sheet.name);
      await writeTableFrame(w, sheet, found.block);
      await writeTableContent(w, sheet, found.block);
      return { code: "tableWritten", table: p.table };
    }
    case "missingName":
    case "brokenName": {
      const found = findCell(description, p.name);
      const cell = found?.block.cells[found.index];
      if (!found || !cell) return partOf(p);
      if (p.code === "brokenName") {
        await batch.reserve(cost(p.name, 2));
        book.names.getItem(p.name).delete();
      }
      await addDefinedName(w, book.worksheets.getItem(found.sheet.name), p.name, valueCell(found.block, found.index), cell.label);
      return { code: "nameAdded", name: p.name };
    }
    case "renamedColumn":
      if (findTable(description, p.table)?.block.columns[p.index]?.header !== p.expected) return partOf(p);
      await batch.reserve(cost(p.expected, 4));
      book.tables.getItem(p.table).getHeaderRowRange().getCell(0, p.index).values = [[literal(p.expected)]];
      return { code: "columnRenamed", table: p.table, column: p.expected };
    case "formulaOverwritten": {
      const found = findTable(description, p.table);
      const formula = found?.block.columns[p.index]?.formula;
      if (!found || !formula) return partOf(p);
      const cells = Array.from({ length: p.rowCount }, () => [formulaText(formula)]);
      await batch.reserve(cost(cells, 4));
      book.tables.getItem(p.table).getDataBodyRange().getColumn(p.index).formulas = cells;
      return { code: "formulaWritten", table: p.table, column: found.block.columns[p.index]?.header ?? p.column };
    }
    case "inputIsText":
    case "outputOverwritten": {
      const found = findCell(description, p.name);
      const cell = found?.block.cells[found.index];
      if (!found || !cell) return partOf(p);
      const content = "formula" in cell.value ? formulaText(cell.value.formula) : literal(cell.value.input);
      await batch.reserve(cost([content, cell.format], 4));
      const range = book.names.getItem(p.name).getRange();
      range.numberFormat = [[w.formats[cell.format]]];
      range.formulas = [[content]];
      return p.code === "inputIsText" ? { code: "inputWritten", label: cell.label } : { code: "outputWritten", label: cell.label };
    }
  }
}
