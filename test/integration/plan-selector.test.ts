/**
 * The one plan selector in the portable file, as an analyst without the add-in would use it
 * (issue 12): choose a vendor plan as the Pricing model in use, let LibreOffice recalculate,
 * and the Jobs, Pricing, ROI, Budget, Ledger and Scenarios price under it; type another price
 * into the Vendors sheet's plans table and every figure follows. Figures by hand from the
 * examples (10,000 conversations and 53,000 actions a month, 60 % resolved, 50 users).
 */
import ExcelJS from "exceljs";
import { offset } from "../../src/template/model/address";
import type { TemplateDescription } from "../../src/template/model/description";
import { tableColumnRange, tableHeaderCell } from "../../src/template/model/layout";
import { portableDescription } from "../../src/template/render/live";
import { PRICING_MODEL_CHOICES_NAME } from "../../src/template/sheets/names";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { PLAN_COLUMNS } from "../../src/template/sheets/plan-formulas";
import { writeWorkbook } from "../../src/template/writers/file";
import { columnValues, disagreements, recalculate, tableOf, type RecalculatedBook } from "../support/libreoffice";
import { typedOver } from "../support/typed-over";
import { named, namedNumber, withInput } from "../template/ledger-fixture";

jest.setTimeout(180_000);

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const fin = withInput(template, "PricingModel", "intercom.fin");
const edition = withInput(template, "PricingModel", "agentforce.edition");
const plans = tableOf(fin, TABLES.vendorPlans);
const finRow = plans.block.rows.findIndex((r) => r[PLAN_COLUMNS.plan] === "intercom.fin");
const finPrice = { sheet: plans.sheet, address: offset(tableHeaderCell(plans.block), 1 + finRow, plans.block.columns.findIndex((c) => c.header === PLAN_COLUMNS.price)), value: 1.5 };

let files: Record<"fin" | "edition", Uint8Array>;
let books: Record<"fin" | "finAt150" | "edition", RecalculatedBook>;
beforeAll(async () => {
  const portable = (d: TemplateDescription): Promise<Uint8Array> => writeWorkbook(d, { portable: true, cachedResults: false });
  files = { fin: await portable(fin), edition: await portable(edition) };
  books = (await recalculate({ fin: files.fin, finAt150: await typedOver(files.fin, [finPrice]), edition: files.edition })) as typeof books;
});

const value = (book: keyof typeof books, name: string): number => namedNumber(books[book], template, name, book);
const column = (book: keyof typeof books, table: string, header: string): number[] => columnValues(books[book], template, table, header) as number[];
const total = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe("intercom.fin chosen on Inputs, recalculated by LibreOffice", () => {
  test("every formula cell is what the workbook evaluator computes", () => {
    expect(disagreements(books.fin, portableDescription(fin))).toEqual([]);
    expect(disagreements(books.edition, portableDescription(edition))).toEqual([]);
  });

  test("Jobs and Pricing: 6,000 resolutions a month at $0.99 = $5,940", () => {
    expect(total(column("fin", TABLES.jobs, "AI cost per month"))).toBeCloseTo(5940, 6);
    expect(value("fin", "MonthlyAiCostInUse")).toBeCloseTo(5940, 6);
    expect(books.fin.value(named(template, "PlanInUseBills").sheet, named(template, "PlanInUseBills").address)).toBe("outcome");
  });

  test("ROI: $0.594 of AI a case (60 % of cases resolved, billed $0.99 each)", () => {
    expect(value("fin", "AiCostPerCase")).toBeCloseTo(0.594, 12);
  });

  test("typing $1.50 into the plans table: $9,000 a month, $0.90 a case, and the Budget's AI up by half", () => {
    expect(value("finAt150", "MonthlyAiCostInUse")).toBeCloseTo(9000, 6);
    expect(value("finAt150", "AiCostPerCase")).toBeCloseTo(0.9, 12);
    column("finAt150", TABLES.budget, "AI spend").forEach((v, m) => expect(v).toBeCloseTo(1.5 * (column("fin", TABLES.budget, "AI spend")[m] as number) / 0.99, 6));
  });
});

describe("agentforce.edition (a seat plan) chosen on Inputs", () => {
  test("every Budget month's AI spend is the seats with their metered Flex use: $27,500 + $4,154.17", () => {
    const seats = 27_500 + (1_060_000 - 2_750_000 / 12) * 0.005;
    for (const month of column("edition", TABLES.budget, "AI spend")) expect(month).toBeCloseTo(seats, 6);
    expect(total(column("edition", TABLES.jobs, "AI cost per month"))).toBeCloseTo(seats, 6);
  });
});

test("the written file names the drop-downs' choices: PricingModelChoices is the Inputs sheet's column of every model", async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(files.fin.slice().buffer);
  const { sheet, block } = tableOf(fin, TABLES.pricingModels);
  expect(book.definedNames.getRanges(PRICING_MODEL_CHOICES_NAME).ranges).toEqual([`${sheet}!${tableColumnRange(block, "Pricing model")}`]);
  const validation = book.getWorksheet("Inputs")?.getCell(named(fin, "PricingModel").address).dataValidation;
  expect(validation).toMatchObject({ type: "list", formulae: [PRICING_MODEL_CHOICES_NAME] });
});
