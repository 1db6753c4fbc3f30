/**
 * A small template that uses every kind of block (labelled cells with names, validation
 * of each kind, a table with input, formula and result columns, a total row and marked
 * example rows, a grid, a chart and a conditional format), the real template resized to
 * any number of job rows, and measureBuild for the bench.
 */
import { awu, col, div, ge, mul, name, num, ref } from "../../src/template/model/formula";
import { FORMATS, type SheetSpec, type TableBlock, type TableRow, type TemplateDescription } from "../../src/template/model/description";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { buildInWorkbook } from "../../src/template/actions/index";
import { ExcelDouble } from "../support/excel-double";

const setup: SheetSpec = {
  name: "Setup",
  purpose: "Inputs for the fixture: one of each kind of validation.",
  tabColor: "FFC000",
  columnWidths: [30, 14, 30],
  blocks: [
    {
      kind: "cells",
      anchor: "A4",
      heading: "Settings",
      cells: [
        { label: "Weeks per month", name: "Weeks", value: { input: 4.33 }, format: "decimal", style: "input", validation: { kind: "decimal", min: 0, prompt: "Weeks in a month." }, note: "52 ÷ 12" },
        { label: "Seats", name: "Seats", value: { input: 10 }, format: "count", style: "input", validation: { kind: "whole", min: 0, max: 1000, prompt: "Licensed users." } },
        { label: "Model", name: "Model", value: { input: "Flex Credits" }, format: "text", style: "input", validation: { kind: "list", choices: ["Flex Credits", "Per user"], prompt: "How the vendor bills." } },
        { label: "Code", name: "Code", value: { input: "-42 or =not a formula" }, format: "text", style: "input", note: "+ text that starts like a formula" },
        { label: "Weekly seats", name: "WeeklySeats", value: { formula: div(name("Seats"), name("Weeks")) }, format: "decimal", style: "output" },
      ],
    },
  ],
  conditionalFormats: [],
};

const task = (column: string) => col("Tasks", column);

export const FIXTURE_TASKS: TableBlock = {
  kind: "table",
  name: "Tasks",
  anchor: "A4",
  heading: "Tasks (one row each)",
  columns: [
    { header: "Example", kind: "input", format: "text" },
    { header: "Task", kind: "input", format: "text", total: "label" },
    { header: "Per week", kind: "input", format: "decimal", total: "sum", validation: { kind: "decimal", min: 0, prompt: "Items a week." } },
    { header: "Per month", kind: "formula", format: "decimal", total: "sum", formula: mul(task("Per week"), name("Weeks")) },
    { header: "Cost", kind: "formula", format: "usd", total: "average", formula: awu("FLEXCOST", task("Per month"), num(20), num(500), null) },
    { header: "Note", kind: "result", format: "text" },
  ],
  rows: [
    { Example: "Example", Task: "Enrichment", "Per week": 250 },
    { Example: "Example", Task: "Follow-ups", "Per week": 1200 },
  ],
  exampleRows: 2,
  totalRow: true,
};

const work: SheetSpec = {
  name: "Work Plan",
  purpose: "A table, a grid, a chart and a traffic light.",
  tabColor: "5B9BD5",
  columnWidths: [10, 20, 12, 12, 12, 20],
  blocks: [
    FIXTURE_TASKS,
    {
      kind: "grid",
      anchor: "A11",
      heading: "Cost by volume × seats",
      corner: "Volume \\ seats",
      rowValues: [100, 200],
      columnValues: [1, 2, 3],
      rowFormat: "count",
      columnFormat: "count",
      cellFormat: "usd",
      formulas: [100, 200].map((_, i) => [1, 2, 3].map((__, j) => mul(ref("Work Plan", `$A${13 + i}`), ref("Work Plan", `${String.fromCharCode(66 + j)}$12`)))),
    },
    {
      kind: "chart",
      title: "Cost per task",
      type: "column",
      from: "H4",
      to: "N18",
      categories: "$B$6:$B$7",
      values: "$E$6:$E$7",
      seriesName: "Cost",
    },
  ],
  conditionalFormats: [
    {
      range: "$D$6:$D$7",
      rules: [
        { when: ge(ref("Work Plan", "$D6"), num(1000)), fill: "F8CBAD", font: "9C0006" },
        { when: ge(ref("Work Plan", "$D6"), num(0)), fill: "C6EFCE", font: "006100" },
      ],
    },
  ],
};

/** Two sheets, every kind of block. */
export function fixtureDescription(): TemplateDescription {
  return { version: "fixture", formats: FORMATS, sheets: [setup, work] };
}

/** The fixture's formulas as the writer must type them (exact strings). */
export const FIXTURE_FORMULAS = {
  weeklySeats: "=Seats/Weeks",
  perMonth: "=Tasks[@[Per week]]*Weeks",
  cost: "=AWU.FLEXCOST(Tasks[@[Per month]],20,500)",
  totalPerWeek: "=SUBTOTAL(109,Tasks[[Per week]])",
  averageCost: "=SUBTOTAL(101,Tasks[[Cost]])",
  gridFirst: "='Work Plan'!$A13*'Work Plan'!B$12",
  light: "='Work Plan'!$D6>=1000",
};

/** A description with one table's rows replaced, made from its current rows (for scale tests and the bench). */
export function withTableRows(description: TemplateDescription, table: string, rows: (current: readonly TableRow[]) => TableRow[]): TemplateDescription {
  return {
    ...description,
    sheets: description.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((block) => (block.kind === "table" && block.name === table ? { ...block, rows: rows(block.rows) } : block)),
    })),
  };
}

/** The real template with `count` job rows (the examples repeated, each named apart). */
export function templateWithJobs(count: number, options: { examples?: boolean } = {}): TemplateDescription {
  const description = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23", ...options });
  return withTableRows(description, TABLES.jobs, (examples) =>
    Array.from({ length: count }, (_, i) => {
      const base = examples[i % Math.max(1, examples.length)] ?? {};
      return { ...base, Job: `${String(base.Job ?? "Job")} ${i + 1}` };
    }),
  );
}

export interface BuildMeasure {
  /** context.sync() calls for the whole build (inspect, write, verify). */
  readonly syncs: number;
  /** The largest request sent, bytes (as the double measures its JSON). */
  readonly maxRequestBytes: number;
  /** All requests together, bytes. */
  readonly totalBytes: number;
}

/**
 * Builds the real template with `rows` job rows into an empty workbook (the test double)
 * and reports the round trips and request sizes: what the bench prints for 10 and 1,000.
 */
export async function measureBuild(rows: number): Promise<BuildMeasure> {
  const excel = new ExcelDouble();
  const ctx = excel.context();
  await buildInWorkbook(ctx as unknown as Excel.RequestContext, templateWithJobs(rows), "fresh");
  const bytes = ctx.requests.map((r) => r.bytes);
  return { syncs: ctx.requests.length, maxRequestBytes: Math.max(...bytes), totalBytes: bytes.reduce((a, b) => a + b, 0) };
}
