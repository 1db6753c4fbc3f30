/**
 * Token prices for every model (issue 12): the price list generated from @pydantic/genai-prices,
 * checked against vendors' published list prices (test/golden/token-prices.json, copied from the
 * vendors, never from the list), the names people use, the rate card's overrides, dated versions,
 * and AWU.TOKENCOST over all of it.
 */
import fs from "fs";
import path from "path";
import {
  builtInPriceList as builtInList,
  builtInRateCard,
  findListedModel,
  listPrice,
  listPricesOn,
  listedName,
  makeRateCard,
  modelTokenPrices,
  nameMatches,
  priceListModelCount,
  type Problem,
  type RateEntry,
} from "../../src/engine";
import { priceListRow, specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { compactPriceList, installedVersion, packageProviders, type PackageProvider } from "../../scripts/token-prices";
import vendorPrices from "../golden/token-prices.json";

const TODAY = "2026-11-30";
const builtInPriceList = builtInList();
const prices = (model: string, inputTokens = 1000, date = TODAY): ReturnType<typeof modelTokenPrices> =>
  modelTokenPrices(builtInRateCard, builtInPriceList, model, inputTokens, date);

class Err {
  constructor(readonly problem: Problem) {}
}
/** AWU.TOKENCOST through the gate, as Excel calls it (the model name from a cell). */
const tokenCost = (input: number, output: number, model: string | number, outputPrice?: number): unknown =>
  applyFunction(specOf("TOKENCOST"), [[[input]], [[output]], [[model]], outputPrice === undefined ? null : [[outputPrice]], null], todaysRates, (p) => new Err(p))[0]?.[0];

describe("the price list: which dataset, which version, which date", () => {
  test("is @pydantic/genai-prices at the version installed and pinned in package.json, with its publication date", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(builtInPriceList.package).toBe("@pydantic/genai-prices");
    expect(builtInPriceList.version).toBe(installedVersion());
    expect(pkg.devDependencies["@pydantic/genai-prices"]).toBe(builtInPriceList.version);
    expect(builtInPriceList.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(builtInPriceList.license).toBe("MIT");
  });

  test("the committed table is what scripts/token-prices.ts makes of the installed package (run it after an upgrade)", async () => {
    expect(builtInPriceList.providers).toEqual(compactPriceList(await packageProviders()));
  });

  test("knows hundreds of models across the major vendors", () => {
    expect(priceListModelCount(builtInPriceList)).toBeGreaterThan(1000);
    expect(builtInPriceList.providers.map((p) => p.id)).toEqual(expect.arrayContaining(["openai", "anthropic", "google", "mistral", "deepseek", "x-ai"]));
  });

  test("every model answers to its own provider:id", () => {
    const wrong: string[] = [];
    for (const provider of builtInPriceList.providers)
      for (const model of provider.models) {
        const name = `${provider.id}:${model.id}`;
        const found = findListedModel(builtInPriceList, name);
        if (!found || listedName(found) !== name) wrong.push(`${name} → ${found ? listedName(found) : "nothing"}`);
      }
    expect(wrong).toEqual([]);
  });

  test("AWU.RATES ends with the price list's row: model count, publication date, package and version", () => {
    expect(priceListRow()).toEqual([
      "tokens.*",
      priceListModelCount(builtInPriceList),
      expect.stringContaining("override"),
      builtInPriceList.published,
      expect.stringContaining(`@pydantic/genai-prices ${builtInPriceList.version}`),
    ]);
    const grid = applyFunction(specOf("RATES"), [], todaysRates, (p) => new Err(p));
    expect(grid[grid.length - 1]).toEqual(priceListRow());
  });
});

describe("vendors' published list prices", () => {
  test.each(vendorPrices.models.map((v) => [v.model, v] as const))("%s", (model, v) => {
    const found = prices(model);
    expect(found).toMatchObject({ inputPerMillion: v.input, outputPerMillion: v.output, from: "priceList" });
    if ("cacheRead" in v) expect(found).toMatchObject({ cacheReadPerMillion: v.cacheRead, cacheWritePerMillion: v.cacheWrite });
    // AWU.TOKENCOST for 100,000 tokens each way (below every tier) is a tenth of the two prices added.
    expect(tokenCost(100_000, 100_000, model)).toBeCloseTo((v.input + v.output) / 10, 12);
    if ("above" in v && v.above && v.aboveInputTokens) {
      const { above, aboveInputTokens } = v;
      expect(prices(model, aboveInputTokens)).toMatchObject({ inputPerMillion: v.input, outputPerMillion: v.output });
      expect(prices(model, aboveInputTokens + 1)).toMatchObject({ inputPerMillion: above.input, outputPerMillion: above.output });
      expect(tokenCost(250_000, 1_000, model)).toBeCloseTo((250_000 * above.input + 1_000 * above.output) / 1e6, 12);
    } else {
      expect(prices(model, 10_000_000)).toMatchObject({ inputPerMillion: v.input, outputPerMillion: v.output });
    }
  });
});

describe("the names people use", () => {
  test.each([
    ["gpt-4o", "openai:gpt-4o"],
    ["GPT-4o", "openai:gpt-4o"],
    ["  gpt-4o  ", "openai:gpt-4o"],
    ["gpt-4o-2024-08-06", "openai:gpt-4o"],
    ["gpt-4o-mini", "openai:gpt-4o-mini"],
    ["openai:gpt-4o", "openai:gpt-4o"],
    ["claude-sonnet-4-5", "anthropic:claude-sonnet-4-5"],
    ["claude-sonnet-4.5", "anthropic:claude-sonnet-4-5"],
    ["Claude-Sonnet-4-5-20250929", "anthropic:claude-sonnet-4-5"],
    ["claude-sonnet-4", "anthropic:claude-sonnet-4-0"],
    ["claude-sonnet-4-20250514", "anthropic:claude-sonnet-4-0"],
    ["gemini-2.5-pro", "google:gemini-2.5-pro"],
    ["Gemini-2.5-Flash", "google:gemini-2.5-flash"],
    ["google:claude-sonnet-4-6", "google:claude-sonnet-4-6"],
  ])("%j is %s", (name, listed) => {
    const found = findListedModel(builtInPriceList, name);
    expect(found && listedName(found)).toBe(listed);
    expect(prices(name)?.model).toBe(listed);
  });

  test.each(["gpt-9", "gemini-3", "", "   ", "not a model", "anthropic:gpt-4o"])("%j is no model", (name) => {
    expect(findListedModel(builtInPriceList, name)).toBeUndefined();
    expect(prices(name)).toBeUndefined();
  });

  test("matching rules: text rules ignore case, or / and combine, a regex runs on the lower-case name", () => {
    expect(nameMatches({ starts_with: "GPT-" }, "gpt-4o")).toBe(true);
    expect(nameMatches({ or: [{ equals: "a" }, { ends_with: "-b" }] }, "x-b")).toBe(true);
    expect(nameMatches({ and: [{ contains: "claude" }, { starts_with: "claude-3" }] }, "claude-sonnet")).toBe(false);
    expect(nameMatches({ regex: "^o[134]" }, "o3-mini")).toBe(true);
    expect(nameMatches({ regex: "^o[134]" }, "gpt-o3")).toBe(false);
  });
});

describe("the rate card overrides the price list", () => {
  test.each(["claude-sonnet-4.6", "Claude-Sonnet-4.6", "claude-sonnet-4-6", "anthropic:claude-sonnet-4-6"])(
    "%j takes the card's claude-sonnet-4.6, with pricing.md's tier above 200k the list lacks",
    (name) => {
      expect(prices(name, 200_000)).toEqual({ inputPerMillion: 3, outputPerMillion: 15, model: "claude-sonnet-4.6", from: "rateCard" });
      expect(prices(name, 200_001)).toEqual({ inputPerMillion: 6, outputPerMillion: 22.5, model: "claude-sonnet-4.6", from: "rateCard" });
      expect(tokenCost(300_000, 10_000, name)).toBeCloseTo((300_000 * 6 + 10_000 * 22.5) / 1e6, 12);
    },
  );

  test("the disagreement is real and the card says which source it follows", () => {
    const listed = findListedModel(builtInPriceList, "claude-sonnet-4-6");
    if (!listed) throw new Error("the list has no claude-sonnet-4-6");
    const theirs = listPricesOn(listed.model, TODAY);
    expect([listPrice(theirs.input_mtok, 300_000), listPrice(theirs.output_mtok, 300_000)]).toEqual([3, 15]);
    for (const kind of ["input", "output"]) {
      const entry = builtInRateCard.byKey.get(`tokens.claude-sonnet-4.6.${kind}`)?.[0];
      expect(entry?.note).toMatch(/pydantic\/genai-prices.*follows pricing\.md/);
    }
    const rates = applyFunction(specOf("RATES"), [], todaysRates, (p) => new Err(p));
    expect(rates.find((row) => row[0] === "tokens.claude-sonnet-4.6.input.above200k")?.[4]).toMatch(/^Anthropic pricing page\. Sources disagree/);
  });

  test("the card's own models the list doesn't know by that name: gemini-3-pro (tiered) and gemini-3-flash", () => {
    expect(prices("GEMINI-3-PRO", 250_000)).toEqual({ inputPerMillion: 4, outputPerMillion: 18, model: "gemini-3-pro", from: "rateCard" });
    expect(prices("gemini-3-flash")).toEqual({ inputPerMillion: 0.5, outputPerMillion: 3, model: "gemini-3-flash", from: "rateCard" });
  });

  test("another host's listing of the same model is that host's price, not overridden", () => {
    expect(prices("google:claude-sonnet-4-6", 300_000)).toMatchObject({ model: "google:claude-sonnet-4-6", from: "priceList" });
  });

  test("a card entry overrides every alias of the model it resolves to, from its effective date", () => {
    const entry = (key: string, value: number): RateEntry => ({ key, value, unit: "USD per 1M tokens", asOf: "2026", effective: "2026-01-01", source: "test" });
    const card = makeRateCard([entry("tokens.GPT-4o.input", 1), entry("tokens.gpt-4o.output", 2)]);
    for (const name of ["gpt-4o", "gpt-4o-2024-11-20", "openai:gpt-4o"])
      expect(modelTokenPrices(card, builtInPriceList, name, 1000, TODAY)).toEqual({ inputPerMillion: 1, outputPerMillion: 2, model: "GPT-4o", from: "rateCard" });
    // Before the card's entry is in force, the list's price holds.
    expect(modelTokenPrices(card, builtInPriceList, "gpt-4o", 1000, "2025-12-31")).toMatchObject({ inputPerMillion: 2.5, outputPerMillion: 10, from: "priceList" });
    // gpt-4o-mini is another model: not overridden.
    expect(modelTokenPrices(card, builtInPriceList, "gpt-4o-mini", 1000, TODAY)).toMatchObject({ inputPerMillion: 0.15, from: "priceList" });
  });
});

describe("dated versions: a price on a date is the one in force then", () => {
  test("o3: $10 / $40 until OpenAI's cut to $2 / $8 on 10 June 2025", () => {
    expect(prices("o3", 1000, "2025-06-09")).toMatchObject({ inputPerMillion: 10, outputPerMillion: 40 });
    expect(prices("o3", 1000, "2025-06-10")).toMatchObject({ inputPerMillion: 2, outputPerMillion: 8 });
    // Before the list's first version, its first version.
    expect(prices("o3", 1000, "2020-01-01")).toMatchObject({ inputPerMillion: 10, outputPerMillion: 40 });
  });
});

describe("AWU.TOKENCOST", () => {
  test("an unknown model is #VALUE! offering examples, not the whole list", () => {
    const out = tokenCost(1000, 100, "gpt-9");
    expect(out).toBeInstanceOf(Err);
    expect((out as Err).problem).toEqual({ code: "unknownModel", arg: "model", input: "gpt-9", examples: ["gpt-4o", "claude-sonnet-4.6"] });
  });

  test("a model name takes no output price; a number as model still needs one", () => {
    expect((tokenCost(1000, 100, "gpt-4o", 3) as Err).problem.code).toBe("priceNotAllowed");
    expect((tokenCost(1000, 100, 2.5) as Err).problem.code).toBe("priceNeeded");
    expect(tokenCost(1000, 100, 2.5, 10)).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 15);
  });

  test("a range of models spills one cost per cell", () => {
    const out = applyFunction(specOf("TOKENCOST"), [[[100_000]], [[0]], [["gpt-4o"], ["claude-sonnet-4"], ["gemini-2.5-pro"]], null, null], todaysRates, (p) => new Err(p));
    expect(out).toEqual([[0.25], [0.3], [0.125]]);
  });
});

