/**
 * A period exported again, replaced (issue 11): a vendor's daily rows exported while 3 November
 * ran, then once it was over, imported by the headless command with --periods replace, written
 * as the portable file and recalculated by LibreOffice. The ledger's actions, credits, dollars,
 * validated outcomes and the Wallet's day are the later export's; the audit reconciles the
 * reversal rows with the stamps and counts no likely duplicate. With --periods keep, the same
 * day counts twice and the audit says so.
 */
import { importLogs, type HeadlessLog, type HeadlessOptions } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { writeWorkbook } from "../../src/template/writers/file";
import { recalculate, type RecalculatedBook } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";

jest.setTimeout(120_000);

const HEADER = "Timestamp,Agent,Job,Action type,Status,Team,Count,Units,Cost";
const log = (name: string, lines: readonly string[]): HeadlessLog => ({ name, bytes: new TextEncoder().encode([HEADER, ...lines].join("\n")) });
const NOON = log("noon.csv", ["2026-11-03,Scout,Research,search,succeeded,Sales,40,200,10", "2026-11-03,Closer,Follow-ups,update record,failed,Sales,12,60,3", "2026-11-03,Router,Triage,search,validated,Support,5,25,1.25"]);
const LATER = log("later.csv", [
  "2026-11-03,Scout,Research,search,succeeded,Sales,90,450,22.5",
  "2026-11-03,Closer,Follow-ups,update record,succeeded,Sales,20,100,5",
  "2026-11-03,Router,Triage,search,validated,Support,5,25,1.25",
  "2026-11-04,Scout,Research,search,validated,Sales,70,350,17.5",
]);

async function recalculated(periods: HeadlessOptions["periods"]): Promise<(name: string) => unknown> {
  const run = await importLogs({ examples: false, asOf: "2026-11-05" }, [NOON, LATER], { mappings: [], now: new Date(2026, 10, 5, 9, 0), periods });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  const description: TemplateDescription = run.description;
  const book = (await recalculate({ periods: await writeWorkbook(description, { portable: true, cachedResults: false }) })).periods as RecalculatedBook;
  return (name) => {
    const { sheet, address } = named(description, name);
    return book.value(sheet, address);
  };
}

let replaced: (name: string) => unknown;
let kept: (name: string) => unknown;
beforeAll(async () => {
  replaced = await recalculated("replace");
  kept = await recalculated("keep");
});

test("replaced: LibreOffice's ledger holds the later export's actions, credits, dollars and validated outcomes", () => {
  expect([replaced("LedgerActions"), replaced("LedgerUnitsTotal"), replaced("LedgerCost"), replaced("LedgerValidated")]).toEqual([185, 925, 46.25, 75]);
  // 3 November's failures were successes by the end of the day.
  expect(replaced("LedgerAcceptance")).toBeCloseTo(75 / 185, 12);
});

test("replaced: the audit reconciles the reversal rows with the stamps, and no row is a likely duplicate", () => {
  expect([replaced("LedgerRowsGap"), replaced("LedgerActionsGap"), replaced("LedgerUnitsGap"), replaced("LedgerReconciled"), replaced("LedgerLikelyDuplicates")]).toEqual([0, 0, 0, "Yes", 0]);
});

test("kept: the day counts twice, and the audit counts the two rows that likely repeat it", () => {
  expect(kept("LedgerActions")).toBe(185 + 52);
  expect(kept("LedgerLikelyDuplicates")).toBe(2);
});
