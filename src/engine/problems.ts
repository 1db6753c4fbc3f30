/**
 * Everything that can go wrong, as structured data (the zod way): a code plus the facts a
 * message needs. The text lives in one catalogue (messages.ts); Excel's error kind is
 * derived from the code, so a test, a log and a cell all read the same problem.
 */

/** Bounds on a number, as declared for an argument. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
  /** The bound itself is not allowed (a divisor must be more than 0). */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** A rate or share: 0.25 means 25 %. Only changes the wording. */
  readonly isRate?: boolean;
  /** A count of days or rows: a fraction is not allowed. */
  readonly integer?: boolean;
}

export type Problem =
  // Bad input: Excel shows #VALUE! with the message.
  | { readonly code: "missing"; readonly arg: string }
  | { readonly code: "empty"; readonly arg: string; readonly expected: "number" | "text" }
  | { readonly code: "notNumber"; readonly arg: string; readonly input: string | boolean }
  | { readonly code: "notText"; readonly arg: string; readonly input: number | boolean }
  | { readonly code: "outOfBounds"; readonly arg: string; readonly input: number; readonly bounds: Bounds }
  | { readonly code: "notSingle"; readonly arg: string; readonly rows: number; readonly columns: number }
  | {
      readonly code: "unequalRanges";
      readonly arg: string;
      readonly rows: number;
      readonly columns: number;
      readonly otherArg: string;
      readonly otherRows: number;
      readonly otherColumns: number;
    }
  | { readonly code: "unequalLists"; readonly arg: string; readonly count: number; readonly otherArg: string; readonly otherCount: number }
  | { readonly code: "emptyList"; readonly arg: string }
  | { readonly code: "blankInList"; readonly arg: string; readonly position: number }
  | { readonly code: "badSum"; readonly arg: string; readonly sum: number; readonly expected: number }
  | { readonly code: "unknownRateKey"; readonly arg: string; readonly input: string }
  | { readonly code: "unknownModel"; readonly arg: string; readonly input: string; readonly examples: readonly string[] }
  | { readonly code: "unknownPlan"; readonly arg: string; readonly input: string; readonly plans: readonly string[] }
  | { readonly code: "unknownPlanEvent"; readonly arg: string; readonly input: string; readonly plan: string; readonly events: readonly string[] }
  | { readonly code: "unknownVendor"; readonly arg: string; readonly input: string; readonly vendors: readonly string[] }
  | { readonly code: "priceNeeded"; readonly arg: string; readonly because: string }
  | { readonly code: "priceNotAllowed"; readonly arg: string; readonly because: string }
  | { readonly code: "notAbove"; readonly arg: string; readonly otherArg: string; readonly orEqual: boolean }
  // Lists of labels (statuses, flags, job names): an item that is blank or not one of the allowed values.
  | { readonly code: "blankEntry"; readonly arg: string; readonly position: number; readonly expected: "text" | "flag"; readonly allowed: readonly string[] }
  | { readonly code: "unknownEntry"; readonly arg: string; readonly position: number; readonly input: string | number | boolean; readonly allowed: readonly string[] }
  | { readonly code: "notFlag"; readonly arg: string; readonly position: number; readonly input: string | number }
  | { readonly code: "tooManyDays"; readonly arg: string; readonly count: number; readonly otherArg: string; readonly days: number }
  // A forecast whose months do not make whole years of a plan's annual pool (AWU.PLANCOMMIT).
  | { readonly code: "badForecastLength"; readonly arg: string; readonly count: number; readonly plan: string }
  // No such result: Excel shows #N/A with the message.
  | { readonly code: "noPayback"; readonly humanCost: number; readonly blendedCost: number; readonly annualCases: number }
  | { readonly code: "breakevenAboveOne" }
  | { readonly code: "breakevenBelowZero" }
  | { readonly code: "noBuildBreakeven" }
  | { readonly code: "neverDepletes"; readonly reason: "zeroBurn" | "trendEnds" | "pastLastDate" }
  | { readonly code: "noRateOnDate"; readonly key: string; readonly date: string; readonly firstDate: string }
  | { readonly code: "nothingCosts" }
  // A plan priced per user has no cost per case (AWU.CASECOST).
  | { readonly code: "noCaseCost"; readonly plan: string; readonly unit: string }
  | { readonly code: "noOutcome"; readonly reason: "noAccepted" | "noFirstRuns" | "noAcceptedUnits"; readonly accepted: readonly string[] }
  // A defect of ours, never of the user's input: #VALUE! with what went wrong.
  | { readonly code: "internal"; readonly detail: string }
  // A result Excel cannot hold: #NUM!.
  | { readonly code: "tooLarge" };

export type ProblemCode = Problem["code"];

/** The Excel error family a problem surfaces as. */
export type ErrorKind = "value" | "notAvailable" | "number";

const NOT_AVAILABLE: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "noPayback",
  "breakevenAboveOne",
  "breakevenBelowZero",
  "noBuildBreakeven",
  "neverDepletes",
  "noRateOnDate",
  "nothingCosts",
  "noOutcome",
  "noCaseCost",
]);

export function errorKind(problem: Problem): ErrorKind {
  if (problem.code === "tooLarge") return "number";
  return NOT_AVAILABLE.has(problem.code) ? "notAvailable" : "value";
}

/**
 * A failed result, carried as a value through computations and grids (errors are
 * values, never exceptions). One class so a check is a cheap `instanceof`.
 */
export class Failure {
  constructor(readonly problem: Problem) {}
}

export const fail = (problem: Problem): Failure => new Failure(problem);
