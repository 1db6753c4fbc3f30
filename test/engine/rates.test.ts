/**
 * The rate card (pricing.md §1): the built-in entries against the spec's table, effective
 * dating, the 200k-token tiers, and today's values under a fake clock. Expected values are
 * copied from pricing.md, never read from rate-card.json or the code under test.
 */
import {
  TodaysRates,
  builtInRateCard,
  lookupRate,
  makeRateCard,
  ratesInForce,
  tierKey,
  tokenPrices,
  type Lookup,
  type RateEntry,
} from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";

// ---------------------------------------------------------------------------------------
// (a) The built-in card against pricing.md §1
// ---------------------------------------------------------------------------------------

/**
 * pricing.md §1 "Rate card (built-in defaults)": the table's rows, cell for cell as printed
 * (key | value | unit | as of | source). "same" repeats the source of the row above; a
 * `tokens.<model>.input / .output` row carries both keys, with "input / output" values.
 */
const PRICING_MD_SECTION_1: readonly (readonly [key: string, value: string, unit: string, asOf: string, source: string])[] = [
  ["flex.pricePer100kCredits", "500", "USD per 100,000 Flex Credits", "2025-05-15", "Salesforce Agentforce pricing page / Flex Credits announcement"],
  ["flex.creditsPerAction", "20", "credits per standard action ($0.10)", "2025-05-15", "same"],
  ["flex.creditsPerVoiceAction", "30", "credits per voice action ($0.15)", "2025-05-15", "same"],
  ["conversation.price", "2.00", "USD per conversation (any length)", "2024-10", "Salesforce Agentforce pricing page"],
  ["seat.addOn", "125", "USD per user per month, unmetered internal use", "2025 (Summer)", "Salesforce Agentforce pricing page"],
  ["seat.agentforce1", "550", "USD per user per month (Agentforce 1 Sales/Service editions)", "2025", "same"],
  ["seat.agentforce1Credits", "1,000,000", "Flex Credits per org per year included with Agentforce 1 Sales", "2025", "same"],
  ["foundations.freeCredits", "100,000", "free Flex Credits (Enterprise Edition and above)", "2025", "same"],
  ["dataCloud.pricePer100kCredits", "1,000", "USD per 100,000 Data Cloud credits (approximate)", "2026", "licensing advisory, early 2026"],
  ["premier.surcharge", "0.30", "share of product spend added by Premier Support", "2026", "same"],
  ["sandbox.discount", "0.50", "standard sandbox discount on credit consumption", "2026", "same"],
  ["tokens.gemini-3-flash.input / .output", "0.50 / 3.00", "USD per 1M tokens", "2026", "Google Gemini API pricing"],
  ["tokens.gemini-3-pro.input / .output", "2.00 / 12.00", "USD per 1M tokens, prompts up to 200k tokens", "2026", "Google Gemini API pricing"],
  ["tokens.claude-sonnet-4.6.input / .output", "3.00 / 15.00", "USD per 1M tokens, input up to 200k tokens", "2026", "Anthropic pricing page"],
  [
    "flex.paygPricePer100kCredits",
    "666.67",
    "USD per 100,000 credits bought pay-as-you-go",
    "assumption",
    "pre-purchase saves 20–35 % against paying monthly; 25 % taken, as in the worked example",
  ],
  ["commit.uncertainty", "0.20", "relative standard deviation of a term's consumption forecast", "assumption", "illustrative"],
  ["labor.csrMedianWage", "20.59", "USD per hour, customer service representatives, median", "May 2024", "U.S. BLS Occupational Outlook Handbook"],
  ["labor.eceWages", "32.37", "USD per hour worked, private industry, wages and salaries", "Sept 2025", "U.S. BLS Employer Costs for Employee Compensation"],
  ["labor.eceBenefits", "13.68", "USD per hour worked, private industry, benefits", "Sept 2025", "same"],
  ["labor.paidHoursPerYear", "1,760", "paid hours per FTE per year", "assumption", "illustrative"],
  ["labor.utilization", "0.70", "share of paid time spent handling cases", "assumption", "illustrative"],
  ["labor.handleMinutes", "10", "average handle time per case, minutes", "assumption", "illustrative"],
  ["labor.overhead", "0.20", "supervision, training and tools on top of loaded wage", "assumption", "illustrative"],
];

