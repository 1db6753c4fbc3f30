/**
 * The verified outcome ledger (docs/model.md §9): the summary, plan vs actual, pricing and
 * reconciliation against ledgers computed by hand (the arithmetic is in the comments), and
 * the properties that must hold for any ledger.
 */
import fc from "fast-check";
import {
  OUTCOME_STATUSES,
  compareWithPlan,
  exactSum,
  ledgerContentHash,
  fnv1a64Utf8,
  recordCostsUsd,
  reconcileLedger,
  summariseLedger,
  type LedgerFigures,
  type LedgerPricing,
  type LedgerRecord,
  type OutcomeStatus,
  type Problem,
} from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";

/** 2026-01-05 09:00 UTC, a Monday. */
const T0 = Date.UTC(2026, 0, 5, 9, 0);
const MINUTE = 60_000;

let nextRow = 1;
function rec(
  job: string,
  agent: string,
  actionType: string,
  units: number,
  status: OutcomeStatus,
  flags: { escalated?: boolean; rerun?: boolean } = {},
  reviewMinutes = 0,
  team = "",
  timestampMs = T0 + nextRow * MINUTE,
): LedgerRecord {
  const sourceRow = nextRow++;
  return {
    sourceRow,
    timestampMs,
    agent,
    job,
    actionType,
    units,
    status,
    escalated: flags.escalated ?? false,
    rerun: flags.rerun ?? false,
    reviewMinutes,
    team,
    key: `row-${sourceRow}`,
  };
}

/**
 * Ten actions of three jobs, with reruns, escalations and failures mixed. Units are Flex
 * Credits; at list price a credit costs $500 ÷ 100,000 = $0.005.
 *
 *  #  job          agent type       units status     esc rerun review team
 *  1  Research     a1    search     20    validated  .   .     2      Sales
 *  2  Research     a1    search     20    failed     .   .     0      Sales
 *  3  Research     a1    search     20    validated  .   yes   2      Sales      (the rerun of #2, accepted)
 *  4  Research     a2    summarise  30    succeeded  yes .     5      Sales
 *  5  Follow-ups   a2    email      20    validated  .   .     1      Service
 *  6  Follow-ups   a2    email      20    failed     yes .     0      Service
 *  7  Follow-ups   a2    email      20    failed     .   yes   0      Service
 *  8  Follow-ups   a2    email      20    validated  .   yes   1      Service
 *  9  "follow-ups " a3   email      10    attempted  .   .     0      (blank)    (same job: trimmed, any case)
 * 10  Enrichment   a3    lookup     40    validated  .   .     0.5    Marketing
 */
nextRow = 1;
const LEDGER: readonly LedgerRecord[] = [
  rec("Research", "a1", "search", 20, "validated", {}, 2, "Sales"),
  rec("Research", "a1", "search", 20, "failed", {}, 0, "Sales"),
  rec("Research", "a1", "search", 20, "validated", { rerun: true }, 2, "Sales"),
  rec("Research", "a2", "summarise", 30, "succeeded", { escalated: true }, 5, "Sales"),
  rec("Follow-ups", "a2", "email", 20, "validated", {}, 1, "Service"),
  rec("Follow-ups", "a2", "email", 20, "failed", { escalated: true }, 0, "Service"),
  rec("Follow-ups", "a2", "email", 20, "failed", { rerun: true }, 0, "Service"),
  rec("Follow-ups", "a2", "email", 20, "validated", { rerun: true }, 1, "Service"),
  rec("follow-ups ", "a3", "email", 10, "attempted", {}, 0, ""),
  rec("Enrichment", "a3", "lookup", 40, "validated", {}, 0.5, "Marketing"),
];

const FLEX_LIST: LedgerPricing = { model: "flex", pricePer100kCredits: 500, discount: 0 };

