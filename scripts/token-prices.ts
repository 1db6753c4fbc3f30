/**
 * Generates src/engine/token-price-list.json, the token prices AWU.TOKENCOST knows, from the
 * installed @pydantic/genai-prices (a dev dependency): `npm run token-prices [-- --published YYYY-MM-DD]`.
 * Run it after changing that package's version; test/engine/token-prices.test.ts fails until the
 * committed file matches the installed package.
 *
 * Why a generated table rather than the package at run time: the package's runtime (usage
 * extractors, descriptions, auto-update) would add about 80 KB gzipped to the functions bundle;
 * the prices alone are about 25 KB, and a committed file is reviewed like any other.
 *
 * Kept per model: its id, the package's own name-matching rule (omitted when it is just the id)
 * and the per-1M-token prices: input, output, cache read, cache write, with their
 * tiers (a higher price for the whole request above a prompt size) and dated versions. Dropped:
 * prices not per token (web searches, audio hours, pages), models with no per-token input price,
 * time-of-day variants (a budget has no hour: the price in force for most of the day is kept), and
 * display names (a fifth of the size; the id is what people type).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { parseArgs } from "util";

/** The package's name-matching rule (its MatchLogic). */
export type Match =
  | { readonly equals: string }
  | { readonly starts_with: string }
  | { readonly ends_with: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly or: readonly Match[] }
  | { readonly and: readonly Match[] };

type PackagePrice = number | { readonly base: number; readonly tiers: readonly { readonly start: number; readonly price: number }[] } | undefined;
type PackagePrices = Readonly<Record<string, PackagePrice>>;
type PackageConstraint = { readonly type: "start_date"; readonly start_date: string } | { readonly type: "time_of_date"; readonly start_time: string; readonly end_time: string };

/** What this script reads of the package's Provider objects. */
export interface PackageProvider {
  readonly id: string;
  readonly name: string;
  readonly model_match?: Match;
  readonly fallback_model_providers?: readonly string[];
  readonly models: readonly {
    readonly id: string;
    readonly name?: string;
    readonly match: Match;
    readonly prices: PackagePrices | readonly { readonly constraint?: PackageConstraint; readonly prices: PackagePrices }[];
  }[];
}

/** The per-token price kinds kept, as the package names them (USD per 1M tokens). */
export const TOKEN_PRICE_KINDS = ["input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok"] as const;

type ListPrices = Partial<Record<(typeof TOKEN_PRICE_KINDS)[number], PackagePrice>>;
type ListModel = { id: string; match?: Match; prices: ListPrices | { from?: string; prices: ListPrices }[] };
export interface ListProvider {
  id: string;
  name: string;
  match?: Match;
  fallback?: string[];
  models: ListModel[];
}

const PACKAGE = "@pydantic/genai-prices";
const ROOT = path.resolve(__dirname, "..");
export const PRICE_LIST_FILE = path.join(ROOT, "src/engine/token-price-list.json");

function tokenPrices(prices: PackagePrices): ListPrices {
  const kept: ListPrices = {};
  for (const kind of TOKEN_PRICE_KINDS) if (prices[kind] !== undefined) kept[kind] = prices[kind];
  return kept;
}

/** Seconds of the day a time-of-day window covers ("00:30:00Z" to "16:30:00Z": 16 h). */
function windowSeconds(start: string, end: string): number {
  const seconds = (time: string): number => {
    const [h, m, s] = time.replace(/Z$/, "").split(":").map(Number) as [number, number, number];
    return h * 3600 + m * 60 + s;
  };
  return (seconds(end) - seconds(start) + 86_400) % 86_400;
}

