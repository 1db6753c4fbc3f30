/**
 * The aggregated import shape's fixture (test/import/fixtures/aggregated.csv) imported by the
 * headless command, and its totals worked by hand (test/import/aggregated.test.ts shows the sums):
 * for the unit tests and the LibreOffice recalculation.
 */
import { importLogs } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { fixtureBytes } from "./support";

export const NOW = new Date(2026, 10, 23, 9, 30);

/** The template without examples, the aggregated fixture imported by the headless command. */
export async function aggregatedWorkbook(): Promise<TemplateDescription> {
  const run = await importLogs({ examples: false, asOf: "2026-11-23" }, [{ name: "aggregated.csv", bytes: fixtureBytes("aggregated.csv") }], { mappings: [], now: NOW });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  return run.description;
}

export const AGGREGATED_TOTALS = { rows: 8, actions: 2030, validated: 1765, escalated: 90, reruns: 90, units: 48150, statedCost: 259.25, cost: 310.4375, reviewMinutes: 1385 } as const;


/** Two exports of the same two actions (the second without agents, the action type named, one row more): import 2's first two rows are likely duplicates of import 1's. */
export const TWO_EXPORTS = {
  a: ["Timestamp,Agent,Job,Credits", "2026-11-03T10:00Z,Scout,Research,5", "2026-11-03T11:00Z,Scout,Research,2"],
  b: ["Timestamp,Job,Action,Credits", "2026-11-03T10:00Z,research,search,5", "2026-11-03T11:00Z,Research,summarise,2", "2026-11-03T12:00Z,Research,search,9"],
} as const;

export async function twoExportsWorkbook(examples = true): Promise<TemplateDescription> {
  const log = (name: string, lines: readonly string[]): { name: string; bytes: Uint8Array } => ({ name, bytes: new TextEncoder().encode(lines.join("\n")) });
  const run = await importLogs({ examples, asOf: "2026-11-23" }, [log("a.csv", TWO_EXPORTS.a), log("b.csv", TWO_EXPORTS.b)], { mappings: [], now: NOW });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  return run.description;
}
