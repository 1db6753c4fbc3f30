/**
 * The template description is valid on its own terms: every formula refers only to names,
 * tables, columns and sheets the description defines, to native functions that compute in
 * Excel 2016 and LibreOffice, and to AWU functions present in the generated functions.json
 * with a valid number of arguments; blocks don't overlap; examples are marked.
 */
import fs from "fs";
import path from "path";
import { NATIVE_FUNCTIONS, renderExpr, walk, type Expr } from "../../src/template/model/formula";
import { blockHeight, tableColumnRange } from "../../src/template/model/layout";
import { parseAddress } from "../../src/template/model/address";
import type { Block, TableBlock, TemplateDescription } from "../../src/template/model/description";
import { LEDGER_SUMMARIES, LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { PORTABLE_FILE } from "../../src/template/render/portable";
import { describeTemplate, EXAMPLE_IMPORT, MODEL_CHOICES, SCENARIO_RESULT_COLUMNS, TABLES } from "../../src/template/sheets/template";

interface MetadataFunction {
  id: string;
  parameters?: { name: string; optional?: boolean }[];
}
const metadata = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../dist/functions.json"), "utf8")) as { functions: MetadataFunction[] };
const arity = new Map(metadata.functions.map((f) => [f.id, { min: (f.parameters ?? []).filter((p) => !p.optional).length, max: (f.parameters ?? []).length }]));

/** Every formula in the description, with where it is. */
function formulas(description: TemplateDescription): { where: string; expr: Expr }[] {
  const out: { where: string; expr: Expr }[] = [];
  for (const sheet of description.sheets) {
    for (const block of sheet.blocks) {
      if (block.kind === "cells")
        for (const cell of block.cells) if ("formula" in cell.value) out.push({ where: `${sheet.name}!${cell.label}`, expr: cell.value.formula });
      if (block.kind === "table") {
        for (const column of block.columns) if (column.formula) out.push({ where: `${block.name}[${column.header}]`, expr: column.formula });
        block.rows.forEach((row, i) => {
          for (const [header, value] of Object.entries(row))
            if (typeof value === "object") out.push({ where: `${block.name} row ${i + 1} [${header}]`, expr: value.formula });
        });
      }
      if (block.kind === "grid") block.formulas.flat().forEach((expr, i) => out.push({ where: `${sheet.name} grid cell ${i + 1}`, expr }));
    }
    sheet.conditionalFormats.forEach((cf) => cf.rules.forEach((rule) => out.push({ where: `${sheet.name} conditional format ${cf.range}`, expr: rule.when })));
  }
  return out;
}

const tables = (d: TemplateDescription): TableBlock[] => d.sheets.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.kind === "table"));
const definedNames = (d: TemplateDescription): string[] =>
  d.sheets.flatMap((s) =>
    s.blocks.flatMap((b) => (b.kind === "cells" ? b.cells.flatMap((c) => (c.name ? [c.name] : [])) : b.kind === "table" ? b.columns.flatMap((c) => (c.name ? [c.name] : [])) : [])),
  );

