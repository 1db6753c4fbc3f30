/**
 * The Vendors sheet (issue 12, "The workbook"), through the evaluator: the example jobs' volume
 * (10,000 conversations, 53,000 actions, 6,000 resolved at 60 %, 50 users) priced under every
 * plan of the rate card in force on the workbook's date, each figure worked by hand; the
 * commitments against the engine's AWU.PLANCOMMIT (planCommitment) for a steady 12-month
 * forecast, cell by cell to 1e-9, under several volumes, uncertainties and human costs; and
 * the what-ifs: every job's volume doubled, a price edited in the plans table, the resolution
 * rate and the licensed users changed. The portable file computes every figure live.
 */
import { builtInPlans, planCommitment, planCostUsd, plansInForce, seatIncludedPerYear, seatUseBilledAs, type Plan, type PlanEvent } from "../../src/engine";
import { parseAddress } from "../../src/template/model/address";
import { walk } from "../../src/template/model/formula";
import { blockHeight } from "../../src/template/model/layout";
import type { ChartBlock, SheetSpec, TableBlock, TableRow, TemplateDescription } from "../../src/template/model/description";
import { CellError, workbookEvaluator, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { portableDescription, writtenAsValues } from "../../src/template/render/live";
import { SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { FORECAST_MONTHS, VENDOR_NAMES, vendorPlanRows } from "../../src/template/sheets/vendors-sheet";
import { PLAN_COLUMNS } from "../../src/template/sheets/plan-formulas";
import { TEMPLATE_MESSAGES } from "../../src/messages/sheet-notes";
import { rowsAsShown, named, withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";

const AS_OF = "2026-11-23";
const template = describeTemplate({ examples: true, asOf: AS_OF });
const NOW = (): Date => new Date(2026, 10, 23, 9, 30);

const plain = (v: unknown): unknown => (v instanceof CellError ? v.code : v);

/** A table's rows as the evaluator shows them, by plan key. */
function byPlan(description: TemplateDescription, table: string, evaluator: WorkbookEvaluator = workbookEvaluator(description, { now: NOW })): Map<string, Record<string, unknown>> {
  return new Map(rowsAsShown(description, evaluator, table).map((row) => [String(row.Plan), Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))]));
}

function value(description: TemplateDescription, defined: string, evaluator: WorkbookEvaluator = workbookEvaluator(description, { now: NOW })): unknown {
  const { sheet, address } = named(description, defined);
  return plain(evaluator.cell(sheet, address));
}

const num = (v: unknown): number => {
  if (typeof v !== "number") throw new Error(`not a number: ${JSON.stringify(v)}`);
  return v;
};

/** Within 1e-9 of the expected, relatively (absolutely below 1). */
const close = (actual: unknown, expected: number): boolean => Math.abs(num(actual) - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

const vendorsOf = (d: TemplateDescription): SheetSpec => d.sheets.find((s) => s.name === SHEETS.vendors) as SheetSpec;
const tableIn = (d: TemplateDescription, name: string): TableBlock => vendorsOf(d).blocks.find((b): b is TableBlock => b.kind === "table" && b.name === name) as TableBlock;

/** Every job's weekly volume × factor. */
const scaledJobs = (d: TemplateDescription, factor: number): TemplateDescription =>
  withTableRows(d, TABLES.jobs, (rows) => rows.map((row) => ({ ...row, "Volume per week": Number(row["Volume per week"]) * factor })));

/** A plan's row of the plans table edited. */
const withPlan = (d: TemplateDescription, key: string, edit: TableRow): TemplateDescription =>
  withTableRows(d, TABLES.vendorPlans, (rows) => rows.map((row) => (row[PLAN_COLUMNS.plan] === key ? { ...row, ...edit } : row)));

const plansToday = plansInForce(builtInPlans, AS_OF);
const planNamed = (key: string): Plan => plansToday.find((p) => p.key === key) as Plan;

// ---- The sheet in the workbook -----------------------------------------------------------------

describe("the sheet", () => {
  test("comes right after Pricing, freezes its title rows and column A, and holds no AWU call", () => {
    const names = template.sheets.map((s) => s.name);
    expect(names.indexOf(SHEETS.vendors)).toBe(names.indexOf(SHEETS.pricing) + 1);
    expect(vendorsOf(template).freeze).toEqual({ rows: 2, columns: 1 });
    const calls = vendorsOf(template).blocks.flatMap((b) => {
      const exprs = b.kind === "cells" ? b.cells.flatMap((c) => ("formula" in c.value ? [c.value.formula] : [])) : b.kind === "table" ? b.columns.flatMap((c) => (c.formula ? [c.formula] : [])) : [];
      return exprs.flatMap((e) => [...walk(e)]).filter((e) => e.op === "awu");
    });
    expect(calls).toEqual([]);
  });

  test("the portable file writes every figure as a live formula: no values list on the sheet", () => {
    for (const examples of [true, false]) {
      const d = describeTemplate({ examples, asOf: AS_OF });
      expect(writtenAsValues(vendorsOf(d))).toEqual([]);
      const portable = vendorsOf(portableDescription(d));
      expect(portable.blocks.filter((b) => b.kind === "cells" && b.heading === TEMPLATE_MESSAGES.valuesListHeading)).toEqual([]);
    }
  });

  test("the plans table is the rate card's plans in force on the workbook's date, with their dates and sources", () => {
    const rows = tableIn(template, TABLES.vendorPlans).rows;
    expect(rows.map((r) => r[PLAN_COLUMNS.plan])).toEqual(plansToday.map((p) => p.key));
    for (const plan of plansToday) {
      const row = rows.find((r) => r[PLAN_COLUMNS.plan] === plan.key) as TableRow;
      expect(row).toMatchObject({
        [PLAN_COLUMNS.vendor]: plan.vendor,
        [PLAN_COLUMNS.bills]: plan.charges,
        [PLAN_COLUMNS.price]: plan.priceUsd,
        [PLAN_COLUMNS.perUnits]: plan.perUnits,
        [PLAN_COLUMNS.event]: plan.events[0]?.event,
        [PLAN_COLUMNS.units]: plan.events[0]?.units,
        [PLAN_COLUMNS.commitment]: plan.commit.period,
        [PLAN_COLUMNS.beyond]: plan.commit.overage,
        [PLAN_COLUMNS.asOf]: plan.asOf,
        [PLAN_COLUMNS.source]: plan.source,
      });
    }
    // Dated: before Help Agent (2026-07-01) there is no agentforce.resolution; before 2026-10-07 the edition includes 1M credits.
    expect(vendorPlanRows("2026-03-01").map((r) => r[PLAN_COLUMNS.plan])).not.toContain("agentforce.resolution");
    expect(vendorPlanRows("2026-03-01").find((r) => r[PLAN_COLUMNS.plan] === "agentforce.edition")?.[PLAN_COLUMNS.included]).toBe(1_000_000);
    expect(rows.find((r) => r[PLAN_COLUMNS.plan] === "agentforce.edition")?.[PLAN_COLUMNS.included]).toBe(2_750_000);
  });

  test("a seat plan whose use bills as another plan's units names it, with the allowance it nets a year", () => {
    expect(plansToday.filter((p) => p.charges === "seat").map((p) => [p.key, seatUseBilledAs(p) ?? null, seatIncludedPerYear(p)])).toEqual([
      ["agentforce.user", null, 0],
      ["agentforce.user.metered", "agentforce.flex", 0],
      ["agentforce.edition", "agentforce.flex", 2_750_000],
    ]);
    // Only seat plans: Zendesk's committed plan names its pay-as-you-go one as its overage, which is priced by its own rule.
    expect(seatUseBilledAs(planNamed("zendesk.resolution.committed"))).toBeUndefined();
  });

  test("the chart plots the comparison's monthly cost by plan, below the comparison and above the commitments, overlapping nothing", () => {
    const sheet = vendorsOf(template);
    const chart = sheet.blocks.find((b): b is ChartBlock => b.kind === "chart") as ChartBlock;
    const comparison = tableIn(template, TABLES.vendorComparison);
    expect(chart).toMatchObject({ type: "bar", seriesName: "Monthly cost" });
    const column = (header: string): string => {
      const i = comparison.columns.findIndex((c) => c.header === header);
      const first = parseAddress(comparison.anchor).row + 2;
      const letter = String.fromCharCode(65 + i);
      return `$${letter}$${first}:$${letter}$${first + comparison.rows.length - 1}`;
    };
    expect([chart.categories, chart.values]).toEqual([column("Plan"), column("Monthly cost")]);
    const top = parseAddress(chart.from).row;
    const bottom = parseAddress(chart.to).row;
    for (const b of sheet.blocks) {
      if (b.kind === "chart") continue;
      const first = parseAddress(b.anchor).row;
      const last = first + blockHeight(b) - 1;
      expect([b.anchor, last < top || first > bottom]).toEqual([b.anchor, true]);
    }
  });
});

// ---- The example volume, by hand ----------------------------------------------------------------

describe("the example jobs' volume under every plan, worked by hand", () => {
  const rows = byPlan(template, TABLES.vendorComparison);
  const row = (key: string): Record<string, unknown> => rows.get(key) as Record<string, unknown>;

  test("the volume: 10,000 conversations, 53,000 actions, 6,000 resolved at 60 %, 50 users", () => {
    expect(close(value(template, VENDOR_NAMES.conversations), 10_000)).toBe(true);
    expect(close(value(template, VENDOR_NAMES.actions), 53_000)).toBe(true);
    expect(close(value(template, VENDOR_NAMES.resolved), 6_000)).toBe(true);
    expect(value(template, VENDOR_NAMES.users)).toBe(50);
  });

  test.each([
    // Per action: 53,000 standard actions × 20 credits × $500 ÷ 100,000 = $5,300 (the README's Flex at list).
    ["agentforce.flex", 53_000, 1_060_000, 5_300],
    // Per conversation: 10,000 × $2.
    ["agentforce.conversation", 10_000, 10_000, 20_000],
    // Per outcome: 6,000 resolved × $0.99.
    ["intercom.fin", 6_000, 6_000, 5_940],
    // Zendesk: 6,000 automated resolutions at $1.50 committed, $2.00 pay as you go.
    ["zendesk.resolution.committed", 6_000, 6_000, 9_000],
    ["zendesk.resolution.payg", 6_000, 6_000, 12_000],
    // Copilot Studio: 53,000 generative answers × 2 credits × $0.01; the pack $200 per 25,000 credits.
    ["copilot-studio.payg", 53_000, 106_000, 1_060],
    ["copilot-studio.pack", 53_000, 106_000, 848],
    // Help Agent (from 2026-07-01): 6,000 resolutions × $2.
    ["agentforce.resolution", 6_000, 6_000, 12_000],
    // HubSpot, outcome-priced from 2026-04-14: 6,000 resolved conversations × 50 credits × $10 ÷ 1,000.
    ["hubspot.credits", 6_000, 300_000, 3_000],
    // ServiceNow: 53,000 skill actions × 1 assist × $360 ÷ 6,000.
    ["servicenow.assist", 53_000, 53_000, 3_180],
    // Seats: 50 × $125, unmetered.
    ["agentforce.user", 50, 50, 6_250],
    // 50 × $5, and the agents' use as Flex Credits: + $5,300.
    ["agentforce.user.metered", 50, 50, 5_550],
    // 50 × $550, and the Flex Credits beyond 2.75M a year: (1,060,000 − 229,166.67) × $0.005 = $4,154.17.
    ["agentforce.edition", 50, 50, 27_500 + (1_060_000 - 2_750_000 / 12) * 0.005],
  ])("%s: %d events, %d units, %d a month", (key, events, units, monthly) => {
    const r = row(key);
    expect(close(r["Events billed a month"], events)).toBe(true);
    expect(close(r["Units billed a month (the plan's unit)"], units)).toBe(true);
    expect([key, close(r["Monthly cost"], monthly)]).toEqual([key, true]);
    expect(close(r["Annual cost"], monthly * 12)).toBe(true);
    expect(close(r["Cost per resolved case"], monthly / 6_000)).toBe(true);
    expect(close(r["Cost vs cheapest"], monthly / 848)).toBe(true);
  });

  test("every plan in force is compared, and the cheapest for this volume is the Copilot Studio pack at $848", () => {
    expect([...rows.keys()]).toEqual(plansToday.map((p) => p.key));
    expect(value(template, VENDOR_NAMES.cheapest)).toBe("copilot-studio.pack");
    expect(close(value(template, VENDOR_NAMES.cheapestCost), 848)).toBe(true);
    // Cost per resolved case: an outcome plan's is its price; Flex's $5,300 ÷ 6,000; per conversation $20,000 ÷ 6,000.
    expect(close(row("intercom.fin")["Cost per resolved case"], 0.99)).toBe(true);
    expect(close(row("agentforce.flex")["Cost per resolved case"], 5_300 / 6_000)).toBe(true);
    expect(close(row("agentforce.conversation")["Cost per resolved case"], 20_000 / 6_000)).toBe(true);
  });

  test("the usage-priced plans' monthly cost is the engine's planCostUsd for the volume they bill", () => {
    const events = { action: 53_000, conversation: 10_000, outcome: 6_000 } as const;
    for (const plan of plansToday.filter((p) => p.charges !== "seat")) {
      const expected = planCostUsd(plan, events[plan.charges as keyof typeof events], plan.events[0] as PlanEvent);
      expect([plan.key, close(row(plan.key)["Monthly cost"], expected)]).toEqual([plan.key, true]);
    }
  });

  test("the commitments, by hand: Zendesk's annual pool commits 62,287 resolutions; Flex's term 11.0M credits", () => {
    const c = byPlan(template, TABLES.vendorCommitments);
    expect([...c.keys()]).toEqual(plansToday.filter((p) => p.commit.period !== "none").map((p) => p.key));
    // μ = 72,000 a year, σ = 14,400, (2 − 1.5) ÷ 2 = 0.25, z = −0.6744898: Q = 72,000 × (1 − 0.2 × 0.6744898);
    // six times docs/model.md §8.3's golden 1,000-a-month figures (10,381.22 · 357.97 · 1,976.75).
    const zendesk = c.get("zendesk.resolution.committed") as Record<string, unknown>;
    expect(num(zendesk["Chance it covers a period"])).toBeCloseTo(0.25, 12);
    expect(num(zendesk["Best commitment (units a period)"])).toBeCloseTo(72_000 * (1 - 0.2 * 0.6744897501960817), 6);
    expect(num(zendesk["Expected waste a year (units)"])).toBeCloseTo(357.97 * 6, 0);
    expect(num(zendesk["Expected overage a year (units)"])).toBeCloseTo(1_976.75 * 6, 0);
    // 62,287.35 × $1.50 + 11,860.47 × $2.00.
    expect(num(zendesk["Expected cost a year"])).toBeCloseTo(62_287.3476 * 1.5 + 11_860.4719 * 2, 2);
    // Flex: 12 × 1,060,000 credits over a one-year term, (666.67 − 500) ÷ 666.67, as AWU.COMMIT.
    const flex = c.get("agentforce.flex") as Record<string, unknown>;
    expect(num(flex["Expected use a period"])).toBeCloseTo(12_720_000, 4);
    expect(num(flex["Best commitment (units a period)"]) / 12_720_000).toBeCloseTo(0.8651, 4);
    // The Copilot pack resets monthly: 106,000 credits a month, (250 − 200) ÷ 250 = 0.2.
    const pack = c.get("copilot-studio.pack") as Record<string, unknown>;
    expect(num(pack["Chance it covers a period"])).toBeCloseTo(0.2, 12);
    expect(num(pack["Best commitment (units a period)"])).toBeCloseTo(106_000 * (1 - 0.2 * 0.8416212335729143), 6);
    // HubSpot stops at the limit: a credit short costs the case, $8.37 × 1,000 ÷ 50 per 1,000 credits.
    const hubspot = c.get("hubspot.credits") as Record<string, unknown>;
    expect(close(hubspot["Price beyond it"], (num(value(template, "HumanCostPerCase")) * 1000) / 50)).toBe(true);
    expect(hubspot.Rule).toBe(TEMPLATE_MESSAGES.vendors.rules.month + TEMPLATE_MESSAGES.vendors.rules.hardStop);
  });
});

// ---- Against the engine's AWU.PLANCOMMIT ---------------------------------------------------------

describe("the commitments equal the engine's planCommitment for a steady 12-month forecast, to 1e-9", () => {
  const variants: [string, TemplateDescription][] = [
    ["the examples", template],
    ["three times the volume", scaledJobs(template, 3)],
    ["a tenth of the volume", scaledJobs(template, 0.1)],
    ["certain use (uncertainty 0)", withInput(template, "CommitUncertainty", 0)],
    ["uncertainty 0.4", withInput(template, "CommitUncertainty", 0.4)],
    ["uncertainty 0.05", withInput(template, "CommitUncertainty", 0.05)],
    ["a human cost of $2 a case (HubSpot's hard stop commits less)", withInput(template, "HumanCostPerCase", 2)],
    ["a human cost below the credits (HubSpot commits nothing)", withInput(template, "HumanCostPerCase", 0.4)],
    ["a 90 % resolution rate", withInput(template, "ResolutionRate", 0.9)],
    ["no volume", describeTemplate({ examples: false, asOf: AS_OF })],
    ["Flex at $400 and a $0.30 Zendesk overage", withPlan(withPlan(template, "agentforce.flex", { [PLAN_COLUMNS.price]: 400 }), "zendesk.resolution.committed", { [PLAN_COLUMNS.overagePrice]: 0.3 })],
  ];
  test.each(variants)("%s", (_label, d) => {
    const evaluator = workbookEvaluator(d, { now: NOW });
    const comparison = byPlan(d, TABLES.vendorComparison, evaluator);
    const commitments = byPlan(d, TABLES.vendorCommitments, evaluator);
    const u = num(value(d, VENDOR_NAMES.uncertainty, evaluator));
    const human = num(value(d, VENDOR_NAMES.humanCost, evaluator));
    const planRows = tableIn(d, TABLES.vendorPlans).rows;
    expect(commitments.size).toBe(5);
    for (const [key, row] of commitments) {
      // The engine's plan with the workbook's own prices (the table may have been edited).
      const edited = planRows.find((r) => r[PLAN_COLUMNS.plan] === key) as TableRow;
      const base = planNamed(key);
      const plan: Plan = {
        ...base,
        priceUsd: Number(edited[PLAN_COLUMNS.price]),
        commit: { ...base.commit, ...(edited[PLAN_COLUMNS.overagePrice] === undefined ? {} : { overagePriceUsd: Number(edited[PLAN_COLUMNS.overagePrice]) }) },
      };
      const monthly = num(comparison.get(key)?.["Units billed a month (the plan's unit)"]);
      const engine = planCommitment(plan, Array.from({ length: FORECAST_MONTHS }, () => monthly), u, human);
      if (!("commitment" in engine)) throw new Error(`${key}: the engine refused`);
      const got = [row["Best commitment (units a period)"], row["Expected waste a year (units)"], row["Expected overage a year (units)"], row["Expected cost a year"]];
      const want = [engine.commitment, engine.expectedWaste, engine.expectedOverage, engine.expectedCostUsd];
      const off = got.flatMap((g, i) => (close(g, want[i] as number) ? [] : [`${key} ${["commitment", "waste", "overage", "cost"][i] ?? ""}: sheet ${JSON.stringify(g)}, engine ${want[i]}`]));
      expect(off).toEqual([]);
    }
  });
});

// ---- What-ifs ---------------------------------------------------------------------------------

describe("what-ifs", () => {
  const base = byPlan(template, TABLES.vendorComparison);
  const baseCommit = byPlan(template, TABLES.vendorCommitments);

  test("every job's volume doubled: every usage cost, commitment, waste, overage and expected cost doubles; the seats' cost per resolved case falls", () => {
    const doubled = scaledJobs(template, 2);
    const rows = byPlan(doubled, TABLES.vendorComparison);
    const commits = byPlan(doubled, TABLES.vendorCommitments);
    expect(close(value(doubled, VENDOR_NAMES.conversations), 20_000)).toBe(true);
    expect(close(value(doubled, VENDOR_NAMES.actions), 106_000)).toBe(true);
    expect(close(value(doubled, VENDOR_NAMES.resolved), 12_000)).toBe(true);
    expect(close(value(doubled, VENDOR_NAMES.cheapestCost), 1_696)).toBe(true);
    for (const plan of plansToday) {
      const was = base.get(plan.key) as Record<string, unknown>;
      const now = rows.get(plan.key) as Record<string, unknown>;
      if (plan.charges === "seat") {
        // The seats themselves bill users, not volume: the unmetered licence stays at $6,250; the metered ones add their doubled Flex use.
        const seats = 50 * plan.priceUsd;
        expect([plan.key, close(num(now["Monthly cost"]) - seats, 2 * (num(was["Monthly cost"]) - seats) + (plan.key === "agentforce.edition" ? (2_750_000 / 12) * 0.005 : 0))]).toEqual([plan.key, true]);
        expect(num(now["Cost per resolved case"])).toBeLessThan(num(was["Cost per resolved case"]));
        continue;
      }
      for (const figure of ["Events billed a month", "Units billed a month (the plan's unit)", "Monthly cost", "Annual cost"])
        expect([plan.key, figure, close(now[figure], 2 * num(was[figure]))]).toEqual([plan.key, figure, true]);
      // Linear prices: the cost per resolved case and against the cheapest (also doubled) stay.
      expect(close(now["Cost per resolved case"], num(was["Cost per resolved case"]))).toBe(true);
      expect(close(now["Cost vs cheapest"], num(was["Cost vs cheapest"]))).toBe(true);
    }
    expect(close((rows.get("agentforce.user") as Record<string, unknown>)["Cost per resolved case"], 6_250 / 12_000)).toBe(true);
    for (const [key, was] of baseCommit) {
      const now = commits.get(key) as Record<string, unknown>;
      for (const figure of ["Expected use a period", "Best commitment (units a period)", "Expected waste a year (units)", "Expected overage a year (units)", "Expected cost a year"])
        expect([key, figure, close(now[figure], 2 * num(was[figure]))]).toEqual([key, figure, true]);
    }
  });

  test("a price edited in the plans table: every figure of that plan follows, and the seats metered in its units", () => {
    // Intercom at $1.20 a resolution; Flex Credits at $400 per 100,000.
    const edited = withPlan(withPlan(template, "intercom.fin", { [PLAN_COLUMNS.price]: 1.2 }), "agentforce.flex", { [PLAN_COLUMNS.price]: 400 });
    const rows = byPlan(edited, TABLES.vendorComparison);
    const commits = byPlan(edited, TABLES.vendorCommitments);
    const row = (key: string): Record<string, unknown> => rows.get(key) as Record<string, unknown>;
    expect(close(row("intercom.fin")["Monthly cost"], 7_200)).toBe(true);
    expect(close(row("intercom.fin")["Cost per resolved case"], 1.2)).toBe(true);
    expect(close(row("agentforce.flex")["Monthly cost"], 4_240)).toBe(true);
    expect(close(row("agentforce.user.metered")["Monthly cost"], 250 + 4_240)).toBe(true);
    expect(close(row("agentforce.edition")["Monthly cost"], 27_500 + (1_060_000 - 2_750_000 / 12) * 0.004)).toBe(true);
    // Flex's commitment: (666.67 − 400) ÷ 666.67 = 0.4 of a term's use is the chance to cover; more is committed.
    const flex = commits.get("agentforce.flex") as Record<string, unknown>;
    expect(num(flex["Chance it covers a period"])).toBeCloseTo((666.67 - 400) / 666.67, 12);
    expect(num(flex["Best commitment (units a period)"])).toBeGreaterThan(num((baseCommit.get("agentforce.flex") as Record<string, unknown>)["Best commitment (units a period)"]));
    // Nothing else moves.
    for (const key of ["agentforce.conversation", "zendesk.resolution.payg", "copilot-studio.pack", "agentforce.user"]) expect(row(key)["Monthly cost"]).toBe((base.get(key) as Record<string, unknown>)["Monthly cost"]);
  });

  test("the resolution rate moves the outcome-priced plans and every cost per resolved case; at 0 the latter is #N/A, as the note says", () => {
    const higher = byPlan(withInput(template, "ResolutionRate", 0.8), TABLES.vendorComparison);
    expect(close(higher.get("intercom.fin")?.["Monthly cost"], 8_000 * 0.99)).toBe(true);
    expect(close(higher.get("hubspot.credits")?.["Monthly cost"], 8_000 * 0.5)).toBe(true);
    expect(close(higher.get("agentforce.flex")?.["Monthly cost"], 5_300)).toBe(true);
    expect(close(higher.get("agentforce.flex")?.["Cost per resolved case"], 5_300 / 8_000)).toBe(true);
    const none = withInput(template, "ResolutionRate", 0);
    const rows = byPlan(none, TABLES.vendorComparison);
    expect([...rows.values()].map((r) => r["Cost per resolved case"])).toEqual(plansToday.map(() => "#N/A"));
    expect(rows.get("intercom.fin")?.["Monthly cost"]).toBe(0);
    const note = vendorsOf(template).blocks.flatMap((b) => (b.kind === "cells" ? b.cells : [])).find((c) => c.name === VENDOR_NAMES.resolved)?.note ?? "";
    expect(note).toMatch(/Cost per resolved case is #N\/A/);
  });

  test("the licensed users move the seat plans; with none, the cheapest costs 0 and Cost vs cheapest is #N/A, as the note says", () => {
    const more = byPlan(withInput(template, "LicensedUsers", 100), TABLES.vendorComparison);
    expect(close(more.get("agentforce.user")?.["Monthly cost"], 12_500)).toBe(true);
    expect(close(more.get("agentforce.user.metered")?.["Monthly cost"], 500 + 5_300)).toBe(true);
    expect(more.get("agentforce.flex")?.["Monthly cost"]).toBe(base.get("agentforce.flex")?.["Monthly cost"]);
    const none = withInput(template, "LicensedUsers", 0);
    expect(value(none, VENDOR_NAMES.cheapest)).toBe("agentforce.user");
    expect([...byPlan(none, TABLES.vendorComparison).values()].map((r) => r["Cost vs cheapest"])).toEqual(plansToday.map(() => "#N/A"));
  });

  test("without examples: no volume, every cost 0 but the seats' (no users), no error but the #N/A the notes name", () => {
    const blank = describeTemplate({ examples: false, asOf: AS_OF });
    const evaluator = workbookEvaluator(blank, { now: NOW });
    const errors: string[] = [];
    for (const table of [TABLES.vendorComparison, TABLES.vendorCommitments, TABLES.vendorPlans])
      for (const row of rowsAsShown(blank, evaluator, table))
        for (const [header, v] of Object.entries(row as Record<string, ExcelValue>))
          if (v instanceof CellError && !(v.code === "#N/A" && ["Cost per resolved case", "Cost vs cheapest"].includes(header))) errors.push(`${table}[${header}] ${String(row.Plan)}: ${v.code}`);
    expect(errors).toEqual([]);
    expect([...byPlan(blank, TABLES.vendorComparison, evaluator).values()].map((r) => r["Monthly cost"])).toEqual(plansToday.map(() => 0));
  });
});
