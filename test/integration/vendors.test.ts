/**
 * The Vendors sheet of the portable workbook, recalculated by LibreOffice (issue 12): every
 * formula agrees with the evaluator (whose figures test/template/vendors.test.ts works by hand
 * and checks against the engine), the sheet lists nothing written as a value, and the what-ifs
 * changed in the written file (every job's volume doubled, a price edited in the plans table,
 * no examples) follow through. All the workbooks go through one LibreOffice run. The AWU
 * workbook holds the same native formulas: computed by HyperFormula, it agrees too.
 */
import type { SheetSpec, TableRow, TemplateDescription } from "../../src/template/model/description";
import { valuesList, writtenAsValues } from "../../src/template/render/live";
import { SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { VENDOR_NAMES } from "../../src/template/sheets/vendors-sheet";
import { PLAN_COLUMNS } from "../../src/template/sheets/plan-formulas";
import { sheetCells } from "../../src/template/model/cells";
import { sheetPrefix } from "../../src/template/model/formula";
import { CellError, workbookEvaluator } from "../../src/template/render/evaluator";
import { writeWorkbook } from "../../src/template/writers/file";
import { computeFile } from "../support/hf-workbook";
import { columnValues, disagreements, recalculatePortable, type RecalculatedBook } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";
import { withTableRows } from "../template/office-fixture";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const withPlan = (d: TemplateDescription, key: string, edit: TableRow): TemplateDescription =>
  withTableRows(d, TABLES.vendorPlans, (rows) => rows.map((row) => (row[PLAN_COLUMNS.plan] === key ? { ...row, ...edit } : row)));
const variants: Record<string, TemplateDescription> = {
  base: template,
  doubled: withTableRows(template, TABLES.jobs, (rows) => rows.map((row) => ({ ...row, "Volume per week": Number(row["Volume per week"]) * 2 }))),
  // Intercom at $1.20 a resolution, Flex Credits at $400 per 100,000.
  edited: withPlan(withPlan(template, "intercom.fin", { [PLAN_COLUMNS.price]: 1.2 }), "agentforce.flex", { [PLAN_COLUMNS.price]: 400 }),
  blank: describeTemplate({ examples: false, currency: "USD", asOf: "2026-11-23" }),
};
let books: Record<string, RecalculatedBook>;

beforeAll(async () => {
  books = await recalculatePortable(variants);
});

const book = (key: string): RecalculatedBook => books[key] as RecalculatedBook;
const description = (key: string): TemplateDescription => variants[key] as TemplateDescription;
const value = (key: string, defined: string): unknown => {
  const { sheet, address } = named(description(key), defined);
  return book(key).value(sheet, address);
};
/** A comparison column by plan key, as LibreOffice computed it. */
const byPlan = (key: string, table: string, header: string): Map<string, unknown> => {
  const plans = columnValues(book(key), description(key), table, PLAN_COLUMNS.plan);
  const values = columnValues(book(key), description(key), table, header);
  return new Map(plans.map((plan, i) => [String(plan), values[i]]));
};
const monthly = (key: string, plan: string): number => Number(byPlan(key, TABLES.vendorComparison, "Monthly cost").get(plan));

describe.each(Object.keys(variants))("the %s workbook in LibreOffice", (key) => {
  test("every formula of the Vendors sheet agrees with the evaluator", () => {
    expect(disagreements(book(key), description(key)).filter((d) => d.startsWith(`${SHEETS.vendors}!`))).toEqual([]);
  });

  test("nothing on the Vendors sheet is written as a value: no list of values", () => {
    const sheet = description(key).sheets.find((s) => s.name === SHEETS.vendors) as SheetSpec;
    expect(writtenAsValues(sheet)).toEqual([]);
    expect(valuesList(sheet)).toBeUndefined();
  });
});

describe("the figures LibreOffice computes", () => {
  test("the example volume: Flex $5,300, per conversation $20,000, Intercom 6,000 × $0.99, Zendesk $9,000 / $12,000, the Copilot pack cheapest at $848", () => {
    expect(monthly("base", "agentforce.flex")).toBeCloseTo(5_300, 9);
    expect(monthly("base", "agentforce.conversation")).toBeCloseTo(20_000, 9);
    expect(monthly("base", "intercom.fin")).toBeCloseTo(5_940, 9);
    expect(monthly("base", "zendesk.resolution.committed")).toBeCloseTo(9_000, 9);
    expect(monthly("base", "zendesk.resolution.payg")).toBeCloseTo(12_000, 9);
    expect(monthly("base", "agentforce.user.metered")).toBeCloseTo(5_550, 9);
    expect(value("base", VENDOR_NAMES.cheapest)).toBe("copilot-studio.pack");
    expect(Number(byPlan("base", TABLES.vendorComparison, "Cost per resolved case").get("intercom.fin"))).toBeCloseTo(0.99, 12);
    expect(Number(byPlan("base", TABLES.vendorCommitments, "Best commitment (units a period)").get("zendesk.resolution.committed"))).toBeCloseTo(72_000 * (1 - 0.2 * 0.6744897501960817), 6);
  });

  test("every job's volume doubled: every usage cost and commitment doubles in the file", () => {
    for (const plan of ["agentforce.flex", "agentforce.conversation", "intercom.fin", "hubspot.credits", "servicenow.assist"]) expect(monthly("doubled", plan)).toBeCloseTo(2 * monthly("base", plan), 6);
    const commit = (key: string): Map<string, unknown> => byPlan(key, TABLES.vendorCommitments, "Best commitment (units a period)");
    for (const [plan, was] of commit("base")) expect(Number(commit("doubled").get(plan))).toBeCloseTo(2 * Number(was), 4);
  });

  test("a price edited in the plans table moves its plan and the seats metered in its units", () => {
    expect(monthly("edited", "intercom.fin")).toBeCloseTo(7_200, 9);
    expect(monthly("edited", "agentforce.flex")).toBeCloseTo(4_240, 9);
    expect(monthly("edited", "agentforce.user.metered")).toBeCloseTo(4_490, 9);
    expect(monthly("edited", "zendesk.resolution.payg")).toBeCloseTo(12_000, 9);
  });

  test("without examples: every usage cost 0, cost per resolved case #N/A as its note says", () => {
    for (const cost of byPlan("blank", TABLES.vendorComparison, "Monthly cost").values()) expect(cost).toBe(0);
    for (const perCase of byPlan("blank", TABLES.vendorComparison, "Cost per resolved case").values()) expect(perCase).toBe("#N/A");
  });
});

test("the AWU workbook file's Vendors sheet, computed by HyperFormula, is the evaluator's", async () => {
  const book = await computeFile(await writeWorkbook(template, { portable: false }));
  const evaluator = workbookEvaluator(template);
  const sheet = template.sheets.find((s) => s.name === SHEETS.vendors) as SheetSpec;
  const off: string[] = [];
  let checked = 0;
  for (const cell of sheetCells(sheet)) {
    if (!("formula" in cell.content)) continue;
    checked++;
    const mine = evaluator.cell(sheet.name, cell.address);
    const expected = mine instanceof CellError ? mine.code : mine;
    const raw = book.value(`=${sheetPrefix(sheet.name)}${cell.address}`);
    const actual = typeof raw === "object" && raw !== null && "value" in raw ? (raw as { value: unknown }).value : raw;
    const agree = typeof expected === "number" && typeof actual === "number" ? Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)) : expected === actual;
    if (!agree) off.push(`${cell.address}: evaluator ${JSON.stringify(expected)}, HyperFormula ${JSON.stringify(actual)}`);
  }
  expect(off).toEqual([]);
  expect(checked).toBeGreaterThan(150);
});