/** Within 1e-12 relative: sums of decimals round once or twice. */
function expectNear(actual: number | undefined, expected: number): void {
  if (actual === undefined) throw new Error(`expected ${expected}, got undefined`);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

function expectFigures(actual: LedgerFigures, expected: Partial<Record<keyof LedgerFigures, number | undefined>>): void {
  for (const [key, value] of Object.entries(expected) as [keyof LedgerFigures, number | undefined][]) {
    if (value === undefined) expect([key, actual[key]]).toEqual([key, undefined]);
    else expectNear(actual[key], value);
  }
}

describe("the summary of a hand-computed ledger", () => {
  const summary = summariseLedger(LEDGER, { pricing: FLEX_LIST, reviewerUsdPerHour: 30 });

  test("overall", () => {
    expectFigures(summary.overall, {
      actions: 10,
      // Succeeded or validated: #1, #3, #4, #5, #8, #10.
      actionsSucceeded: 6,
      // #1, #3, #5, #8, #10.
      actionsValidated: 5,
      actionsFailed: 3,
      actionsEscalated: 2,
      actionsRerun: 3,
      actionsFirstRun: 7,
      // Validated first runs: #1, #5, #10.
      actionsValidatedFirstRun: 3,
      // 20+20+20+30+20+20+20+20+10+40.
      unitsAttempted: 220,
      // 20 + 20 + 30 + 20 + 20 + 40.
      unitsSucceeded: 150,
      // 20 + 20 + 20 + 20 + 40.
      unitsValidated: 120,
      // #3, #7, #8.
      unitsRerun: 60,
      unitsFirstRun: 160,
      acceptanceRate: 5 / 10,
      firstTimeAcceptanceRate: 3 / 7,
      successRate: 6 / 10,
      escalationRate: 2 / 10,
      // 60 ÷ 160.
      rerunRate: 0.375,
      // 60 ÷ 120: half a unit of reruns for every unit of accepted work.
      rerunInflation: 0.5,
      // 2 + 2 + 5 + 1 + 1 + 0.5 = 11.5 minutes.
      reviewHours: 11.5 / 60,
      // 220 credits × $0.005.
      costUsd: 1.1,
      // 11.5 / 60 h × $30.
      reviewCostUsd: 5.75,
      // $1.10 ÷ 5 validated.
      costPerValidatedOutcomeUsd: 0.22,
      // ($1.10 + $5.75) ÷ 5.
      allInCostPerValidatedOutcomeUsd: 1.37,
      // 120 validated units ÷ $1.10.
      acceptedUnitsPerUsd: 120 / 1.1,
    });
  });

  test("by job: names grouped trimmed and in any case, largest units first, ties by name", () => {
    expect(summary.byJob.map((g) => [g.label, g.figures.actions, g.figures.unitsAttempted])).toEqual([
      // Research and Follow-ups both have 90 units: "follow-ups" sorts before "research".
      ["Follow-ups", 5, 90],
      ["Research", 4, 90],
      ["Enrichment", 1, 40],
    ]);
    const [followUps, research, enrichment] = summary.byJob;
    // Research: #1–#4. Validated #1, #3; first runs #1, #2, #4 of which #1 validated; rerun #3 (20 units).
    expectFigures(research?.figures as LedgerFigures, {
      actionsSucceeded: 3,
      actionsValidated: 2,
      acceptanceRate: 0.5,
      firstTimeAcceptanceRate: 1 / 3,
      escalationRate: 0.25,
      // 20 ÷ (20 + 20 + 30).
      rerunRate: 20 / 70,
      // 20 ÷ (20 + 20).
      rerunInflation: 0.5,
      costUsd: 0.45,
      costPerValidatedOutcomeUsd: 0.225,
      reviewHours: 9 / 60,
    });
    // Follow-ups: #5–#9. Validated #5, #8; failed #6, #7; reruns #7, #8 (40 units); first runs #5, #6, #9 (50 units).
    expectFigures(followUps?.figures as LedgerFigures, {
      actionsValidated: 2,
      actionsFailed: 2,
      acceptanceRate: 0.4,
      firstTimeAcceptanceRate: 1 / 3,
      rerunRate: 0.8,
      // 40 rerun units ÷ 40 validated units.
      rerunInflation: 1,
      costUsd: 0.45,
      costPerValidatedOutcomeUsd: 0.225,
    });
    // Enrichment: one validated first run of 40 units, no reruns.
    expectFigures(enrichment?.figures as LedgerFigures, { rerunRate: 0, rerunInflation: 0, costUsd: 0.2, costPerValidatedOutcomeUsd: 0.2, acceptanceRate: 1 });
  });

  test("by action type: the per-type success rate", () => {
    const success = Object.fromEntries(summary.byActionType.map((g) => [g.label, g.figures.successRate]));
    // search: #1 V, #2 F, #3 V → 2/3; summarise: #4 S → 1; email: #5 V, #8 V of 5 → 0.4; lookup: 1.
    expect(success).toEqual({ search: 2 / 3, summarise: 1, email: 0.4, lookup: 1 });
  });

  test("by agent and by team, a blank team shown as (blank)", () => {
    expect(summary.byAgent.map((g) => [g.label, g.figures.unitsAttempted])).toEqual([
      // a2: #4–#8 = 30 + 80.
      ["a2", 110],
      ["a1", 60],
      ["a3", 50],
    ]);
    expect(summary.byTeam.map((g) => [g.label, g.figures.unitsAttempted])).toEqual([
      ["Sales", 90],
      ["Service", 80],
      ["Marketing", 40],
      ["(blank)", 10],
    ]);
  });

  test("a group with no validated work has no cost per outcome and no rerun inflation; no records, no rates", () => {
    const failedOnly = summariseLedger([rec("X", "a", "t", 10, "failed", { rerun: true }), rec("X", "a", "t", 10, "attempted")], { pricing: FLEX_LIST });
    expectFigures(failedOnly.overall, { costPerValidatedOutcomeUsd: undefined, rerunInflation: undefined, allInCostPerValidatedOutcomeUsd: undefined, acceptedUnitsPerUsd: 0, rerunRate: 1 });
    const empty = summariseLedger([], { pricing: FLEX_LIST });
    expectFigures(empty.overall, { actions: 0, acceptanceRate: undefined, successRate: undefined, escalationRate: undefined, rerunRate: undefined, costUsd: 0 });
    expect(empty.byJob).toEqual([]);
  });
});

describe("pricing the ledger", () => {
  test("Flex with a discount: credits × price ÷ 100,000 × (1 − discount)", () => {
    // 220 credits × $500 / 100k × 0.75.
    expectNear(exactSum(recordCostsUsd(LEDGER, { model: "flex", pricePer100kCredits: 500, discount: 0.25 })), 0.825);
  });

  test("per conversation: units are conversations billed", () => {
    const summary = summariseLedger(LEDGER, { pricing: { model: "perConversation", pricePerConversation: 2 } });
    // 220 × $2; Research 90 × $2 ÷ 2 validated.
    expectNear(summary.overall.costUsd, 440);
    expectNear(summary.byJob.find((g) => g.label === "Research")?.figures.costPerValidatedOutcomeUsd, 90);
  });

  test("per user: the seats' cost allocated in proportion to units", () => {
    const summary = summariseLedger(LEDGER, { pricing: { model: "perUser", users: 2, months: 1, pricePerUserMonth: 125 } });
    // $250 of seats; Research carries 90 ÷ 220 of it.
    expectNear(summary.overall.costUsd, 250);
    expectNear(summary.byJob.find((g) => g.label === "Research")?.figures.costUsd, (250 * 90) / 220);
    // With no units anywhere there is nothing to share the seats by: 0, as the Ledger sheet's formula
    // has it (the Budget carries the seats); a record with a stated cost keeps its own.
    const noUnits = [rec("A", "a", "t", 0, "validated"), rec("B", "a", "t", 0, "validated"), { ...rec("C", "a", "t", 0, "validated"), costUsd: 3 }];
    expect(recordCostsUsd(noUnits, { model: "perUser", users: 1, months: 1, pricePerUserMonth: 125 })).toEqual([0, 0, 3]);
  });
});

describe("plan vs actual against the Jobs sheet", () => {
  const summary = summariseLedger(LEDGER, { pricing: FLEX_LIST });
  const rows = compareWithPlan(summary.byJob, [
    { job: "Research", targetAcceptanceRate: 0.8, rerunRate: 0.1, plannedCostUsd: 0.5 },
    { job: " FOLLOW-UPS", targetAcceptanceRate: 0.35, rerunRate: 0.8, plannedCostUsd: 0.3 },
    { job: "Stage hygiene", targetAcceptanceRate: 0.95, rerunRate: 0.05, plannedCostUsd: 0.2 },
    { job: "research", targetAcceptanceRate: 0.1, rerunRate: 0, plannedCostUsd: 99 },
  ]);

  test("planned jobs in the Jobs sheet's order (a repeated job takes its first row), then unplanned ones", () => {
    expect(rows.map((r) => r.label)).toEqual(["Research", "FOLLOW-UPS", "Stage hygiene", "Enrichment"]);
  });

  test("gaps beyond the tolerance are flagged, in the direction that matters", () => {
    const research = rows[0];
    // First-time acceptance 1/3 against 0.8: 47 points short.
    expect(research?.acceptance.status).toBe("worse");
    expectNear(research?.acceptance.gap, 1 / 3 - 0.8);
    // Rerun rate 2/7 = 0.286 against 0.1: 19 points over.
    expect(research?.rerun.status).toBe("worse");
    // Cost $0.45 against $0.50: 10 % under, exactly the tolerance, so on plan.
    expect(research?.cost).toMatchObject({ status: "on plan", flagged: false });
    expectNear(research?.cost.gap, -0.05);

    const followUps = rows[1];
    // 1/3 against 0.35: 1.7 points, within 5.
    expect(followUps?.acceptance).toMatchObject({ status: "on plan", flagged: false });
    // 0.8 against 0.8.
    expect(followUps?.rerun).toMatchObject({ status: "on plan", gap: 0 });
    // $0.45 against $0.30: 50 % over.
    expect(followUps?.cost).toMatchObject({ status: "worse", flagged: true });
  });

  test("a planned job with no records spent nothing; an unplanned one is flagged", () => {
    const hygiene = rows[2];
    expect(hygiene?.acceptance).toMatchObject({ status: "no actual", actual: undefined, flagged: false });
    expect(hygiene?.cost).toMatchObject({ status: "better", actual: 0, gap: -0.2, flagged: true });
    const enrichment = rows[3];
    expect(enrichment?.cost).toMatchObject({ status: "unplanned", planned: undefined, flagged: true });
    expectNear(enrichment?.cost.actual, 0.2);
  });

  test("better than plan beyond the tolerance", () => {
    const [row] = compareWithPlan(summary.byJob, [{ job: "Enrichment", targetAcceptanceRate: 0.5, rerunRate: 0.3, plannedCostUsd: 1 }]);
    expect([row?.acceptance.status, row?.rerun.status, row?.cost.status]).toEqual(["better", "better", "better"]);
  });
});

describe("the worksheet functions give the ledger's own figures", () => {
  const call = (id: string, ...args: unknown[]): unknown =>
    applyFunction(specOf(id), args.map((a) => (a === undefined ? null : a)), todaysRates, (p: Problem) => p)[0]?.[0];
  const col = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);
  const summary = summariseLedger(LEDGER, { pricing: FLEX_LIST });
  const costs = recordCostsUsd(LEDGER, FLEX_LIST);

  test("OUTCOMECOST, ACCEPTRATE, RERUNRATE and RERUNINFLATION over the ledger's columns", () => {
    expectNear(call("OUTCOMECOST", col(costs), col(LEDGER.map((r) => r.status))) as number, summary.overall.costPerValidatedOutcomeUsd as number);
    expectNear(call("ACCEPTRATE", col(LEDGER.map((r) => r.status))) as number, summary.overall.acceptanceRate as number);
    expectNear(call("RERUNRATE", col(LEDGER.map((r) => r.units)), col(LEDGER.map((r) => r.rerun))) as number, summary.overall.rerunRate as number);
    expectNear(
      call("RERUNINFLATION", col(LEDGER.map((r) => r.units)), col(LEDGER.map((r) => r.rerun)), col(LEDGER.map((r) => r.status))) as number,
      summary.overall.rerunInflation as number,
    );
  });
});