describe.each([
  ["with examples", describeTemplate({ examples: true, asOf: "2026-11-23" })],
  ["without examples", describeTemplate({ examples: false, asOf: "2026-11-23" })],
])("the template %s", (_label, description) => {
  const names = new Set(definedNames(description));
  const tableColumns = new Map(tables(description).map((t) => [t.name, new Set(t.columns.map((c) => c.header))]));
  const sheets = new Set(description.sheets.map((s) => s.name));

  test("has the Summary first, the six sheets of template.md, the Ledger summary and the importer's sheets, each saying what it is for", () => {
    expect(description.sheets.map((s) => s.name)).toEqual(["Summary", "Inputs", "Jobs", "Budget", "Pricing", "Vendors", "ROI", "Wallet", "Governance", "Ledger", "Scenarios", ...[LEDGER_WORKBOOK.ledger, LEDGER_WORKBOOK.rejects, LEDGER_WORKBOOK.imports, LEDGER_WORKBOOK.rawKeys].map((t) => t.sheet)]);
    for (const sheet of description.sheets) expect(sheet.purpose.length).toBeGreaterThan(20);
  });

  test("defined names and table names are unique, and no name is also a table", () => {
    const all = definedNames(description);
    expect(new Set(all).size).toBe(all.length);
    const tableNames = tables(description).map((t) => t.name);
    expect(new Set(tableNames).size).toBe(tableNames.length);
    for (const t of tableNames) expect(names.has(t)).toBe(false);
  });

  test("every formula refers only to defined names, tables, columns and sheets", () => {
    const problems: string[] = [];
    for (const { where, expr } of formulas(description))
      for (const e of walk(expr)) {
        if (e.op === "name" && !names.has(e.name)) problems.push(`${where}: unknown name ${e.name}`);
        if (e.op === "column" && !tableColumns.get(e.table)?.has(e.column)) problems.push(`${where}: unknown column ${e.table}[${e.column}]`);
        if (e.op === "ref" && !sheets.has(e.sheet)) problems.push(`${where}: unknown sheet ${e.sheet}`);
      }
    expect(problems).toEqual([]);
  });

  test("a this-row reference is used only inside its own table", () => {
    const problems: string[] = [];
    for (const table of tables(description)) {
      const own = [...table.columns.flatMap((c) => (c.formula ? [c.formula] : [])), ...table.rows.flatMap((r) => Object.values(r).flatMap((v) => (typeof v === "object" ? [v.formula] : [])))];
      for (const expr of own) for (const e of walk(expr)) if (e.op === "column" && e.thisRow && e.table !== table.name) problems.push(`${table.name}: this-row ref to ${e.table}`);
    }
    const outside = formulas(description).filter(({ where }) => !tables(description).some((t) => where.startsWith(`${t.name}[`) || where.startsWith(`${t.name} row`)));
    for (const { where, expr } of outside) for (const e of walk(expr)) if (e.op === "column" && e.thisRow) problems.push(`${where}: this-row ref outside a table`);
    expect(problems).toEqual([]);
  });

  test("every AWU call names a function in functions.json with a valid number of arguments", () => {
    const problems: string[] = [];
    let calls = 0;
    for (const { where, expr } of formulas(description))
      for (const e of walk(expr)) {
        if (e.op !== "awu") continue;
        calls++;
        const expected = arity.get(e.fn);
        if (!expected) problems.push(`${where}: AWU.${e.fn} is not in functions.json`);
        else if (e.args.length < expected.min || e.args.length > expected.max)
          problems.push(`${where}: AWU.${e.fn} takes ${expected.min}–${expected.max} arguments, given ${e.args.length}`);
        else e.args.slice(0, expected.min).forEach((a, i) => a === null && problems.push(`${where}: AWU.${e.fn} required argument ${i + 1} omitted`));
      }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(15);
  });

  test("native functions are only those that compute in Excel 2016 and LibreOffice", () => {
    const allowed = new Set<string>(NATIVE_FUNCTIONS);
    const used = formulas(description).flatMap(({ expr }) => [...walk(expr)].flatMap((e) => (e.op === "call" ? [e.fn] : [])));
    expect(used.filter((fn) => !allowed.has(fn))).toEqual([]);
    const text = formulas(description).map(({ expr }) => renderExpr(expr)).join("\n");
    expect(text).not.toMatch(/\b(LET|LAMBDA|SEQUENCE|XLOOKUP|FILTER|IFS)\(/);
  });

  test("blocks on a sheet don't overlap", () => {
    for (const sheet of description.sheets) {
      const spans = sheet.blocks
        .filter((b): b is Exclude<Block, { kind: "chart" }> => b.kind !== "chart")
        .map((b) => {
          const start = parseAddress(b.anchor).row;
          return { start, end: start + blockHeight(b) - 1 };
        })
        .sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBeGreaterThan(spans[i - 1]?.end ?? Infinity);
      expect(spans[0]?.start).toBeGreaterThanOrEqual(3); // rows 1–2: title and purpose
    }
  });

  test("table rows give values only for the table's own input columns", () => {
    for (const table of tables(description)) {
      const inputs = new Set(table.columns.filter((c) => c.kind === "input").map((c) => c.header));
      for (const row of table.rows) for (const header of Object.keys(row)) expect([table.name, inputs.has(header) ? header : `not an input: ${header}`]).toEqual([table.name, header]);
    }
  });

  test("the pricing-model drop-downs offer the names the formulas compare against", () => {
    const rendered = formulas(description).map(({ expr }) => renderExpr(expr)).join("\n");
    for (const choice of MODEL_CHOICES.filter((c) => c !== "Flex Credits")) expect(rendered).toContain(`"${choice}"`);
  });

  test("the Scenarios table has the result columns the pane writes", () => {
    const scenarios = tables(description).find((t) => t.name === TABLES.scenarios);
    expect(scenarios?.columns.filter((c) => c.kind === "result").map((c) => c.header)).toEqual([...SCENARIO_RESULT_COLUMNS]);
  });

  test("the chart plots the comparison table's model and monthly cost columns", () => {
    const pricing = description.sheets.find((s) => s.name === "Pricing");
    const chart = pricing?.blocks.find((b) => b.kind === "chart");
    const comparison = tables(description).find((t) => t.name === TABLES.comparison) as TableBlock;
    expect(chart).toMatchObject({ categories: tableColumnRange(comparison, "Model"), values: tableColumnRange(comparison, "Monthly cost") });
  });
});

test("example rows are there only with examples, and are marked", () => {
  const withExamples = tables(describeTemplate({ examples: true, asOf: "2026-11-23" }));
  const jobs = withExamples.find((t) => t.name === TABLES.jobs) as TableBlock;
  expect(jobs.rows.map((r) => r.Job)).toEqual(["Customer service conversations", "Case follow-up emails", "Website sales chat"]);
  expect(jobs.rows.every((r) => r.Example === "Example")).toBe(true);
  // Sized to the seed (pricing.md §5): 100,000 human cases a year; with the other two, 10,000 runs a month.
  expect(jobs.rows.map((r) => r["Volume per week"])).toEqual([100000 / 52, 6400 / 52, 12000 / 52]);
  expect(jobs.rows.map((r) => r["Human case"])).toEqual(["Yes", "No", "No"]);
  // Every job's units per item is the interaction mix's average, so the mix drives the actions.
  expect(jobs.rows.map((r) => r["Units per item"])).toEqual(jobs.rows.map(() => ({ formula: { op: "name", name: "ActionsPerInteraction" } })));
  const empty = tables(describeTemplate({ examples: false, asOf: "2026-11-23" }));
  expect(empty.find((t) => t.name === TABLES.jobs)?.rows).toEqual([]);
});

test("the rate card table is the built-in card as of the date, one row per key in force", () => {
  const rateCard = tables(describeTemplate({ asOf: "2026-11-23" })).find((t) => t.name === TABLES.rateCard) as TableBlock;
  const byKey = new Map(rateCard.rows.map((r) => [r.Key, r.Value]));
  // pricing.md §1.
  expect(byKey.get("flex.pricePer100kCredits")).toBe(500);
  expect(byKey.get("flex.creditsPerAction")).toBe(20);
  expect(byKey.get("conversation.price")).toBe(2);
  expect(byKey.get("seat.addOn")).toBe(125);
  expect(byKey.get("labor.csrMedianWage")).toBe(20.59);
});

test("the importer's tables are in the template with exactly the importer's columns, on the importer's sheets", () => {
  for (const examples of [true, false]) {
    const description = describeTemplate({ examples, asOf: "2026-11-23" });
    for (const spec of [LEDGER_WORKBOOK.ledger, LEDGER_WORKBOOK.rejects, LEDGER_WORKBOOK.imports]) {
      const sheet = description.sheets.find((s) => s.name === spec.sheet);
      const table = sheet?.blocks.find((b): b is TableBlock => b.kind === "table" && b.name === spec.table);
      expect(table?.columns.map((c) => c.header)).toEqual([...spec.columns]);
      expect(table?.columns.every((c) => c.kind === "input")).toBe(true);
      expect(table?.totalRow).toBe(false);
    }
  }
});

test("the example ledger rows are there only with examples, marked Example in the Import column", () => {
  const ledger = (examples: boolean): TableBlock => tables(describeTemplate({ examples, asOf: "2026-11-23" })).find((t) => t.name === LEDGER_WORKBOOK.ledger.table) as TableBlock;
  expect(ledger(true).rows).toHaveLength(10);
  expect(ledger(true).rows.every((r) => r.Import === EXAMPLE_IMPORT)).toBe(true);
  expect(ledger(true).exampleRows).toBe(10);
  expect(ledger(false).rows).toEqual([]);
  // The ledger summary's jobs are the Jobs sheet's, marked as examples too.
  const summary = tables(describeTemplate({ examples: true, asOf: "2026-11-23" })).find((t) => t.name === TABLES.ledgerSummary) as TableBlock;
  const jobs = tables(describeTemplate({ examples: true, asOf: "2026-11-23" })).find((t) => t.name === TABLES.jobs) as TableBlock;
  expect(summary.rows.map((r) => r.Job)).toEqual(jobs.rows.map((r) => r.Job));
  expect(summary.rows.every((r) => r.Example === "Example")).toBe(true);
});

test("the Ledger sheet is native formulas only: its portable export needs no values", () => {
  const description = describeTemplate({ examples: true, asOf: "2026-11-23" });
  const ledger = description.sheets.find((s) => s.name === "Ledger");
  const exprs = formulas({ ...description, sheets: ledger ? [ledger] : [] });
  expect(exprs.length).toBeGreaterThan(30);
  for (const { expr } of exprs) {
    expect([...walk(expr)].filter((e) => e.op === "awu")).toEqual([]);
    expect(() => renderExpr(expr, PORTABLE_FILE)).not.toThrow();
  }
});

test("every summary the importer adds rows to is a template table with its key column as an input", () => {
  for (const examples of [true, false]) {
    const all = tables(describeTemplate({ examples, asOf: "2026-11-23" }));
    for (const spec of Object.values(LEDGER_SUMMARIES)) {
      const table = all.find((t) => t.name === spec.table);
      expect([spec.table, table?.columns.find((c) => c.header === spec.column)?.kind]).toEqual([spec.table, "input"]);
    }
  }
});
