/**
 * The rate card: dated, sourced entries (rate-card.json), looked up as of a date.
 * A newer entry for a key supersedes an older one without deleting it, so a workbook
 * can show today's price and what it was on any earlier day.
 */
import builtInJson from "./rate-card.json";
import { localIsoToday } from "./dates";

/** Above a prompt size the whole request is billed at a higher price. */
export interface RateTier {
  readonly aboveInputTokens: number;
  readonly value: number;
}

export interface RateEntry {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  /** The date as the source states it ("2025-05-15", "May 2024", "assumption"). */
  readonly asOf: string;
  /** ISO date from which the entry is in force; none for assumptions, which hold at any date. */
  readonly effective?: string;
  readonly source: string;
  /** Where the card departs from another source (the price list, the vendor's page), which it follows and why. */
  readonly note?: string;
  readonly tier?: RateTier;
}

export interface RateCard {
  /** Entries of each key, newest first, under the key in lower case. */
  readonly byKey: ReadonlyMap<string, readonly RateEntry[]>;
  /** Keys in card order, as spelt on the card. */
  readonly keys: readonly string[];
  /** Model names of `tokens.<model>.input` / `.output` pairs, as spelt on the card. */
  readonly tokenModels: readonly string[];
}

const TOKEN_KEY = /^tokens\.(.+)\.(input|output)$/;

export function makeRateCard(entries: readonly RateEntry[]): RateCard {
  const byKey = new Map<string, RateEntry[]>();
  const keys: string[] = [];
  for (const entry of entries) {
    const id = entry.key.toLowerCase();
    const list = byKey.get(id);
    if (list) list.push(entry);
    else {
      byKey.set(id, [entry]);
      keys.push(entry.key);
    }
  }
  // Newest first; an undated assumption sorts last so a dated entry can supersede it.
  for (const list of byKey.values()) list.sort((a, b) => (b.effective ?? "").localeCompare(a.effective ?? ""));
  const tokenModels: string[] = [];
  for (const key of keys) {
    const match = TOKEN_KEY.exec(key);
    if (match?.[2] === "input" && byKey.has(`tokens.${match[1]}.output`.toLowerCase())) tokenModels.push(match[1] as string);
  }
  return { byKey, keys, tokenModels };
}

export const builtInRateCard: RateCard = makeRateCard(builtInJson.entries);

/** The key a tier's price is listed under: `tokens.gemini-3-pro.input.above200k`. */
export function tierKey(entry: RateEntry & { readonly tier: RateTier }): string {
  return `${entry.key}.above${thresholdLabel(entry.tier)}`;
}

/** A tier's threshold as keys and units name it: 200000 → "200k". */
const thresholdLabel = (tier: RateTier): string => (tier.aboveInputTokens % 1000 === 0 ? `${tier.aboveInputTokens / 1000}k` : String(tier.aboveInputTokens));

/**
 * A tier row's unit: the base unit up to its own qualifier (the base's units read "USD per 1M
 * input tokens, prompts up to 200k tokens"), then the prompt size above which the tier applies.
 */
function tierUnit(entry: RateEntry & { readonly tier: RateTier }): string {
  const per = entry.unit.split(",")[0]?.trim() ?? entry.unit;
  return `${per}, prompts above ${thresholdLabel(entry.tier)} tokens`;
}

export type Lookup =
  | { readonly found: "entry"; readonly entry: RateEntry; readonly value: number }
  | { readonly found: "unknownKey" }
  | { readonly found: "notYet"; readonly firstDate: string };

function inForce(list: readonly RateEntry[], isoDate: string): RateEntry | undefined {
  return list.find((entry) => entry.effective === undefined || entry.effective <= isoDate);
}

/** A key's value in force on a date; tier keys (`….above200k`) give the tier's price. */
export function lookupRate(card: RateCard, key: string, isoDate: string): Lookup {
  const id = key.toLowerCase();
  const list = card.byKey.get(id) ?? tierBase(card, id);
  if (!list) return { found: "unknownKey" };
  const entry = inForce(list, isoDate);
  if (!entry) return { found: "notYet", firstDate: list[list.length - 1]?.effective ?? isoDate };
  const isTierKey = !card.byKey.has(id);
  if (isTierKey) {
    if (!entry.tier || tierKey({ ...entry, tier: entry.tier }).toLowerCase() !== id) return { found: "unknownKey" };
    return { found: "entry", entry, value: entry.tier.value };
  }
  return { found: "entry", entry, value: entry.value };
}