describe("reconciliation", () => {
  const summary = summariseLedger(LEDGER, { pricing: FLEX_LIST });

  test("the hand-computed ledger reconciles to the log and the import's totals", () => {
    const r = reconcileLedger(LEDGER, summary, { rows: 10, units: 220 });
    expect(r).toMatchObject({ ok: true, differences: [], logUnits: 220, logActions: 10 });
    expect(r.byDimension.job).toEqual({ actions: 10, units: 220, costUsd: summary.overall.costUsd });
  });

  test("a total that disagrees is named", () => {
    const r = reconcileLedger(LEDGER, summary, { rows: 11, units: 240 });
    expect(r.ok).toBe(false);
    expect(r.differences).toEqual(["records vs the import's row count: 10 against 11", "the log's units vs the import's total: 220 against 240"]);
    // A summary of other records does not trace back to these.
    const other = reconcileLedger(LEDGER.slice(1), summary);
    expect(other.differences).toContain("summary units vs the log: 220 against 200");
  });

  const NAMES = ["Research", "research ", "Follow-ups", "FOLLOW-UPS", "Enrichment", "", "Stage hygiene"];
  const record: fc.Arbitrary<LedgerRecord> = fc
    .record({
      timestampMs: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
      agent: fc.constantFrom("a1", "A1", "a2", "bot"),
      job: fc.constantFrom(...NAMES),
      actionType: fc.constantFrom("search", "email", "Email", "lookup"),
      units: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0.1, 0.2, 0.3, 1e-9)),
      status: fc.constantFrom(...OUTCOME_STATUSES),
      escalated: fc.boolean(),
      rerun: fc.boolean(),
      reviewMinutes: fc.double({ min: 0, max: 120, noNaN: true }),
      team: fc.constantFrom("Sales", "sales", "Service", ""),
    })
    .map((r) => ({ ...r, sourceRow: 0, key: "" }));
  const pricing: fc.Arbitrary<LedgerPricing> = fc.oneof(
    fc.record({ model: fc.constant("flex" as const), pricePer100kCredits: fc.double({ min: 0, max: 1000, noNaN: true }), discount: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ model: fc.constant("perConversation" as const), pricePerConversation: fc.double({ min: 0, max: 5, noNaN: true }) }),
    fc.record({
      model: fc.constant("perUser" as const),
      users: fc.integer({ min: 0, max: 500 }),
      months: fc.integer({ min: 1, max: 12 }),
      pricePerUserMonth: fc.double({ min: 0, max: 600, noNaN: true }),
    }),
  );

  /** Equal to rounding: a billionth of the magnitude summed. */
  const close = (a: number, b: number, magnitude: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, magnitude);

  test("totals by any grouping equal the overall total; per-group costs add up to the cost of all", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), pricing, (records, model) => {
        const summary = summariseLedger(records, { pricing: model });
        const magnitude = records.reduce((s, r) => s + r.units, 0);
        const costs = recordCostsUsd(records, model);
        const costMagnitude = costs.reduce((s, c) => s + Math.abs(c), 0);
        expect(close(summary.overall.unitsAttempted, exactSum(records.map((r) => r.units)), magnitude)).toBe(true);
        expect(close(summary.overall.costUsd, exactSum(costs), costMagnitude)).toBe(true);
        for (const groups of [summary.byJob, summary.byAgent, summary.byActionType, summary.byTeam]) {
          expect(groups.reduce((n, g) => n + g.figures.actions, 0)).toBe(records.length);
          expect(groups.reduce((n, g) => n + g.figures.actionsValidated, 0)).toBe(summary.overall.actionsValidated);
          expect(close(exactSum(groups.map((g) => g.figures.unitsAttempted)), summary.overall.unitsAttempted, magnitude)).toBe(true);
          expect(close(exactSum(groups.map((g) => g.figures.unitsRerun)), summary.overall.unitsRerun, magnitude)).toBe(true);
          expect(close(exactSum(groups.map((g) => g.figures.costUsd)), summary.overall.costUsd, costMagnitude)).toBe(true);
        }
        // The seats are the whole bill, however the records share them; with no units to share them by, none (recordCostsUsd: the Budget carries the seats).
        if (model.model === "perUser" && records.length > 0) {
          const seats = model.users * model.months * model.pricePerUserMonth;
          expect(close(summary.overall.costUsd, exactSum(records.map((r) => r.units)) > 0 ? seats : 0, seats)).toBe(true);
        }
        expect(reconcileLedger(records, summary, { rows: records.length, units: exactSum(records.map((r) => r.units)) }).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("per user, records with no units carry none of the seats (nothing to share them by), as the sheet's formula does", () => {
    // fast-check's counterexample (seed 935152065): one record of 0 units, one user for a month.
    const none: LedgerRecord = { timestampMs: 1735689600000, agent: "a1", job: "Research", actionType: "search", units: 0, status: "attempted", escalated: false, rerun: false, reviewMinutes: 0, team: "Sales", sourceRow: 0, key: "" };
    const seats: LedgerPricing = { model: "perUser", users: 1, months: 1, pricePerUserMonth: 5 };
    expect(summariseLedger([none], { pricing: seats }).overall.costUsd).toBe(0);
    expect(summariseLedger([none, { ...none, units: 2 }], { pricing: seats }).overall.costUsd).toBe(5);
  });

  test("the summary does not depend on the order of the rows (to rounding)", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), fc.context(), (records, ctx) => {
        const reversed = [...records].reverse();
        const a = summariseLedger(records, { pricing: FLEX_LIST });
        const b = summariseLedger(reversed, { pricing: FLEX_LIST });
        ctx.log(`${a.overall.unitsAttempted} vs ${b.overall.unitsAttempted}`);
        expect(close(a.overall.unitsAttempted, b.overall.unitsAttempted, a.overall.unitsAttempted)).toBe(true);
        expect(b.byJob.map((g) => g.key).sort()).toEqual(a.byJob.map((g) => g.key).sort());
        expect(ledgerContentHash(reversed)).toBe(ledgerContentHash(records));
      }),
      { numRuns: 100 },
    );
  });
});

