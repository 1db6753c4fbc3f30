/** The golden tables (data files with a source per row) and how a row is judged. */
import worked from "../golden/worked-figures.json";
import handChecked from "../golden/hand-checked.json";
import plans from "../golden/plans.json";

export interface GoldenRow {
  id: string;
  args: unknown[];
  expected?: number | string;
  /** Places the published figure gives: the result must round to it. */
  decimals?: number;
  /** The figure is per this many units (0.87 μ with μ = 1,000,000). */
  scale?: number;
  expectError?: string;
  /** A one-row result, every cell to 1e-9 relative (AWU.PLANCOMMIT's commitment, waste and overage). */
  expectedRow?: number[];
  source: string;
}

export const workedFigures = worked.rows as GoldenRow[];
export const handCheckedCases = handChecked.rows as GoldenRow[];
/** Vendors' plans at their published prices (issue 12). */
export const planFigures = plans.rows as GoldenRow[];

/** Checks a result against a golden row; returns a description of the mismatch, or undefined. */
export function judge(row: GoldenRow, result: unknown, errorCodeOf: (value: unknown) => string | undefined): string | undefined {
  if (row.expectError) {
    const code = errorCodeOf(result);
    return code === row.expectError ? undefined : `expected ${row.expectError}, got ${String(code ?? result)}`;
  }
  if (typeof row.expected === "string") return result === row.expected ? undefined : `expected "${row.expected}", got ${String(result)}`;
  if (typeof result !== "number") return `expected a number, got ${String(errorCodeOf(result) ?? result)}`;
  const expected = row.expected as number;
  if (row.decimals !== undefined) {
    const scaled = result / (row.scale ?? 1);
    const rounded = Math.round(scaled * 10 ** row.decimals) / 10 ** row.decimals;
    return Math.abs(rounded - expected) < 1e-9 * Math.max(1, Math.abs(expected)) ? undefined : `expected ${expected} to ${row.decimals} places, got ${scaled}`;
  }
  return Math.abs(result - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? undefined : `expected ${expected}, got ${result}`;
}

/** Checks a whole one-row result against `expectedRow`; returns a description of the mismatch, or undefined. */
export function judgeRow(row: GoldenRow, result: readonly unknown[] | undefined): string | undefined {
  if (!row.expectedRow) return undefined;
  if (!result || result.length !== row.expectedRow.length) return `expected a row of ${row.expectedRow.length}, got ${JSON.stringify(result)}`;
  for (let i = 0; i < row.expectedRow.length; i++) {
    const expected = row.expectedRow[i] as number;
    const got = result[i];
    if (typeof got !== "number" || !(Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) return `cell ${i + 1}: expected ${expected}, got ${String(got)}`;
  }
  return undefined;
}