interface SpecEntry {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly asOf: string;
  readonly source: string;
  /** "input" / "output" for a token price, whose unit in the table names neither. */
  readonly direction?: "input" | "output";
}

/** The table's rows as one entry per key: "same" resolved, "1,000,000" read as a number, token pairs split. */
function specEntries(): SpecEntry[] {
  const entries: SpecEntry[] = [];
  let previousSource = "";
  for (const [key, value, unit, asOf, sourceCell] of PRICING_MD_SECTION_1) {
    const source = sourceCell === "same" ? previousSource : sourceCell;
    previousSource = source;
    const number = (text: string): number => Number(text.replace(/,/g, ""));
    const pair = /^(.*)\.input \/ \.output$/.exec(key);
    if (pair) {
      const [input, output] = value.split(" / ");
      if (input === undefined || output === undefined) throw new Error(`row ${key}: expected "input / output" values, got ${value}`);
      entries.push({ key: `${pair[1]}.input`, value: number(input), unit, asOf, source, direction: "input" });
      entries.push({ key: `${pair[1]}.output`, value: number(output), unit, asOf, source, direction: "output" });
    } else {
      entries.push({ key, value: number(value), unit, asOf, source });
    }
  }
  return entries;
}

const SPEC = specEntries();

/** The Budget sheet's assumptions (docs/model.md §10.1): Data Cloud at the low end of 30–50 %, sandbox use, development at the midpoint of $50–150k over three years. */
const BUDGET_ASSUMPTIONS: readonly (readonly [key: string, value: number])[] = [
  ["dataCloud.shareOfAiSpend", 0.3],
  ["sandbox.usageShare", 0.1],
  ["development.agentCost", 100000],
  ["development.amortisationMonths", 36],
];

/** The ROI sheet's build vs buy example, the seed's (docs/model.md §6): $500,000 fixed a year, $0.05 compute per case. */
const ROI_ASSUMPTIONS: readonly (readonly [key: string, value: number])[] = [
  ["build.fixedAnnualCost", 500000],
  ["build.computePerCase", 0.05],
];

/** The card's only entry under a key (the built-in card has one entry per key today). */
function builtIn(key: string): RateEntry {
  const list = builtInRateCard.byKey.get(key.toLowerCase());
  if (!list || list.length === 0) throw new Error(`${key} is not on the built-in rate card`);
  expect(list).toHaveLength(1);
  return list[0] as RateEntry;
}

/** Sources compared as words: case, dash style and spacing aside. */
const sameWords = (text: string): string => text.toLowerCase().replace(/[–—]/g, "-").replace(/\s+/g, " ").trim();

/** The calendar period an as-of date names, as ISO bounds, or undefined for an assumption. */
function periodOf(asOf: string): { from: string; to: string } | undefined {
  if (asOf === "assumption") return undefined;
  const months: Record<string, string> = { May: "05", Sept: "09" };
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (match) return { from: asOf, to: asOf };
  match = /^(\d{4})-(\d{2})$/.exec(asOf);
  if (match) return { from: `${asOf}-01`, to: `${asOf}-31` };
  match = /^(May|Sept) (\d{4})$/.exec(asOf);
  if (match) return { from: `${match[2]}-${months[match[1] as string]}-01`, to: `${match[2]}-${months[match[1] as string]}-31` };
  // Summer, northern hemisphere (Salesforce's Summer release): June to September.
  match = /^(\d{4}) \(Summer\)$/.exec(asOf);
  if (match) return { from: `${match[1]}-06-01`, to: `${match[1]}-09-30` };
  match = /^(\d{4})$/.exec(asOf);
  if (match) return { from: `${asOf}-01-01`, to: `${asOf}-12-31` };
  throw new Error(`unrecognised as-of date in the table: ${asOf}`);
}