describe("the import stamp's content hash", () => {
  /** FNV-1a 64 with BigInt over TextEncoder's bytes: slow and obviously right. */
  function reference(text: string): string {
    let h = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) {
      h ^= BigInt(byte);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, "0");
  }

  test("the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64Utf8("")).toBe("cbf29ce484222325");
    expect(fnv1a64Utf8("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64Utf8("foobar")).toBe("85944171f73967e8");
  });

  test("agrees with a BigInt reference on any text, surrogates and all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(fnv1a64Utf8(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
    // Lone surrogates are encoded as U+FFFD, as TextEncoder does.
    expect(fnv1a64Utf8("\ud800x\udc00")).toBe(reference("\ud800x\udc00"));
  });

  test("the same rows hash alike in any order and whatever their row numbers; any change changes it", () => {
    const hash = ledgerContentHash(LEDGER);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(ledgerContentHash([...LEDGER].reverse().map((r, i) => ({ ...r, sourceRow: i + 100, key: "other" })))).toBe(hash);
    expect(ledgerContentHash(LEDGER.map((r, i) => (i === 3 ? { ...r, units: 31 } : r)))).not.toBe(hash);
    expect(ledgerContentHash(LEDGER.map((r, i) => (i === 3 ? { ...r, status: "validated" as const } : r)))).not.toBe(hash);
    expect(ledgerContentHash(LEDGER.slice(1))).not.toBe(hash);
    // A duplicated row is a different log (the importer decides whether it is a double).
    expect(ledgerContentHash([...LEDGER, LEDGER[0] as LedgerRecord])).not.toBe(hash);
  });
});