/** A model's dated price versions, oldest first; time-of-day variants folded into the day's main price. */
function versions(model: PackageProvider["models"][number]): ListModel["prices"] {
  if (!Array.isArray(model.prices)) return tokenPrices(model.prices as PackagePrices);
  const list = model.prices as readonly { readonly constraint?: PackageConstraint; readonly prices: PackagePrices }[];
  const timed = list.filter((v) => v.constraint?.type === "time_of_date");
  if (timed.length > 0) {
    // The unconstrained entry holds outside the windows; keep whichever price holds longest.
    let best = list.find((v) => v.constraint === undefined) ?? list[0];
    let bestSeconds = 86_400 - timed.reduce((sum, v) => sum + (v.constraint?.type === "time_of_date" ? windowSeconds(v.constraint.start_time, v.constraint.end_time) : 0), 0);
    for (const v of timed) {
      const span = v.constraint?.type === "time_of_date" ? windowSeconds(v.constraint.start_time, v.constraint.end_time) : 0;
      if (span > bestSeconds) [best, bestSeconds] = [v, span];
    }
    return tokenPrices((best ?? list[0])?.prices ?? {});
  }
  return list.map((v) => (v.constraint?.type === "start_date" ? { from: v.constraint.start_date, prices: tokenPrices(v.prices) } : { prices: tokenPrices(v.prices) }));
}

const hasInputPrice = (prices: ListModel["prices"]): boolean =>
  Array.isArray(prices) ? prices.some((v) => v.prices.input_mtok !== undefined) : prices.input_mtok !== undefined;

/** The compact table: providers in the package's order (its matching depends on it), models in theirs. */
export function compactPriceList(providers: readonly PackageProvider[]): ListProvider[] {
  return providers.map((provider) => {
    const out: ListProvider = { id: provider.id, name: provider.name, models: [] };
    if (provider.model_match) out.match = provider.model_match;
    if (provider.fallback_model_providers?.length) out.fallback = [...provider.fallback_model_providers];
    for (const model of provider.models) {
      const prices = versions(model);
      if (!hasInputPrice(prices)) continue;
      out.models.push({
        id: model.id,
        ...(JSON.stringify(model.match) !== JSON.stringify({ equals: model.id }) ? { match: model.match } : {}),
        prices,
      });
    }
    return out;
  });
}

/** The installed package's version. */
export function installedVersion(): string {
  const file = path.join(ROOT, "node_modules", ...PACKAGE.split("/"), "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** The package's bundled data (its waitForUpdate() resolves to it while no update was set). */
export async function packageProviders(): Promise<PackageProvider[]> {
  const { waitForUpdate } = await import("@pydantic/genai-prices");
  const providers = await waitForUpdate();
  if (!providers) throw new Error(`${PACKAGE} returned no provider data`);
  return providers as unknown as PackageProvider[];
}

/** One model a line, so a new package version reads as a reviewable diff. */
function formatList(list: Record<string, unknown> & { providers: ListProvider[] }): string {
  const head = Object.entries(list)
    .filter(([key]) => key !== "providers")
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const providers = list.providers.map((provider) => {
    const { models, ...rest } = provider;
    const fields = JSON.stringify(rest).slice(1, -1);
    return `    {${fields}, "models": [\n${models.map((m) => `      ${JSON.stringify(m)}`).join(",\n")}\n    ]}`;
  });
  return `{\n${head.join("\n")}\n  "providers": [\n${providers.join(",\n")}\n  ]\n}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { published: { type: "string" } } });
  const version = installedVersion();
  const published =
    values.published ??
    (JSON.parse(execFileSync("npm", ["view", `${PACKAGE}@${version}`, "time", "--json"], { encoding: "utf8" })) as Record<string, string>)[version]?.slice(0, 10);
  if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published)) throw new Error(`No publication date for ${PACKAGE} ${version}; pass --published YYYY-MM-DD`);
  const providers = compactPriceList(await packageProviders());
  const list = {
    about: `Generated by scripts/token-prices.ts from ${PACKAGE} ${version}; do not edit. Per-token prices in USD per 1M tokens; the rate card's tokens.* entries override them.`,
    package: PACKAGE,
    version,
    published,
    license: "MIT",
    source: "https://github.com/pydantic/genai-prices",
    providers,
  };
  fs.writeFileSync(PRICE_LIST_FILE, formatList(list));
  const models = providers.reduce((n, p) => n + p.models.length, 0);
  console.log(`${path.relative(ROOT, PRICE_LIST_FILE)}: ${PACKAGE} ${version} (${published}), ${providers.length} providers, ${models} models.`);
}

if (require.main === module) void main();
