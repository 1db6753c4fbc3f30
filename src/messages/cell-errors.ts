/**
 * The message catalogue: the one place where a problem becomes text. Messages are short
 * full sentences that name the argument and say what is allowed; Excel shows them on
 * #VALUE! and #N/A (other codes show no message, so their text is for logs and tests).
 */
import type { Bounds, Problem } from "../engine/problems";

/** A number as a person would type it: up to 10 significant digits, no exponent for everyday sizes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(10));
  return Math.abs(rounded) >= 1e15 || (rounded !== 0 && Math.abs(rounded) < 1e-6)
    ? rounded.toExponential()
    : String(rounded);
}

function describeBounds(b: Bounds): string {
  const low = b.min === undefined ? undefined : `${b.minExclusive ? "more than" : "at least"} ${formatNumber(b.min)}`;
  const high = b.max === undefined ? undefined : `${b.maxExclusive ? "less than" : "at most"} ${formatNumber(b.max)}`;
  const range =
    b.min !== undefined && b.max !== undefined && !b.minExclusive && !b.maxExclusive
      ? `from ${formatNumber(b.min)} to ${formatNumber(b.max)}`
      : [low, high].filter((part) => part !== undefined).join(" and ");
  return b.isRate ? `a rate ${range} (0.25 means 25 %)` : b.integer ? `a whole number ${range}` : range;
}

const quote = (text: string): string => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

const describeInput = (input: string | number | boolean): string =>
  typeof input === "string" ? `the text ${quote(input)}` : typeof input === "boolean" ? (input ? "TRUE" : "FALSE") : formatNumber(input);

/** "a, b or c": allowed values as a sentence lists them. */
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1] as string}`;

export function messageFor(problem: Problem): string {
  switch (problem.code) {
    case "missing":
      return `${problem.arg} is required.`;
    case "empty":
      return `${problem.arg} is an empty cell; enter ${problem.expected === "number" ? "a number" : "text"}.`;
    case "notNumber":
      return `${problem.arg} must be a number, not ${describeInput(problem.input)}.`;
    case "notText":
      return `${problem.arg} must be text, not ${describeInput(problem.input)}.`;
    case "outOfBounds":
      return `${problem.arg} must be ${describeBounds(problem.bounds)}; it is ${formatNumber(problem.input)}.`;
    case "notSingle":
      return `${problem.arg} must be a single value, not a ${problem.rows}×${problem.columns} range.`;
    case "unequalRanges":
      return `${problem.arg} (${problem.rows}×${problem.columns}) and ${problem.otherArg} (${problem.otherRows}×${problem.otherColumns}) must be ranges of the same size, or single values.`;
    case "unequalLists":
      return `${problem.arg} has ${problem.count} values and ${problem.otherArg} has ${problem.otherCount}; give one for each.`;
    case "emptyList":
      return `${problem.arg} has no values.`;
    case "blankInList":
      return `${problem.arg} has an empty cell at item ${problem.position}; enter 0 or remove it.`;
    case "badSum":
      return `${problem.arg} must add up to ${formatNumber(problem.expected)}; they add up to ${formatNumber(problem.sum)}.`;
    case "unknownRateKey":
      return `${problem.arg} ${quote(problem.input)} is not on the rate card; AWU.RATES() lists the keys.`;
    case "unknownModel":
      return `${problem.arg} ${quote(problem.input)} is not on the price list; use a model name it knows (e.g. ${problem.examples.join(", ")}) or the input USD per 1M tokens as a number.`;
    case "unknownPlan":
      return `${problem.arg} ${quote(problem.input)} is not a plan on the rate card; use ${orList(problem.plans)} (AWU.PLANS() lists them).`;
    case "unknownPlanEvent":
      return `${problem.arg} ${quote(problem.input)} is not an event of ${problem.plan}; use ${orList(problem.events)}.`;
    case "unknownVendor":
      return `${problem.arg} ${quote(problem.input)} has no plan on the rate card; use ${orList(problem.vendors)}.`;
    case "priceNeeded":
      return `${problem.arg} is required ${problem.because}.`;
    case "priceNotAllowed":
      return `${problem.arg} must be empty ${problem.because}.`;
    case "notAbove":
      return `${problem.arg} must be ${problem.orEqual ? "at least" : "more than"} ${problem.otherArg}.`;
    case "blankEntry":
      return `${problem.arg} has an empty cell at item ${problem.position}; enter ${
        problem.expected === "flag" ? "TRUE or FALSE" : problem.allowed.length > 0 ? orList(problem.allowed) : "text"
      }.`;
    case "unknownEntry":
      return `${problem.arg} item ${problem.position} is ${describeInput(problem.input)}; use ${orList(problem.allowed)}.`;
    case "notFlag":
      return `${problem.arg} item ${problem.position} is ${describeInput(problem.input)}; use TRUE or FALSE (or 1 or 0, "yes" or "no").`;
    case "tooManyDays":
      return `${problem.arg} has ${problem.count} days, more than ${problem.otherArg} (${formatNumber(problem.days)}).`;
    case "badForecastLength":
      return `${problem.arg} has ${problem.count} months; ${problem.plan} commits to an annual pool, so give 1 value (a steady month, 12 of them a year) or 12, 24, 36, … monthly values.`;
    case "noPayback":
      return problem.blendedCost < problem.humanCost
        ? "No payback: annualCases is 0, so nothing is saved."
        : `No payback: the blended cost per case (${formatNumber(problem.blendedCost)}) is not below humanCost (${formatNumber(problem.humanCost)}), so nothing is saved.`;
    case "breakevenAboveOne":
      return "No break-even: AI plus escalations costs more than all-human even at a 100 % resolution rate.";
    case "breakevenBelowZero":
      return "No break-even: AI plus escalations costs less than all-human at every resolution rate, even 0 %.";
    case "noBuildBreakeven":
      return "No break-even: buyPricePerCase is not above computePerCase, so building never recovers its fixed cost.";
    case "neverDepletes":
      return problem.reason === "zeroBurn"
        ? "The balance never runs out: burnPerDay is 0."
        : problem.reason === "trendEnds"
          ? "The balance never runs out: the usage trend falls to 0 before the balance is spent."
          : "The balance lasts past 9999-12-31, Excel's last date.";
    case "noRateOnDate":
      return `${quote(problem.key)} has no rate in force on ${problem.date}; its first entry is from ${problem.firstDate}.`;
    case "nothingCosts":
      return "No comparison: the cheapest model costs 0.";
    case "noCaseCost":
      return `No cost per case: ${problem.plan} is priced per ${problem.unit}, not per case; price its users with AWU.PLANCOST or AWU.SEATCOST.`;
    case "noOutcome":
      return problem.reason === "noAccepted"
        ? `No accepted outcome: no status is ${orList(problem.accepted)}, so there is no cost per outcome.`
        : problem.reason === "noFirstRuns"
          ? "No rerun rate: the units of first runs (isRerun FALSE) add up to 0."
          : `No rerun inflation: the units of rows whose status is ${orList(problem.accepted)} add up to 0.`;
    case "internal":
      return `AWU could not compute this (${problem.detail}); please report it.`;
    case "tooLarge":
      return "The result is too large for Excel.";
  }
}
