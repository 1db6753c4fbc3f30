/**
 * Token prices for every model a public price list knows (token-price-list.json, generated from
 * @pydantic/genai-prices by scripts/token-prices.ts), under the rate card's own `tokens.*`
 * entries, which override it. Names are matched as the price list matches them (its own rules:
 * "gpt-4o-2024-08-06" is gpt-4o, "claude-sonnet-4.5" is claude-sonnet-4-5), in any case.
 */
import { loadBuiltInPriceList } from "./price-list-data";
import { tokenPrices, type RateCard, type TokenPrices } from "./rates";

/** The price list's rule for the names a model (or a provider's models) answers to. */
export type NameMatch =
  | { readonly equals: string }
  | { readonly starts_with: string }
  | { readonly ends_with: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly or: readonly NameMatch[] }
  | { readonly and: readonly NameMatch[] };

/** USD per 1M tokens; a tiered price applies its highest tier whose start the request's input tokens exceed, to the whole request. */
export type ListPrice = number | { readonly base: number; readonly tiers: readonly { readonly start: number; readonly price: number }[] };

/** The per-token prices of one version of a model, as the price list names them. */
export interface ListPrices {
  readonly input_mtok?: ListPrice;
  readonly output_mtok?: ListPrice;
  readonly cache_read_mtok?: ListPrice;
  readonly cache_write_mtok?: ListPrice;
}

export interface ListModel {
  readonly id: string;
  /** Absent: the model answers to its id only. */
  readonly match?: NameMatch;
  /** One price, or dated versions oldest first (`from`, an ISO date, absent on the first). */
  readonly prices: ListPrices | readonly { readonly from?: string; readonly prices: ListPrices }[];
}

export interface ListProvider {
  readonly id: string;
  readonly name: string;
  /** The bare model names this provider claims (the price list's own routing). */
  readonly match?: NameMatch;
  /** Providers whose models this one also serves, at their prices. */
  readonly fallback?: readonly string[];
  readonly models: readonly ListModel[];
}

export interface TokenPriceList {
  readonly package: string;
  readonly version: string;
  /** ISO date the package version was published. */
  readonly published: string;
  readonly license: string;
  readonly source: string;
  readonly providers: readonly ListProvider[];
}

const EMPTY_PRICE_LIST: TokenPriceList = { package: "", version: "", published: "", license: "", source: "", providers: [] };
let builtIn: TokenPriceList | undefined;

/** The built-in price list (token-price-list.json); read on first use, so a browser bundle finds the one functions.js published. */
export function builtInPriceList(): TokenPriceList {
  if (!builtIn) builtIn = loadBuiltInPriceList();
  return builtIn ?? EMPTY_PRICE_LIST;
}

/** Models priced per token in a list. */
export const priceListModelCount = (list: TokenPriceList): number => list.providers.reduce((n, p) => n + p.models.length, 0);

/** A model of the list with the provider that lists it: `anthropic:claude-sonnet-4-6`. */
export interface ListedModel {
  readonly provider: ListProvider;
  readonly model: ListModel;
}

export const listedName = (found: ListedModel): string => `${found.provider.id}:${found.model.id}`;

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) regexCache.set(source, (re = new RegExp(source)));
  return re;
}

/** Whether a (lower-case) name answers to a rule; the list's own semantics: text rules ignore case, regexes run on the lower-case name. */
export function nameMatches(rule: NameMatch, name: string): boolean {
  if ("or" in rule) return rule.or.some((r) => nameMatches(r, name));
  if ("and" in rule) return rule.and.every((r) => nameMatches(r, name));
  if ("equals" in rule) return name === rule.equals.toLowerCase();
  if ("starts_with" in rule) return name.startsWith(rule.starts_with.toLowerCase());
  if ("ends_with" in rule) return name.endsWith(rule.ends_with.toLowerCase());
  if ("contains" in rule) return name.includes(rule.contains.toLowerCase());
  return regex(rule.regex).test(name);
}

const answersTo = (model: ListModel, name: string): boolean => (model.match ? nameMatches(model.match, name) : model.id.toLowerCase() === name);

/** A model of one provider (or of the providers it falls back to) by exact id, then by the list's rules. */
function inProvider(list: TokenPriceList, provider: ListProvider, name: string): ListedModel | undefined {
  const exact = provider.models.find((m) => m.id.toLowerCase() === name) ?? provider.models.find((m) => answersTo(m, name));
  if (exact) return { provider, model: exact };
  for (const id of provider.fallback ?? []) {
    const other = list.providers.find((p) => p.id === id);
    const model = other?.models.find((m) => m.id.toLowerCase() === name) ?? other?.models.find((m) => answersTo(m, name));
    if (other && model) return { provider: other, model };
  }
  return undefined;
}

/** A dated snapshot suffix the list spells with dashes: "-20250514" → "-2025-05-14". */
const dashedDate = (name: string): string => name.replace(/-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g, "-$1-$2-$3");