describe("scripts/token-prices.ts: what it keeps of the package's data", () => {
  const provider = (models: PackageProvider["models"]): PackageProvider[] => [{ id: "p", name: "P", model_match: { starts_with: "m" }, models }];

  test("per-token prices with their tiers; other price kinds, and models without a token input price, dropped", () => {
    const [out] = compactPriceList(
      provider([
        { id: "m1", name: "M1", match: { equals: "m1" }, prices: { input_mtok: { base: 1, tiers: [{ start: 200_000, price: 2 }] }, output_mtok: 5, web_searches_kcount: 10, cache_read_mtok: 0.1 } },
        { id: "audio", match: { equals: "audio" }, prices: { input_audio_mtok: 3 } },
      ]),
    );
    expect(out).toEqual({
      id: "p",
      name: "P",
      match: { starts_with: "m" },
      models: [{ id: "m1", prices: { input_mtok: { base: 1, tiers: [{ start: 200_000, price: 2 }] }, output_mtok: 5, cache_read_mtok: 0.1 } }],
    });
  });

  test("dated versions keep their start date; time-of-day variants fold into the price most hours pay", () => {
    const [out] = compactPriceList(
      provider([
        { id: "dated", match: { starts_with: "dated" }, prices: [{ prices: { input_mtok: 10, output_mtok: 40 } }, { constraint: { type: "start_date", start_date: "2025-06-10" }, prices: { input_mtok: 2, output_mtok: 8 } }] },
        {
          id: "offpeak",
          match: { equals: "offpeak" },
          prices: [{ prices: { input_mtok: 0.135, output_mtok: 0.55 } }, { constraint: { type: "time_of_date", start_time: "00:30:00Z", end_time: "16:30:00Z" }, prices: { input_mtok: 0.27, output_mtok: 1.1 } }],
        },
      ]),
    );
    expect(out?.models).toEqual([
      { id: "dated", match: { starts_with: "dated" }, prices: [{ prices: { input_mtok: 10, output_mtok: 40 } }, { from: "2025-06-10", prices: { input_mtok: 2, output_mtok: 8 } }] },
      // 16 hours at the standard price against 8 off-peak.
      { id: "offpeak", prices: { input_mtok: 0.27, output_mtok: 1.1 } },
    ]);
  });
});