describe("the built-in card holds pricing.md §1's table", () => {
  test("the restated table has every key pricing.md §1 lists (23 rows, 26 keys)", () => {
    expect(PRICING_MD_SECTION_1).toHaveLength(23);
    expect(SPEC).toHaveLength(26);
    expect(new Set(SPEC.map((e) => e.key)).size).toBe(SPEC.length);
  });

  test.each(SPEC.map((e) => [e.key, e] as const))("%s: value, unit, as-of date and source", (_key, spec) => {
    const entry = builtIn(spec.key);
    expect(entry.key).toBe(spec.key);
    expect(entry.value).toBe(spec.value);
    expect(entry.asOf).toBe(spec.asOf);
    expect(sameWords(entry.source)).toBe(sameWords(spec.source));
    if (spec.direction) {
      // The card names the direction ("USD per 1M input tokens"); the table's row covers both keys.
      expect(entry.unit.split(" ")).toContain(spec.direction);
      expect(entry.unit.replace(` ${spec.direction} tokens`, " tokens")).toBe(spec.unit);
    } else {
      expect(entry.unit).toBe(spec.unit);
    }
  });

  test.each(SPEC.map((e) => [e.key, e] as const))("%s: in force from a date within its as-of period, or always if an assumption", (_key, spec) => {
    const entry = builtIn(spec.key);
    const period = periodOf(spec.asOf);
    if (period === undefined) {
      expect(entry.effective).toBeUndefined();
      // An assumption holds at any date.
      expect(lookupRate(builtInRateCard, spec.key, "1900-01-01")).toEqual({ found: "entry", entry, value: spec.value });
    } else {
      expect(entry.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((entry.effective as string) >= period.from && (entry.effective as string) <= period.to).toBe(true);
      expect(lookupRate(builtInRateCard, spec.key, period.to)).toEqual({ found: "entry", entry, value: spec.value });
    }
  });

  test("the keys beyond the table are the pre-purchase discount of pricing.md §2 (25 %), the budget's assumptions and ROI's build vs buy", () => {
    const tableKeys = new Set(SPEC.map((e) => e.key));
    const extra = builtInRateCard.keys.filter((key) => !tableKeys.has(key));
    expect(extra).toEqual(["flex.prepurchaseDiscount", ...[...BUDGET_ASSUMPTIONS, ...ROI_ASSUMPTIONS].map(([key]) => key)]);
    expect(builtIn("flex.prepurchaseDiscount").value).toBe(0.25);
    // docs/model.md §10.1: each an assumption, in force at any date.
    for (const [key, value] of [...BUDGET_ASSUMPTIONS, ...ROI_ASSUMPTIONS]) expect([key, builtIn(key).value, builtIn(key).asOf, builtIn(key).effective]).toEqual([key, value, "assumption", undefined]);
  });

  test("the token models are the table's three, by the model part of their key pairs", () => {
    expect([...builtInRateCard.tokenModels].sort()).toEqual(["claude-sonnet-4.6", "gemini-3-flash", "gemini-3-pro"]);
  });
});

// ---------------------------------------------------------------------------------------
// (b) Effective dating, on a small card made by hand
// ---------------------------------------------------------------------------------------

const entry = (key: string, value: number, effective?: string, tier?: RateEntry["tier"]): RateEntry => ({
  key,
  value,
  unit: "test unit",
  asOf: effective ?? "assumption",
  source: `test: ${key} = ${value}`,
  ...(effective === undefined ? {} : { effective }),
  ...(tier === undefined ? {} : { tier }),
});

// Listed out of date order on purpose: the card must order them itself.
const W2 = entry("price.widget", 12, "2025-03-15");
const W1 = entry("price.widget", 10, "2025-01-01");
const W3 = entry("price.widget", 15, "2025-07-01");
const ASSUMED = entry("assume.rate", 0.2);
const LATER_ASSUMED = entry("assume.superseded", 1);
const LATER_DATED = entry("assume.superseded", 2, "2025-06-01");
const MIXED = entry("Mixed.CaseKey", 42, "2025-02-01");
const handCard = makeRateCard([W2, ASSUMED, W1, LATER_DATED, MIXED, W3, LATER_ASSUMED]);

const found = (e: RateEntry, value = e.value): Lookup => ({ found: "entry", entry: e, value });

describe("effective dating", () => {
  test("a newer entry supersedes an older one without deleting it", () => {
    expect(handCard.byKey.get("price.widget")).toEqual([W3, W2, W1]);
    expect(handCard.keys).toEqual(["price.widget", "assume.rate", "assume.superseded", "Mixed.CaseKey"]);
  });

  test.each([
    ["the day before the second entry", "2025-03-14", W1],
    ["the second entry's effective day", "2025-03-15", W2],
    ["the day after the second entry", "2025-03-16", W2],
    ["the first entry's effective day", "2025-01-01", W1],
    ["the day after the first entry", "2025-01-02", W1],
    ["the day before the third entry", "2025-06-30", W2],
    ["the third entry's effective day", "2025-07-01", W3],
    ["long after the last entry", "2099-12-31", W3],
  ])("price.widget as of %s (%s)", (_name, date, expected) => {
    expect(lookupRate(handCard, "price.widget", date)).toEqual(found(expected));
  });

  test("a date before the first entry is notYet, naming the first entry's date", () => {
    expect(lookupRate(handCard, "price.widget", "2024-12-31")).toEqual({ found: "notYet", firstDate: "2025-01-01" });
    expect(lookupRate(handCard, "price.widget", "1900-01-01")).toEqual({ found: "notYet", firstDate: "2025-01-01" });
    expect(lookupRate(handCard, "mixed.casekey", "2025-01-31")).toEqual({ found: "notYet", firstDate: "2025-02-01" });
  });

  test("an undated assumption holds at any date", () => {
    for (const date of ["1900-01-01", "2024-12-31", "2025-03-15", "9999-12-31"]) expect(lookupRate(handCard, "assume.rate", date)).toEqual(found(ASSUMED));
  });

  test("a dated entry supersedes an assumption from its date on, and the assumption holds before it", () => {
    expect(lookupRate(handCard, "assume.superseded", "1900-01-01")).toEqual(found(LATER_ASSUMED));
    expect(lookupRate(handCard, "assume.superseded", "2025-05-31")).toEqual(found(LATER_ASSUMED));
    expect(lookupRate(handCard, "assume.superseded", "2025-06-01")).toEqual(found(LATER_DATED));
    expect(lookupRate(handCard, "assume.superseded", "2030-01-01")).toEqual(found(LATER_DATED));
    // Whichever order the entries came in.
    const reversed = makeRateCard([LATER_DATED, LATER_ASSUMED]);
    expect(lookupRate(reversed, "assume.superseded", "2025-05-31")).toEqual(found(LATER_ASSUMED));
    expect(lookupRate(reversed, "assume.superseded", "2025-06-01")).toEqual(found(LATER_DATED));
  });

  test("keys are matched without regard to case", () => {
    for (const key of ["Mixed.CaseKey", "mixed.casekey", "MIXED.CASEKEY"]) expect(lookupRate(handCard, key, "2025-02-01")).toEqual(found(MIXED));
    expect(lookupRate(handCard, "PRICE.Widget", "2025-03-15")).toEqual(found(W2));
    expect(lookupRate(builtInRateCard, "SEAT.ADDON", "2026-01-01")).toEqual(found(builtIn("seat.addOn"), 125));
  });

  test("an unknown key is unknownKey, at any date", () => {
    expect(lookupRate(handCard, "price.gadget", "2025-03-15")).toEqual({ found: "unknownKey" });
    expect(lookupRate(handCard, "price", "2025-03-15")).toEqual({ found: "unknownKey" });
    expect(lookupRate(handCard, "price.widget.", "2025-03-15")).toEqual({ found: "unknownKey" });
    expect(lookupRate(handCard, "", "2025-03-15")).toEqual({ found: "unknownKey" });
    // A tier key of an entry without a tier is no key either.
    expect(lookupRate(handCard, "price.widget.above200k", "2025-03-15")).toEqual({ found: "unknownKey" });
    expect(lookupRate(builtInRateCard, "flex.pricePer100kCredits.fr", "2026-01-01")).toEqual({ found: "unknownKey" });
  });

  test("ratesInForce lists each key once, at the value in force on the date, and omits keys not yet in force", () => {
    const rows = (date: string): [string, number][] => ratesInForce(handCard, date).map((row) => [row.key, row.value]);
    expect(rows("2024-12-31")).toEqual([
      ["assume.rate", 0.2],
      ["assume.superseded", 1],
    ]);
    expect(rows("2025-03-15")).toEqual([
      ["price.widget", 12],
      ["assume.rate", 0.2],
      ["assume.superseded", 1],
      ["Mixed.CaseKey", 42],
    ]);
    expect(rows("2025-07-01")).toEqual([
      ["price.widget", 15],
      ["assume.rate", 0.2],
      ["assume.superseded", 2],
      ["Mixed.CaseKey", 42],
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// (c) The 200k-token tiers
// ---------------------------------------------------------------------------------------

/**
 * pricing.md §1, after the table: "gemini-3-pro above 200k input tokens 4.00 in / 18.00 out;
 * claude-sonnet-4.6 above 200k input tokens 6.00 in / 22.50 out". Base prices from the table.
 */
const TIERED = [
  { model: "gemini-3-pro", threshold: 200_000, base: { in: 2, out: 12 }, above: { in: 4, out: 18 } },
  { model: "claude-sonnet-4.6", threshold: 200_000, base: { in: 3, out: 15 }, above: { in: 6, out: 22.5 } },
] as const;
/** The table's flash row marks no tier. */
const UNTIERED = { model: "gemini-3-flash", base: { in: 0.5, out: 3 } } as const;
/** A date on which the 2026 token prices are in force. */
const IN_2026 = "2026-06-01";

function tiered(key: string): RateEntry & { readonly tier: NonNullable<RateEntry["tier"]> } {
  const e = builtIn(key);
  if (!e.tier) throw new Error(`${key} has no tier`);
  return { ...e, tier: e.tier };
}

describe("token tiers above 200k input tokens", () => {
  test("exactly the gemini-3-pro and claude-sonnet-4.6 token prices carry a tier", () => {
    const withTier = builtInRateCard.keys.filter((key) => builtIn(key).tier !== undefined).sort();
    expect(withTier).toEqual(TIERED.flatMap(({ model }) => [`tokens.${model}.input`, `tokens.${model}.output`]).sort());
  });

  test.each(TIERED.map((t) => [t.model, t] as const))("%s: threshold and prices above it", (_model, t) => {
    expect(tiered(`tokens.${t.model}.input`).tier).toEqual({ aboveInputTokens: t.threshold, value: t.above.in });
    expect(tiered(`tokens.${t.model}.output`).tier).toEqual({ aboveInputTokens: t.threshold, value: t.above.out });
  });

  test.each(TIERED.map((t) => [t.model, t] as const))("%s: tier keys are named ….above200k and read the tier's price", (_model, t) => {
    const input = tiered(`tokens.${t.model}.input`);
    const output = tiered(`tokens.${t.model}.output`);
    expect(tierKey(input)).toBe(`tokens.${t.model}.input.above200k`);
    expect(tierKey(output)).toBe(`tokens.${t.model}.output.above200k`);
    expect(lookupRate(builtInRateCard, `tokens.${t.model}.input.above200k`, IN_2026)).toEqual(found(builtIn(`tokens.${t.model}.input`), t.above.in));
    expect(lookupRate(builtInRateCard, `TOKENS.${t.model.toUpperCase()}.OUTPUT.ABOVE200K`, IN_2026)).toEqual(
      found(builtIn(`tokens.${t.model}.output`), t.above.out),
    );
    // Another threshold is not a key.
    expect(lookupRate(builtInRateCard, `tokens.${t.model}.input.above100k`, IN_2026)).toEqual({ found: "unknownKey" });
  });

  test("a model without a tier has no tier key", () => {
    expect(lookupRate(builtInRateCard, `tokens.${UNTIERED.model}.input.above200k`, IN_2026)).toEqual({ found: "unknownKey" });
  });

  test.each(TIERED.map((t) => [t.model, t] as const))("%s: base prices up to the threshold, tier prices for the whole request above it", (_model, t) => {
    const prices = (tokens: number): unknown => tokenPrices(builtInRateCard, t.model, tokens, IN_2026);
    expect(prices(0)).toEqual({ inputPerMillion: t.base.in, outputPerMillion: t.base.out });
    expect(prices(t.threshold - 1)).toEqual({ inputPerMillion: t.base.in, outputPerMillion: t.base.out });
    expect(prices(t.threshold)).toEqual({ inputPerMillion: t.base.in, outputPerMillion: t.base.out });
    // One token over: input and output alike are billed at the tier price, not just the excess.
    expect(prices(t.threshold + 1)).toEqual({ inputPerMillion: t.above.in, outputPerMillion: t.above.out });
    expect(prices(t.threshold + 0.5)).toEqual({ inputPerMillion: t.above.in, outputPerMillion: t.above.out });
    expect(prices(10_000_000)).toEqual({ inputPerMillion: t.above.in, outputPerMillion: t.above.out });
  });

  test("AWU.TOKENCOST bills a request one token over the threshold wholly at the tier price", () => {
    const cost = (input: number, output: number, model: string): unknown => applyFunction(specOf("TOKENCOST"), [[[input]], [[output]], [[model]], null, null], todaysRates, (p) => p)[0]?.[0];
    // pricing.md §3: (in × inPrice + out × outPrice) / 1,000,000; §1: above 200k the tier price for the whole request.
    expect(cost(200_000, 1_000, "claude-sonnet-4.6")).toBeCloseTo((200_000 * 3 + 1_000 * 15) / 1e6, 12);
    expect(cost(200_001, 1_000, "claude-sonnet-4.6")).toBeCloseTo((200_001 * 6 + 1_000 * 22.5) / 1e6, 12);
    expect(cost(200_001, 1_000, "Gemini-3-Pro")).toBeCloseTo((200_001 * 4 + 1_000 * 18) / 1e6, 12);
    expect(cost(200_001, 1_000, "gemini-3-flash")).toBeCloseTo((200_001 * 0.5 + 1_000 * 3) / 1e6, 12);
  });

  test("an untiered model keeps its price at any prompt size", () => {
    for (const tokens of [0, 200_000, 200_001, 10_000_000])
      expect(tokenPrices(builtInRateCard, UNTIERED.model, tokens, IN_2026)).toEqual({ inputPerMillion: UNTIERED.base.in, outputPerMillion: UNTIERED.base.out });
  });

  test("model names match without regard to case or surrounding spaces; unknown models and dates before the prices give undefined", () => {
    expect(tokenPrices(builtInRateCard, "  Claude-Sonnet-4.6 ", 200_001, IN_2026)).toEqual({ inputPerMillion: 6, outputPerMillion: 22.5 });
    expect(tokenPrices(builtInRateCard, "gpt-9", 1000, IN_2026)).toBeUndefined();
    expect(tokenPrices(builtInRateCard, "gemini-3", 1000, IN_2026)).toBeUndefined();
    // The 2026 token prices are not in force in 2025.
    expect(tokenPrices(builtInRateCard, "gemini-3-pro", 1000, "2025-12-31")).toBeUndefined();
  });

  test("a hand-made tier at another threshold: its key, and the price switch just past it", () => {
    const card = makeRateCard([
      entry("tokens.m.input", 1, "2025-01-01", { aboveInputTokens: 128_000, value: 2 }),
      entry("tokens.m.output", 5, "2025-01-01", { aboveInputTokens: 128_000, value: 7 }),
    ]);
    expect(card.tokenModels).toEqual(["m"]);
    expect(ratesInForce(card, "2025-01-01").map((row) => row.key)).toEqual([
      "tokens.m.input",
      "tokens.m.input.above128k",
      "tokens.m.output",
      "tokens.m.output.above128k",
    ]);
    expect(tokenPrices(card, "m", 128_000, "2025-01-01")).toEqual({ inputPerMillion: 1, outputPerMillion: 5 });
    expect(tokenPrices(card, "m", 128_001, "2025-01-01")).toEqual({ inputPerMillion: 2, outputPerMillion: 7 });
  });

  test("ratesInForce lists each tier as a row of its own, right after its base price", () => {
    const rows = ratesInForce(builtInRateCard, IN_2026);
    const keys = rows.map((row) => row.key);
    // Every key of the table (and the pre-purchase discount), plus one row per tier.
    expect(rows).toHaveLength(SPEC.length + 1 + BUDGET_ASSUMPTIONS.length + ROI_ASSUMPTIONS.length + 4);
    for (const t of TIERED)
      for (const [direction, value] of [
        ["input", t.above.in],
        ["output", t.above.out],
      ] as const) {
        const base = `tokens.${t.model}.${direction}`;
        const at = keys.indexOf(base);
        expect(at).toBeGreaterThanOrEqual(0);
        const row = rows[at + 1];
        expect(row?.key).toBe(`${base}.above200k`);
        expect(row?.value).toBe(value);
        // The tier row shows its base entry's as-of date and source, and a unit of its own: the price above the threshold.
        expect(row?.entry).toEqual({ ...builtIn(base), unit: `USD per 1M ${direction} tokens, prompts above 200k tokens` });
        expect(rows[at]?.entry.unit).toMatch(/up to 200k tokens$/);
      }
    for (const spec of SPEC) expect(rows.find((row) => row.key === spec.key)?.value).toBe(spec.value);
    // Before 2026 the token prices, and so their tiers, are not yet in force.
    expect(ratesInForce(builtInRateCard, "2025-12-31").some((row) => row.key.startsWith("tokens."))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// (d) Today's values under a fake clock
// ---------------------------------------------------------------------------------------

/** A local time (month 1–12), as the workbook's clock reads it. */
const local = (year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number =>
  new Date(year, month - 1, day, hours, minutes, seconds, ms).getTime();

/** A clock the test sets, counting how often it is read. */
class FakeClock {
  reads = 0;
  constructor(public now: number) {}
  readonly read = (): number => {
    this.reads++;
    return this.now;
  };
}

describe("TodaysRates", () => {
  // price.widget: 10 from 2025-01-01, 12 from 2025-03-15, 15 from 2025-07-01;
  // assume.superseded: 1 always, 2 from 2025-06-01; Mixed.CaseKey 42 from 2025-02-01.
  test("values change at local midnight of an effective date", () => {
    const clock = new FakeClock(local(2025, 3, 14, 23, 59, 59, 999));
    const rates = new TodaysRates(handCard, clock.read);
    expect(rates.value("price.widget")).toBe(10);
    clock.now = local(2025, 3, 15);
    expect(rates.value("price.widget")).toBe(12);
    clock.now = local(2025, 5, 31, 23, 59, 59, 999);
    expect(rates.value("assume.superseded")).toBe(1);
    clock.now = local(2025, 6, 1);
    expect(rates.value("assume.superseded")).toBe(2);
    expect(rates.value("price.widget")).toBe(12);
    clock.now = local(2025, 7, 1);
    expect(rates.value("price.widget")).toBe(15);
    expect(rates.value("assume.rate")).toBe(0.2);
  });

  test("value() takes any case, and tier keys; a key with nothing in force today throws", () => {
    const rates = new TodaysRates(handCard, new FakeClock(local(2025, 2, 15)).read);
    expect(rates.value("PRICE.WIDGET")).toBe(10);
    expect(rates.value("mixed.casekey")).toBe(42);
    expect(rates.value("Mixed.CaseKey")).toBe(42);
    expect(() => rates.value("price.gadget")).toThrow(/price\.gadget/);
    // Mixed.CaseKey is in force from 2025-02-01 only.
    const before = new TodaysRates(handCard, new FakeClock(local(2025, 1, 31, 23, 59, 59, 999)).read);
    expect(() => before.value("mixed.casekey")).toThrow(/mixed\.casekey/i);
    const builtInToday = new TodaysRates(builtInRateCard, new FakeClock(local(2026, 6, 1, 12)).read);
    expect(builtInToday.value("tokens.gemini-3-pro.input.above200k")).toBe(4);
    expect(builtInToday.value("tokens.claude-sonnet-4.6.output.above200k")).toBe(22.5);
  });

  test("generation() changes at each effective date's midnight, and at no other time", () => {
    const clock = new FakeClock(0);
    const rates = new TodaysRates(handCard, clock.read);
    // The effective dates of the hand card, as local midnights.
    const changes = [local(2025, 1, 1), local(2025, 2, 1), local(2025, 3, 15), local(2025, 6, 1), local(2025, 7, 1)];
    const epochOf = (t: number): number => changes.filter((c) => c <= t).length;
    // Every 3 hours from 2024-12-30 to 2025-07-03, plus the instant before and at each change.
    const times: number[] = [];
    for (let t = local(2024, 12, 30); t <= local(2025, 7, 3); t += 3 * 3_600_000) times.push(t);
    for (const c of changes) times.push(c - 1, c);
    times.sort((a, b) => a - b);
    clock.now = times[0] as number;
    let previousGeneration = rates.generation();
    let previousEpoch = epochOf(clock.now);
    let changesSeen = 0;
    for (const t of times.slice(1)) {
      clock.now = t;
      const generation = rates.generation();
      const epoch = epochOf(t);
      if (epoch !== previousEpoch) {
        expect(generation).not.toBe(previousGeneration);
        changesSeen++;
      } else {
        expect(generation).toBe(previousGeneration);
      }
      previousGeneration = generation;
      previousEpoch = epoch;
    }
    expect(changesSeen).toBe(changes.length);
  });

  test("the clock is not read after the first sync when no dated change lies ahead", () => {
    // A card of assumptions only.
    const assumed = new FakeClock(local(2025, 3, 14));
    const onlyAssumed = new TodaysRates(makeRateCard([ASSUMED, LATER_ASSUMED]), assumed.read);
    expect(onlyAssumed.value("assume.rate")).toBe(0.2);
    const g = onlyAssumed.generation();
    const readsAfterSync = assumed.reads;
    expect(readsAfterSync).toBeGreaterThan(0);
    assumed.now = local(2099, 1, 1);
    for (let i = 0; i < 100; i++) {
      expect(onlyAssumed.value("assume.superseded")).toBe(1);
      expect(onlyAssumed.generation()).toBe(g);
    }
    expect(assumed.reads).toBe(readsAfterSync);

    // The hand card once its last effective date (2025-07-01) has passed.
    const past = new FakeClock(local(2025, 8, 1));
    const allPast = new TodaysRates(handCard, past.read);
    expect(allPast.value("price.widget")).toBe(15);
    const readsThen = past.reads;
    past.now = local(2030, 1, 1);
    for (let i = 0; i < 100; i++) {
      expect(allPast.value("price.widget")).toBe(15);
      allPast.generation();
    }
    expect(past.reads).toBe(readsThen);
  });

  test("while a dated change lies ahead the clock is read, and it stops being read once the last change is in force", () => {
    const clock = new FakeClock(local(2025, 6, 30, 12));
    const rates = new TodaysRates(handCard, clock.read);
    expect(rates.value("price.widget")).toBe(12);
    const before = clock.reads;
    rates.value("price.widget");
    rates.generation();
    // A change lies ahead (2025-07-01): each call must look at the clock to notice it.
    expect(clock.reads).toBeGreaterThanOrEqual(before + 2);
    clock.now = local(2025, 7, 1);
    expect(rates.value("price.widget")).toBe(15);
    const atLastChange = clock.reads;
    clock.now = local(2026, 1, 1);
    for (let i = 0; i < 50; i++) expect(rates.value("price.widget")).toBe(15);
    rates.generation();
    expect(clock.reads).toBe(atLastChange);
  });

  test("isoDate() follows the clock across midnight, even once values no longer read it", () => {
    const clock = new FakeClock(local(2025, 12, 31, 23, 59, 59, 999));
    const rates = new TodaysRates(makeRateCard([ASSUMED]), clock.read);
    expect(rates.value("assume.rate")).toBe(0.2);
    expect(rates.isoDate()).toBe("2025-12-31");
    clock.now = local(2026, 1, 1);
    expect(rates.isoDate()).toBe("2026-01-01");
    clock.now = local(2026, 1, 1, 23, 59, 59, 999);
    expect(rates.isoDate()).toBe("2026-01-01");
    clock.now = local(2026, 1, 2, 0, 0, 0, 1);
    expect(rates.isoDate()).toBe("2026-01-02");
    clock.now = local(2028, 2, 29, 12);
    expect(rates.isoDate()).toBe("2028-02-29");
    // A clock set back is followed too.
    clock.now = local(2025, 3, 14, 8);
    expect(rates.isoDate()).toBe("2025-03-14");
  });

  test("isoDate() and the values agree on the day when a change lies ahead", () => {
    const clock = new FakeClock(local(2025, 3, 14, 23, 59, 59, 999));
    const rates = new TodaysRates(handCard, clock.read);
    expect([rates.isoDate(), rates.value("price.widget")]).toEqual(["2025-03-14", 10]);
    clock.now = local(2025, 3, 15);
    expect([rates.isoDate(), rates.value("price.widget")]).toEqual(["2025-03-15", 12]);
  });
});
