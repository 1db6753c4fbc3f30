/**
 * A vendor plan as the workbook's plans table (the Vendors sheet's VendorPlans) has it, for
 * the engine: the pane's scenario refresh prices a plan from the same cells the sheets'
 * formulas read (src/template/sheets/plan-formulas.ts), so an analyst's edit to a price
 * reaches both.
 */
import { PLAN_CHARGES, type PlanCharge, type PlanRates } from "../../engine";
import { PLAN_COLUMNS as P } from "../sheets/plan-formulas";

type Row = Readonly<Record<string, unknown>>;

/** A cell of the plans table that can't be read: its row from 1, its column, and what it holds. */
export interface PlanCellProblem {
  readonly row: number;
  readonly key: string;
  readonly value: unknown;
}

const isCharge = (v: unknown): v is PlanCharge => typeof v === "string" && (PLAN_CHARGES as readonly string[]).includes(v.toLowerCase());
const isBlank = (v: unknown): boolean => v === null || v === undefined || v === "";

/** The row of the plan named `key` (as MATCH finds it: the first, in any case), or -1. */
export const planRowIndex = (rows: readonly Row[], key: string): number => rows.findIndex((row) => typeof row[P.plan] === "string" && (row[P.plan] as string).toLowerCase() === key.toLowerCase());

/**
 * The rates of the plan named `key` in the plans table's rows: undefined when no row names it,
 * a problem when one of its cells (or its metered plan's) is not what the formulas need.
 */
export function planRatesFromRows(rows: readonly Row[], key: string, depth = 0): PlanRates | PlanCellProblem | undefined {
  const index = planRowIndex(rows, key);
  const row = rows[index];
  if (row === undefined) return undefined;
  const problem = (column: string): PlanCellProblem => ({ row: index + 1, key: column, value: row[column] ?? null });
  const number = (column: string, blankAs?: number): number | PlanCellProblem => {
    const v = row[column];
    if (blankAs !== undefined && isBlank(v)) return blankAs;
    return typeof v === "number" && Number.isFinite(v) ? v : problem(column);
  };
  const bills = row[P.bills];
  if (!isCharge(bills)) return problem(P.bills);
  const price = number(P.price);
  const perUnits = number(P.perUnits);
  const units = number(P.units);
  const included = number(P.included, 0);
  for (const n of [price, perUnits, units, included]) if (typeof n !== "number") return n;
  if (perUnits === 0) return problem(P.perUnits);
  const own: PlanRates = { charges: bills.toLowerCase() as PlanCharge, usdPerUnit: (price as number) / (perUnits as number), unitsPerEvent: units as number };
  const meteredAs = row[P.meteredAs];
  // A seat plan's use billed as another plan's units: that plan's own row, one level deep as the sheet reads it.
  if (isBlank(meteredAs) || depth > 0) return own;
  const metered = typeof meteredAs === "string" ? planRatesFromRows(rows, meteredAs, 1) : undefined;
  if (metered === undefined) return problem(P.meteredAs);
  if ("key" in metered) return metered;
  return { ...own, metered: { rates: metered, includedUnitsPerYear: included as number } };
}
