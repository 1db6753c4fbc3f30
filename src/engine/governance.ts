/**
 * The credit wallet (pricing.md §2 pre-purchase, §4 governance): when the balance runs out,
 * which alert threshold consumption has crossed, and how many credits to pre-purchase.
 */
import { fail, type Failure } from "./problems";
import { leastSquaresLine, normalQuantile } from "./stats";

/**
 * Days from the start until the balance is spent at a constant burn per day.
 * Fractional: the depletion happens during the day the integer part names.
 */
export function daysToDepletionConstant(balance: number, burnPerDay: number): number | Failure {
  if (balance === 0) return 0;
  if (burnPerDay === 0) return fail({ code: "neverDepletes", reason: "zeroBurn" });
  return balance / burnPerDay;
}

/** Longest horizon searched: past Excel's last date (9999-12-31) from any start. */
const MAX_DAYS = 3_000_000;

/**
 * Days from the start until the balance is spent when daily burn follows the trend of a
 * usage history (oldest first, the last value being the day before the start).
 * The trend is the least-squares line (as Excel's TREND); forecast day k burns
 * max(0, r0 + slope × k) with r0 the line's value on the start day, and the balance runs
 * out part-way through the first day whose cumulative burn reaches it.
 */
export function daysToDepletionTrend(balance: number, history: readonly number[]): number | Failure {
  if (history.length === 1) return daysToDepletionConstant(balance, history[0] as number);
  if (balance === 0) return 0;
  const { intercept, slope } = leastSquaresLine(history);
  const r0 = intercept + slope * history.length;
  if (slope === 0) return r0 > 0 ? balance / r0 : fail({ code: "neverDepletes", reason: "trendEnds" });
  // Forecast days that burn something: [firstDay, endDay).
  const firstDay = slope > 0 && r0 <= 0 ? Math.floor(-r0 / slope) + 1 : 0;
  const endDay = slope < 0 ? (r0 > 0 ? Math.ceil(-r0 / slope) : 0) : Infinity;
  const burnOn = (k: number): number => r0 + slope * k;
  const burnBefore = (k: number): number => {
    const a = firstDay;
    const b = Math.min(k, endDay);
    return b <= a ? 0 : (b - a) * r0 + (slope * (a + b - 1) * (b - a)) / 2;
  };
  if (slope < 0 && burnBefore(endDay) < balance) return fail({ code: "neverDepletes", reason: "trendEnds" });
  // The day it runs out: the last k whose cumulative burn before it is still short of the balance.
  let high = firstDay + 1;
  while (burnBefore(high) < balance) {
    if (high > MAX_DAYS) return MAX_DAYS;
    high *= 2;
  }
  let low = firstDay;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (burnBefore(mid) < balance) low = mid;
    else high = mid;
  }
  return low + (balance - burnBefore(low)) / burnOn(low);
}

/** The highest threshold that consumed ÷ allocation has reached, or undefined below all of them. */
export function highestThresholdCrossed(consumed: number, allocation: number, thresholds: readonly number[]): number | undefined {
  const used = consumed / allocation;
  let crossed: number | undefined;
  for (const threshold of thresholds) if (used >= threshold && (crossed === undefined || threshold > crossed)) crossed = threshold;
  return crossed;
}

/** "75%" for 0.75: whole percentages as Excel's 0% format shows them, fractions kept when a threshold has them. */
export function formatThreshold(threshold: number): string {
  return `${Number((threshold * 100).toPrecision(12))}%`;
}

/**
 * Credits to pre-purchase for a term (the newsvendor quantity). Prepaid credits cost c and
 * are lost if unused; credits beyond them cost p > c pay-as-you-go. With the term's demand
 * D ~ Normal(μ, (u·μ)²), the expected cost c·Q + p·E[max(0, D − Q)] is least where
 * P(D ≤ Q) = (p − c) ÷ p, that is Q = μ·(1 + z·u) with z the standard normal quantile of
 * that ratio; never below 0. When p = c prepaying saves nothing, so Q = 0; when u = 0, Q = μ.
 */
export function commitCredits(expectedCredits: number, prepaidPrice: number, paygPrice: number, uncertainty: number): number {
  if (expectedCredits === 0 || paygPrice === prepaidPrice) return 0;
  if (uncertainty === 0) return expectedCredits;
  const criticalRatio = (paygPrice - prepaidPrice) / paygPrice;
  const z = normalQuantile(criticalRatio);
  return Math.max(0, expectedCredits * (1 + z * uncertainty));
}

/** Wallet alert thresholds when none are given: review, reforecast, escalate, spent (functions.md). */
export const DEFAULT_ALERT_THRESHOLDS: readonly number[] = [0.5, 0.75, 0.9, 1];
