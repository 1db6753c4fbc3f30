/**
 * How a worksheet function's parameters are declared (the HyperFormula way): kind, bounds,
 * default, and list rules, as data. One generic gate (gate.ts) reads these declarations to
 * coerce, default, broadcast and check every argument before the maths runs.
 */
import { type Bounds } from "../engine";
import { formatNumber } from "../messages";

/** Reads a rate-card value in force today. */

/** How far a list of shares may be from its declared sum (float error in 0.6 + 0.3 + 0.1); the gate, the portable formulas and the mix check use this one. */
export const SHARE_SUM_TOLERANCE = 1e-9;
export type RateReader = (key: string) => number;

/** Today's rate card as the gate reads it. */
export interface Rates {
  value(key: string): number;
  /** Changes whenever the values do, so a value read earlier can be kept until it changes. */
  generation(): number;
}

/** A default drawn from today's rate card, with the words that explain it in the metadata. */
export interface RateDefault {
  readonly describe: (rate: RateReader) => string;
  readonly value: (rate: RateReader) => number;
}

interface BaseParam<T> {
  readonly name: string;
  readonly optional: boolean;
  /** Phantom: the type the compute function receives. Never set. */
  readonly _value?: T;
}

/** A number, one per cell: a range spills the result in the same shape. */
export interface NumberParam<T> extends BaseParam<T> {
  readonly kind: "number";
  readonly bounds: Bounds;
  readonly default?: number | RateDefault;
}

/** Text, one per cell. */
export interface TextParam<T> extends BaseParam<T> {
  readonly kind: "text";
}

/** A number or text, one per cell (a model name or a price). */
export interface NumberOrTextParam<T> extends BaseParam<T> {
  readonly kind: "numberOrText";
  readonly bounds: Bounds;
}

/** A whole range read as one list of numbers (shares, thresholds, a usage history), or of labels (`items`). */
export interface ListParam<T> extends BaseParam<T> {
  readonly kind: "list";
  /** Each number's bounds (unused by a list of labels). */
  readonly bounds: Bounds;
  readonly default?: readonly number[];
  /** The values must add up to this (shares of a mix). */
  readonly sumsTo?: number;
  /** The list must have as many values as the list parameter of this name. */
  readonly sameCountAs?: string;
  /** A list of labels rather than numbers: text (a ledger's statuses, job names) or yes/no flags. */
  readonly items?: LabelItems;
}

/**
 * What the items of a list of labels are. Text with `allowed` must be one of those values
 * (matched trimmed and in any case) and arrives spelt as declared; text without takes any
 * text (a number as its text: a job numbered 42). A flag is TRUE/FALSE, 1/0, or the text
 * yes/no, true/false, y/n (any case), and arrives as a boolean.
 */
export type LabelItems =
  | {
      readonly kind: "text";
      readonly allowed?: readonly string[];
      readonly default?: readonly string[];
      /** What a blank cell reads as (a ledger row with no job is the no-name group), where a blank is not a mistake. */
      readonly blankAs?: string;
    }
  | { readonly kind: "flag" };

export type Param<T = unknown> = NumberParam<T> | TextParam<T> | NumberOrTextParam<T> | ListParam<T>;

/** The argument types a compute function receives, parameter by parameter. */
export type ArgsOf<P extends readonly Param[]> = { -readonly [K in keyof P]: P[K] extends Param<infer T> ? T : never };

export const COUNT: Bounds = { min: 0 };
export const AMOUNT: Bounds = { min: 0 };
export const POSITIVE: Bounds = { min: 0, minExclusive: true };
export const RATE: Bounds = { min: 0, max: 1, isRate: true };
/** A rate that divides: 0 is not allowed. */
export const RATE_ABOVE_ZERO: Bounds = { min: 0, max: 1, minExclusive: true, isRate: true };
/** A rate subtracted from 1 in a divisor: 1 is not allowed. */
export const RATE_BELOW_ONE: Bounds = { min: 0, max: 1, maxExclusive: true, isRate: true };

export const num = (name: string, bounds: Bounds): NumberParam<number> => ({ kind: "number", name, bounds, optional: false });

/** An optional number that takes a default when omitted or empty. */
export const optNum = (name: string, bounds: Bounds, fallback: number | RateDefault): NumberParam<number> => ({
  kind: "number",
  name,
  bounds,
  optional: true,
  default: fallback,
});

/** An optional number with no default: the compute function receives undefined. */
export const maybeNum = (name: string, bounds: Bounds): NumberParam<number | undefined> => ({
  kind: "number",
  name,
  bounds,
  optional: true,
});

export const text = (name: string): TextParam<string> => ({ kind: "text", name, optional: false });

/** Optional text: the compute function receives undefined when it is omitted or an empty cell. */
export const optText = (name: string): TextParam<string | undefined> => ({ kind: "text", name, optional: true });

export const numOrText = (name: string, bounds: Bounds): NumberOrTextParam<number | string> => ({
  kind: "numberOrText",
  name,
  bounds,
  optional: false,
});

export const list = (
  name: string,
  bounds: Bounds,
  rules: { sumsTo?: number; sameCountAs?: string } = {},
): ListParam<readonly number[]> => ({ kind: "list", name, bounds, optional: false, ...rules });

export const optList = (name: string, bounds: Bounds, fallback: readonly number[]): ListParam<readonly number[]> => ({
  kind: "list",
  name,
  bounds,
  optional: true,
  default: fallback,
});

/** A count of days, rows or reruns: a whole number, at least 1. */
export const WHOLE_AT_LEAST_ONE: Bounds = { min: 1, integer: true };

/** A list of text, any text or one of `allowed`. */
export const textList = (name: string, rules: { allowed?: readonly string[]; sameCountAs?: string; blankAs?: string } = {}): ListParam<readonly string[]> => ({
  kind: "list",
  name,
  bounds: {},
  optional: false,
  sameCountAs: rules.sameCountAs,
  items: { kind: "text", allowed: rules.allowed, ...(rules.blankAs === undefined ? {} : { blankAs: rules.blankAs }) },
});

/** An optional list of allowed text that takes a default when omitted. */
export const optTextList = (name: string, allowed: readonly string[], fallback: readonly string[]): ListParam<readonly string[]> => ({
  kind: "list",
  name,
  bounds: {},
  optional: true,
  items: { kind: "text", allowed, default: fallback },
});

/** A list of yes/no flags. */
export const flagList = (name: string, rules: { sameCountAs?: string } = {}): ListParam<readonly boolean[]> => ({
  kind: "list",
  name,
  bounds: {},
  optional: false,
  sameCountAs: rules.sameCountAs,
  items: { kind: "flag" },
});

/** A default read from one rate-card key. */
export function fromRateCard(key: string): RateDefault {
  // Looked up in lower case, as the card files keys, so no call has to lower it.
  const id = key.toLowerCase();
  return { describe: (rate) => `${formatNumber(rate(id))} (rate card: ${key})`, value: (rate) => rate(id) };
}