function tierBase(card: RateCard, id: string): readonly RateEntry[] | undefined {
  const dot = id.lastIndexOf(".above");
  return dot < 0 ? undefined : card.byKey.get(id.slice(0, dot));
}

/** One row per key in force on the date, tiers as rows of their own: what AWU.RATES() lists. */
export function ratesInForce(card: RateCard, isoDate: string): { key: string; value: number; entry: RateEntry }[] {
  const rows: { key: string; value: number; entry: RateEntry }[] = [];
  for (const key of card.keys) {
    const entry = inForce(card.byKey.get(key.toLowerCase()) ?? [], isoDate);
    if (!entry) continue;
    rows.push({ key: entry.key, value: entry.value, entry });
    if (entry.tier) rows.push({ key: tierKey({ ...entry, tier: entry.tier }), value: entry.tier.value, entry: { ...entry, unit: tierUnit({ ...entry, tier: entry.tier }) } });
  }
  return rows;
}

export interface TokenPrices {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** A model's token prices for a request of that many input tokens, or undefined for an unknown model. */
export function tokenPrices(card: RateCard, model: string, inputTokens: number, isoDate: string): TokenPrices | undefined {
  const name = model.trim().toLowerCase();
  const input = card.byKey.get(`tokens.${name}.input`);
  const output = card.byKey.get(`tokens.${name}.output`);
  if (!input || !output) return undefined;
  const inEntry = inForce(input, isoDate);
  const outEntry = inForce(output, isoDate);
  if (!inEntry || !outEntry) return undefined;
  // Past the threshold the higher price applies to the whole request, input and output alike.
  const price = (entry: RateEntry): number =>
    entry.tier && inputTokens > entry.tier.aboveInputTokens ? entry.tier.value : entry.value;
  return { inputPerMillion: price(inEntry), outputPerMillion: price(outEntry) };
}

/** Start of the local calendar day of an ISO date, in ms. */
function localDayStartMs(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day).getTime();
}

/**
 * Today's values by key. Defaults read this on every call, so it reads the clock only when
 * the card holds a dated change still ahead of today: otherwise today's values hold for
 * good and a lookup is one map read. (A clock set back past an effective date is not seen.)
 */
export class TodaysRates {
  private day = "";
  private dayStartsAtMs = Infinity;
  private nextDayStartsAtMs = -Infinity;
  private values = new Map<string, number>();
  /** Today's values hold from this instant until the next one (Infinity: no dated change ahead). */
  private valuesFromMs = Infinity;
  private valuesUntilMs = -Infinity;
  private valuesGeneration = 0;

  constructor(
    private readonly card: RateCard,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Today's value of a key the card is known to have (a built-in default); any case. */
  value(key: string): number {
    if (this.valuesUntilMs !== Infinity) this.syncValues(this.nowMs());
    const value = this.values.get(key) ?? this.values.get(key.toLowerCase());
    if (value === undefined) throw new Error(`Rate-card key ${key} has no entry in force on ${this.day}.`);
    return value;
  }

  /** A number that changes whenever today's values do. */
  generation(): number {
    if (this.valuesUntilMs !== Infinity) this.syncValues(this.nowMs());
    return this.valuesGeneration;
  }

  /** Today's date, ISO (always reads the clock). */
  isoDate(): string {
    this.syncDay(this.nowMs());
    return this.day;
  }

  private syncDay(now: number): void {
    if (now >= this.dayStartsAtMs && now < this.nextDayStartsAtMs) return;
    const date = new Date(now);
    this.day = localIsoToday(date);
    this.dayStartsAtMs = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
    this.nextDayStartsAtMs = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
  }

  private syncValues(now: number): void {
    if (now >= this.valuesFromMs && now < this.valuesUntilMs) return;
    this.syncDay(now);
    this.values = new Map(ratesInForce(this.card, this.day).map((row) => [row.key.toLowerCase(), row.value]));
    this.valuesGeneration++;
    let lastChange = "";
    let nextChange: string | undefined;
    for (const list of this.card.byKey.values())
      for (const { effective } of list) {
        if (effective === undefined) continue;
        if (effective <= this.day) lastChange = effective > lastChange ? effective : lastChange;
        else if (nextChange === undefined || effective < nextChange) nextChange = effective;
      }
    this.valuesFromMs = lastChange ? localDayStartMs(lastChange) : -Infinity;
    this.valuesUntilMs = nextChange ? localDayStartMs(nextChange) : Infinity;
  }
}