describe("aggregated records: counts and costs of their own (issue 11)", () => {
  const FLEX: LedgerPricing = { model: "flex", pricePer100kCredits: 500, discount: 0 };
  // Research: 10 validated (200 units), 5 failed reruns (100 units), 3 succeeded escalated at a stated $4.50 (60 units).
  const records: LedgerRecord[] = [
    { ...rec("Research", "A", "x", 200, "validated", {}, 30), count: 10 },
    { ...rec("Research", "A", "x", 100, "failed", { rerun: true }), count: 5 },
    { ...rec("Research", "A", "x", 60, "succeeded", { escalated: true }), count: 3, costUsd: 4.5, costSource: "stated" },
  ];

  test("every count weighs by the record's count: 18 actions, 10 validated, 13 succeeded, 3 escalated, 5 reruns", () => {
    const f = summariseLedger(records, { pricing: FLEX }).overall;
    expect([f.actions, f.actionsValidated, f.actionsSucceeded, f.actionsFailed, f.actionsEscalated, f.actionsRerun, f.actionsFirstRun, f.actionsValidatedFirstRun]).toEqual([18, 10, 13, 5, 3, 5, 13, 10]);
    expect(f.acceptanceRate).toBeCloseTo(10 / 18, 15);
    expect(f.firstTimeAcceptanceRate).toBeCloseTo(10 / 13, 15);
    expect(f.escalationRate).toBeCloseTo(3 / 18, 15);
    // Units are the records' totals: rerun inflation 100 ÷ 200.
    expect(f.rerunInflation).toBeCloseTo(0.5, 15);
  });

  test("a record's own cost first, the others' units under the pricing model: $4.50 + 300 credits at $5 per 1,000", () => {
    expect(recordCostsUsd(records, FLEX)).toEqual([1, 0.5, 4.5]);
    const f = summariseLedger(records, { pricing: FLEX }).overall;
    expect(f.costUsd).toBeCloseTo(6, 12);
    expect(f.costPerValidatedOutcomeUsd).toBeCloseTo(0.6, 12);
  });

  test("per user, the seats are shared among the records priced by units only", () => {
    const costs = recordCostsUsd(records, { model: "perUser", users: 2, months: 1, pricePerUserMonth: 150 });
    // $300 of seats over the 300 units priced by units: 200 and 100; the stated record keeps its $4.50.
    expect(costs).toEqual([200, 100, 4.5]);
  });

  test("reconciliation counts actions as Σ count", () => {
    const summary = summariseLedger(records, { pricing: FLEX });
    const r = reconcileLedger(records, summary, { rows: 3, units: 360 });
    expect([r.ok, r.logActions, r.overall.actions]).toEqual([true, 18, 18]);
  });

  test("a record without a count is one action", () => {
    const one = rec("Research", "A", "x", 1, "validated");
    expect(summariseLedger([one], { pricing: FLEX }).overall.actions).toBe(1);
  });
});
