/**
 * Check the workbook against the template as built, and repair only what is broken.
 * Check reads in two syncs: what exists (sheets, tables, names), then the details of what
 * exists (headers, formula columns, named cells). Each problem says in plain words what is
 * wrong and carries what repair needs to fix just that.
 */
import { WORKBOOK_MESSAGES } from "../../../messages/workbook";
import { tableHeaderCell, valueCell } from "../../model/layout";
import type { CellBlock, SheetSpec, TableBlock, TemplateDescription } from "../../model/description";
import { ACTION_BYTES, Batcher, DEFAULT_BUDGET_BYTES, cost } from "../../../excel/batch";
import { literal } from "../../../excel/literals";
import { formulaText, numberFormat } from "./format";
import { inspectWorkbook } from "./inspect";
import { cellBlocksOf, inventory, tablesOf } from "./inventory";
import { addDefinedName, tableAddress, writeSheets, writeTableContent, writeTableFrame, type Writer } from "./write";

export type TemplateDefect =
  | { readonly kind: "missingSheet"; readonly sheet: string; readonly message: string; readonly staleNames: readonly string[] }
  | { readonly kind: "renamedTable"; readonly table: string; readonly now: string; readonly sheet: string; readonly message: string }
  | { readonly kind: "missingTable"; readonly table: string; readonly sheet: string; readonly message: string }
  | { readonly kind: "missingName" | "brokenName"; readonly name: string; readonly sheet: string; readonly message: string }
  | { readonly kind: "renamedColumn"; readonly table: string; readonly index: number; readonly expected: string; readonly now: string; readonly message: string }
  | { readonly kind: "inputIsText"; readonly name: string; readonly sheet: string; readonly message: string }
  | { readonly kind: "formulaOverwritten"; readonly table: string; readonly index: number; readonly rows: readonly number[]; readonly rowCount: number; readonly message: string }
  | { readonly kind: "outputOverwritten"; readonly name: string; readonly sheet: string; readonly message: string };

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
    problems.push({ kind: "missingSheet", sheet: sheet.name, staleNames, message: WORKBOOK_MESSAGES.problem.missingSheet(sheet.name) });
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
          ? { kind: "renamedTable", table: block.name, now: renamedTo.name, sheet: sheet.name, message: WORKBOOK_MESSAGES.problem.renamedTable(block.name, renamedTo.name, sheet.name) }
          : { kind: "missingTable", table: block.name, sheet: sheet.name, message: WORKBOOK_MESSAGES.problem.missingTable(block.name, sheet.name, tableAddress(block)) },
      );
    }
  }
  for (const read of tableReads) {
    const headers = read.header.values[0] ?? [];
    read.block.columns.forEach((c, index) => {
      const now = String(headers[index] ?? "");
      if (now !== c.header)
        problems.push({ kind: "renamedColumn", table: read.block.name, index, expected: c.header, now, message: WORKBOOK_MESSAGES.problem.renamedColumn(read.block.name, c.header, now) });
    });
    for (const { index, range } of read.columns) {
      const rows = range.formulas.flatMap((r, i) => (isFormula(r[0]) ? [] : [i + 1]));
      if (rows.length > 0)
        problems.push({
          kind: "formulaOverwritten",
          table: read.block.name,
          index,
          rows,
          rowCount: read.body.rowCount,
          message: WORKBOOK_MESSAGES.problem.formulaOverwritten(read.block.name, read.block.columns[index]?.header ?? "", rows),
        });
    }
  }
  for (const c of cells) {
    const cell = c.block.cells[c.index];
    if (!cell) continue;
    if (!c.there) {
      problems.push({ kind: "missingName", name: c.name, sheet: c.sheet.name, message: WORKBOOK_MESSAGES.problem.missingName(c.name, cell.label, c.sheet.name) });
      continue;
    }
    if (!c.range) {
      problems.push({ kind: "brokenName", name: c.name, sheet: c.sheet.name, message: WORKBOOK_MESSAGES.problem.brokenName(c.name, cell.label, c.sheet.name) });
      continue;
    }
    const value = c.range.values[0]?.[0];
    const formula = c.range.formulas[0]?.[0];
    if ("input" in cell.value && typeof cell.value.input === "number" && typeof value === "string" && value.trim() !== "")
      problems.push({ kind: "inputIsText", name: c.name, sheet: c.sheet.name, message: WORKBOOK_MESSAGES.problem.inputIsText(cell.label, c.sheet.name, valueCell(c.block, c.index), value) });
    // An output is the template's formula; an input that starts as a formula may be typed over.
    if ("formula" in cell.value && cell.style === "output" && !isFormula(formula))
      problems.push({ kind: "outputOverwritten", name: c.name, sheet: c.sheet.name, message: WORKBOOK_MESSAGES.problem.outputOverwritten(cell.label, c.sheet.name) });
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

/**
 * Rewrites only the broken parts the problems name, in one write (more only if a rewritten
 * sheet is too large for one request). Returns what was done, in words.
 */
export async function repair(context: Excel.RequestContext, description: TemplateDescription, problems: readonly TemplateDefect[], options: { budget?: number } = {}): Promise<string[]> {
  const book = context.workbook;
  const batch = new Batcher(context, options.budget ?? DEFAULT_BUDGET_BYTES, () => {
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    return 2 * ACTION_BYTES;
  });
  const w: Writer = { context, batch };
  const done: string[] = [];
  const order: TemplateDefect["kind"][] = ["missingSheet", "renamedTable", "missingTable", "missingName", "brokenName", "renamedColumn", "formulaOverwritten", "inputIsText", "outputOverwritten"];
  const sorted = [...problems].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));

  for (const p of sorted) {
    switch (p.kind) {
      case "missingSheet": {
        const spec = description.sheets.find((s) => s.name === p.sheet);
        if (!spec) break;
        await batch.reserve(ACTION_BYTES * (2 + 2 * p.staleNames.length));
        // Names left pointing at the deleted sheet (#REF!) would block the new ones.
        for (const n of p.staleNames) book.names.getItem(n).delete();
        const sheet = book.worksheets.add(spec.name);
        await writeSheets(w, [{ sheet, spec }]);
        done.push(WORKBOOK_MESSAGES.repaired.sheet(spec.name));
        break;
      }
      case "renamedTable":
        await batch.reserve(cost(p.table, 2));
        book.tables.getItem(p.now).name = p.table;
        done.push(WORKBOOK_MESSAGES.repaired.tableRenamed(p.table));
        break;
      case "missingTable": {
        const found = findTable(description, p.table);
        if (!found) break;
        const sheet = book.worksheets.getItem(found.sheet.name);
        await writeTableFrame(w, sheet, found.block);
        await writeTableContent(w, sheet, found.block);
        done.push(WORKBOOK_MESSAGES.repaired.table(p.table));
        break;
      }
      case "missingName":
      case "brokenName": {
        const found = findCell(description, p.name);
        const cell = found?.block.cells[found.index];
        if (!found || !cell) break;
        if (p.kind === "brokenName") {
          await batch.reserve(cost(p.name, 2));
          book.names.getItem(p.name).delete();
        }
        await addDefinedName(w, book.worksheets.getItem(found.sheet.name), p.name, valueCell(found.block, found.index), cell.label);
        done.push(WORKBOOK_MESSAGES.repaired.name(p.name));
        break;
      }
      case "renamedColumn":
        await batch.reserve(cost(p.expected, 4));
        book.tables.getItem(p.table).getHeaderRowRange().getCell(0, p.index).values = [[literal(p.expected)]];
        done.push(WORKBOOK_MESSAGES.repaired.column(p.table, p.expected));
        break;
      case "formulaOverwritten": {
        const found = findTable(description, p.table);
        const column = found?.block.columns[p.index];
        if (!found || !column?.formula) break;
        const cells = Array.from({ length: p.rowCount }, () => [formulaText(column.formula as NonNullable<typeof column.formula>)]);
        await batch.reserve(cost(cells, 4));
        book.tables.getItem(p.table).getDataBodyRange().getColumn(p.index).formulas = cells;
        done.push(WORKBOOK_MESSAGES.repaired.formula(p.table, column.header));
        break;
      }
      case "inputIsText":
      case "outputOverwritten": {
        const found = findCell(description, p.name);
        const cell = found?.block.cells[found.index];
        if (!found || !cell) break;
        const content = "formula" in cell.value ? formulaText(cell.value.formula) : literal(cell.value.input);
        await batch.reserve(cost([content, cell.format], 4));
        const range = book.names.getItem(p.name).getRange();
        range.numberFormat = [[numberFormat(cell.format)]];
        range.formulas = [[content]];
        done.push(p.kind === "inputIsText" ? WORKBOOK_MESSAGES.repaired.input(cell.label) : WORKBOOK_MESSAGES.repaired.output(cell.label));
        break;
      }
    }
  }
  await batch.flush();
  return done;
}