function resolveOnce(list: TokenPriceList, name: string): ListedModel | undefined {
  // "provider:model", the list's own spelling (`anthropic:claude-sonnet-4-6`).
  const colon = name.indexOf(":");
  if (colon > 0) {
    const provider = list.providers.find((p) => p.id === name.slice(0, colon));
    if (provider) return inProvider(list, provider, name.slice(colon + 1));
  }
  // A bare name: the provider that claims it, as the list routes names ("claude…" to Anthropic) ...
  const claimant = list.providers.find((p) => p.match !== undefined && nameMatches(p.match, name));
  const claimed = claimant && inProvider(list, claimant, name);
  if (claimed) return claimed;
  // ... else the first provider in the list's order that lists it: by exact id, then by its rules.
  for (const provider of list.providers) {
    const model = provider.models.find((m) => m.id.toLowerCase() === name);
    if (model) return { provider, model };
  }
  for (const provider of list.providers) {
    const model = provider.models.find((m) => answersTo(m, name));
    if (model) return { provider, model };
  }
  return undefined;
}

const resolved = new Map<string, ListedModel | null>();
const RESOLVED_CAP = 4096;

/** The list's model for a name (trimmed, any case), or undefined. Remembered per name: a sheet asks for a few names many times. */
export function findListedModel(list: TokenPriceList, model: string): ListedModel | undefined {
  const name = model.trim().toLowerCase();
  const key = list === builtIn ? name : undefined;
  if (key !== undefined) {
    const hit = resolved.get(key);
    if (hit !== undefined) return hit ?? undefined;
  }
  let found = resolveOnce(list, name);
  if (!found) {
    const dashed = dashedDate(name);
    if (dashed !== name) found = resolveOnce(list, dashed);
  }
  if (key !== undefined) {
    if (resolved.size >= RESOLVED_CAP) resolved.clear();
    resolved.set(key, found ?? null);
  }
  return found;
}

/** A model's price version in force on a date: the latest from on or before it, else its first. */
export function listPricesOn(model: ListModel, isoDate: string): ListPrices {
  const prices = model.prices;
  if (!Array.isArray(prices)) return prices as ListPrices;
  const versions = prices as readonly { readonly from?: string; readonly prices: ListPrices }[];
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i];
    if (version && (version.from === undefined || version.from <= isoDate)) return version.prices;
  }
  return versions[0]?.prices ?? {};
}

/** A price for a request of that many input tokens; a price the list leaves out is 0, as the list's own calculator counts it. */
export function listPrice(price: ListPrice | undefined, inputTokens: number): number {
  if (price === undefined) return 0;
  if (typeof price === "number") return price;
  let value = price.base;
  for (const tier of price.tiers) if (inputTokens > tier.start) value = tier.price;
  return value;
}

export interface ModelTokenPrices extends TokenPrices {
  /** Where the prices come from: the rate card's model name, or the list's `provider:model`. */
  readonly model: string;
  readonly from: "rateCard" | "priceList";
  /** Cache prices where the list has them (data only: no function takes cached tokens yet). */
  readonly cacheReadPerMillion?: number;
  readonly cacheWritePerMillion?: number;
}

/** The list's model each rate-card token model stands for (claude-sonnet-4.6 → anthropic:claude-sonnet-4-6), so every alias of it gets the card's prices. */
const overridesOf = new WeakMap<RateCard, ReadonlyMap<string, string>>();
function cardOverrides(card: RateCard, list: TokenPriceList): ReadonlyMap<string, string> {
  let map = list === builtIn ? overridesOf.get(card) : undefined;
  if (!map) {
    const built = new Map<string, string>();
    for (const model of card.tokenModels) {
      const found = findListedModel(list, model);
      if (found && !built.has(listedName(found))) built.set(listedName(found), model);
    }
    map = built;
    if (list === builtIn) overridesOf.set(card, map);
  }
  return map;
}

/**
 * A model's token prices on a date for a request of that many input tokens: the rate card's
 * `tokens.<model>.*` entries when it has them in force (for that name, or for the list's model the
 * name resolves to), else the price list's; undefined for a model neither knows.
 */
export function modelTokenPrices(card: RateCard, list: TokenPriceList, model: string, inputTokens: number, isoDate: string): ModelTokenPrices | undefined {
  const fromCard = (name: string): ModelTokenPrices | undefined => {
    const prices = tokenPrices(card, name, inputTokens, isoDate);
    const spelt = card.tokenModels.find((m) => m.toLowerCase() === name.trim().toLowerCase()) ?? name.trim();
    return prices && { ...prices, model: spelt, from: "rateCard" };
  };
  const direct = fromCard(model);
  if (direct) return direct;
  const found = findListedModel(list, model);
  if (!found) return undefined;
  const cardModel = cardOverrides(card, list).get(listedName(found));
  const overridden = cardModel === undefined ? undefined : fromCard(cardModel);
  if (overridden) return overridden;
  const prices = listPricesOn(found.model, isoDate);
  return {
    inputPerMillion: listPrice(prices.input_mtok, inputTokens),
    outputPerMillion: listPrice(prices.output_mtok, inputTokens),
    ...(prices.cache_read_mtok === undefined ? {} : { cacheReadPerMillion: listPrice(prices.cache_read_mtok, inputTokens) }),
    ...(prices.cache_write_mtok === undefined ? {} : { cacheWritePerMillion: listPrice(prices.cache_write_mtok, inputTokens) }),
    model: listedName(found),
    from: "priceList",
  };
}
