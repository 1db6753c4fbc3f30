/**
 * The Governance sheet (template.md "Governance", issue 10): the method's checklist (billable
 * unit, failed attempts, retry caps, stop rules, alerts, approval points, loops, owners), each
 * item with its status and owner and tied to what enforces it in the workbook, with the spend
 * the retry caps and the stop rule bound. Native formulas only, so the portable file computes it.
 */
import { LIGHTS, Stack, amount, input, output, panes } from "./builders";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { add, bool, call, col, div, eq, ge, gt, mul, name, ne, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableColumnRange } from "../model/layout";
import { address, parseAddress } from "../model/address";
import { L, isNum, ledgerCost, ratio, whereName } from "./ledger-formulas";
import type { CellBlock, SheetSpec, TableBlock, TableRow } from "../model/description";
import { SHEETS, TABLES, type TemplateOptions } from "./names";

const M = TEMPLATE_MESSAGES.governance;

/** The checklist's statuses, the drop-down's choices. */
export const GOVERNANCE_STATUSES = ["Not started", "In progress", "Done", "Not applicable"] as const;

/** The example retry cap: one rerun unit for every two first-run units. */
export const EXAMPLE_RETRY_CAP = 0.5;

export function governanceSheet(options: TemplateOptions, exampleJobNames: readonly string[]): SheetSpec {
  const stack = new Stack();
  const G = (column: string): Expr => col(TABLES.governance, column);
  const status = G("Status");
  // An item with no live signal is settled once it is Done or Not applicable.
  const byStatus = call("IF", call("OR", eq(status, str("Done")), eq(status, str("Not applicable"))), str(M.flags.ok), str(M.flags.open));
  const unless = (signal: Expr, flag: string): Expr => call("IF", signal, str(flag), byStatus);
  const failedUnits = call("SUMIFS", L("Units"), L("Status"), str("failed"));
  const item = (key: keyof typeof M.items, owner: string, now: Expr, flag: Expr): TableRow => {
    const [label, decide, enforced] = M.items[key];
    return { Item: label, "What to decide": decide, Status: GOVERNANCE_STATUSES[0], Owner: options.examples ? owner : "", "Enforced by": enforced, Now: { formula: now }, Flag: { formula: flag } };
  };
  const checklist = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.governance,
    anchor: stack.anchor(),
    heading: "Checklist: one row per item; Now is what the workbook shows today, Flag what needs a look",
    columns: [
      { header: "Item", kind: "input", format: "text" },
      { header: "What to decide", kind: "input", format: "text" },
      { header: "Status", kind: "input", format: "text", validation: { kind: "list", choices: GOVERNANCE_STATUSES, prompt: M.statusPrompt } },
      { header: "Owner", kind: "input", format: "text" },
      { header: "Enforced by", kind: "input", format: "text" },
      // Each row reads its own figure (a per-row formula); a row added later is the analyst's.
      { header: "Now", kind: "input", format: "general" },
      { header: "Flag", kind: "input", format: "general" },
    ],
    rows: [
      item("billableUnit", "Finance", name("PricingModel"), byStatus),
      item("failedAttempts", "Finance", failedUnits, unless(call("AND", gt(failedUnits, num(0)), ne(status, str("Done"))), M.flags.failedBilled)),
      item("retryCaps", "Operations", name("GovJobsOverCap"), unless(gt(name("GovJobsOverCap"), num(0)), M.flags.overCap)),
      item("stopRules", "Operations", name("GovStopTriggered"), unless(eq(name("GovStopTriggered"), str(M.stopTriggered)), M.flags.stop)),
      item("alerts", "Finance", name("WalletPeriodForecastAlert"), unless(call("AND", ne(name("WalletPeriodForecastAlert"), str("OK")), ne(name("WalletPeriodForecastAlert"), str(""))), M.flags.alert)),
      item("approvals", "Sales operations", name("GovApprovalJobs"), unless(eq(name("GovApprovalJobs"), num(0)), M.flags.noApproval)),
      item("loops", "Operations", name("WalletRerunLoops"), unless(gt(name("WalletRerunLoops"), num(0)), M.flags.loops)),
      item("owners", "Finance", call("COUNTIFS", wholeCol(TABLES.governance, "Owner"), str("")), unless(gt(call("COUNTIFS", wholeCol(TABLES.governance, "Owner"), str("")), num(0)), M.flags.noOwner)),
    ],
    exampleRows: 0,
    totalRow: false,
  });

  const allocation = name("WalletPeriodAllocation");
  const stopLine = mul(name("GovStopShare"), allocation);
  // What is spent stays spent: the stop line holds the forecast at the line or at what is consumed, whichever is higher.
  const stopAt = call("MAX", stopLine, name("WalletPeriodConsumed"));
  const heldBack = call("IF", eq(allocation, num(0)), num(0), call("MAX", num(0), sub(name("WalletPeriodForecast"), stopAt)));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Stop rule: against the Wallet's forecast for the period",
    cells: [
      input("Stop new runs when the forecast reaches", "GovStopShare", 1, "percent", { validation: amount(M.stopPrompt), note: "a share of the Wallet's allocation for the period" }),
      output("Forecast share of the allocation", "GovForecastShare", name("WalletPeriodForecastUsed"), "percent", M.notes.forecastShare),
      output(
        "Stop rule triggered",
        "GovStopTriggered",
        call("IF", eq(allocation, num(0)), str(M.noAllocation), call("IF", ge(name("WalletPeriodForecast"), stopLine), str(M.stopTriggered), str(M.stopNotTriggered))),
        "general",
      ),
      output("Credits held back by the stop rule", "GovStopHeldCredits", heldBack, "count", M.notes.heldBack),
      output("Spend held back by the stop rule", "GovStopHeldCost", ledgerCost(name("GovStopHeldCredits")), "usd", M.notes.heldBackCost),
      output("Forecast for the period under the stop rule (credits)", "GovForecastUnderStop", sub(name("WalletPeriodForecast"), name("GovStopHeldCredits")), "count", M.notes.underStop),
    ],
  });

  const approves = wholeCol(TABLES.jobs, "Human approves");
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Approval points: the Jobs sheet's Human approves",
    cells: [
      output("Jobs a person approves", "GovApprovalJobs", call("COUNTIFS", approves, str("Yes")), "count", M.notes.approvals),
      output("Jobs without an approval point", "GovUnapprovedJobs", sub(call("COUNTIFS", wholeCol(TABLES.jobs, "Job"), str("?*")), name("GovApprovalJobs")), "count"),
      output("Items a month awaiting approval", "GovApprovalItems", call("SUMIFS", wholeCol(TABLES.jobs, "Items per month"), approves, str("Yes")), "decimal", M.notes.approvalItems),
    ],
  });

  const R = (column: string): Expr => col(TABLES.retryCaps, column);
  const job = R("Job");
  const perJob = (e: Expr, blank: Expr): Expr => call("IF", eq(job, str("")), blank, e);
  const capRows: TableRow[] = options.examples ? exampleJobNames.map((j) => ({ Example: "Example", Job: j, "Retry cap": EXAMPLE_RETRY_CAP })) : [];
  const caps = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.retryCaps,
    anchor: stack.anchor(),
    heading: "Retry caps by job: the ledger's rerun units per first-run unit against the cap, and the AI cost of reruns above it",
    columns: [
      { header: "Example", kind: "input", format: "text" },
      { header: "Job", kind: "input", format: "text", total: "label" },
      { header: "Retry cap", kind: "input", format: "percent", validation: amount(M.capPrompt) },
      { header: "First-run units", kind: "formula", format: "decimal", total: "sum", formula: perJob(call("SUMIFS", L("Units"), ...whereName("Job", job), L("Rerun"), bool(false)), num(0)) },
      { header: "Rerun units", kind: "formula", format: "decimal", total: "sum", formula: perJob(call("SUMIFS", L("Units"), ...whereName("Job", job), L("Rerun"), bool(true)), num(0)) },
      { header: "Rerun rate", kind: "formula", format: "percent", formula: perJob(ratio(R("Rerun units"), R("First-run units")), str("")) },
      {
        header: "Against the cap",
        kind: "formula",
        format: "general",
        formula: perJob(call("IF", isNum(R("Rerun rate")), call("IF", gt(R("Rerun rate"), R("Retry cap")), str(M.overCap), str(M.withinCap)), str(M.noRuns)), str("")),
      },
      { header: "Rerun units above the cap", kind: "formula", format: "decimal", total: "sum", formula: perJob(call("MAX", num(0), sub(R("Rerun units"), mul(R("Retry cap"), R("First-run units")))), num(0)) },
      { header: "AI cost above the cap", kind: "formula", format: "usd", total: "sum", formula: ledgerCost(R("Rerun units above the cap")) },
    ],
    rows: capRows,
    exampleRows: capRows.length,
    totalRow: true,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "What the retry caps bound",
    cells: [
      output("Jobs over their retry cap", "GovJobsOverCap", call("COUNTIFS", wholeCol(TABLES.retryCaps, "Against the cap"), str(M.overCap)), "count", M.notes.overCap),
      output("AI cost of reruns above the caps", "GovAboveCapCost", call("SUM", wholeCol(TABLES.retryCaps, "AI cost above the cap")), "usd", M.notes.aboveCap),
      output("Ledger cost with reruns held to the caps", "GovCappedLedgerCost", sub(name("LedgerCost"), name("GovAboveCapCost")), "usd", M.notes.capped),
      output(
        "Share of the ledger's credits above the caps",
        "GovAboveCapShare",
        call("IF", eq(name("LedgerUnits"), num(0)), num(0), div(call("SUM", wholeCol(TABLES.retryCaps, "Rerun units above the cap")), name("LedgerUnits"))),
        "percent",
        M.notes.aboveCapShare,
      ),
      // The rest of the period burns as the ledger has, less the reruns the caps stop.
      output(
        "Forecast for the period, reruns held to the caps",
        "GovForecastUnderCaps",
        add(name("WalletPeriodConsumed"), mul(call("MAX", num(0), sub(name("WalletPeriodForecast"), name("WalletPeriodConsumed"))), sub(num(1), name("GovAboveCapShare")))),
        "count",
        M.notes.underCaps,
      ),
    ],
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "The period's forecast, bounded by the retry caps and the stop rule",
    cells: [
      output(
        "Forecast for the period, caps and stop rule",
        "GovForecastBounded",
        call("IF", eq(allocation, num(0)), name("GovForecastUnderCaps"), call("MIN", name("GovForecastUnderCaps"), stopAt)),
        "count",
        M.notes.bounded,
      ),
      output("Credits the caps and the stop rule keep", "GovBoundedSavedCredits", sub(name("WalletPeriodForecast"), name("GovForecastBounded")), "count", M.notes.boundedSaved),
      output("Spend the caps and the stop rule keep", "GovBoundedSavedCost", ledgerCost(name("GovBoundedSavedCredits")), "usd", M.notes.heldBackCost),
    ],
  });

  // A rule's formula is written for the range's first cell; a relative row moves with each cell.
  const first = (table: TableBlock, header: string): Expr => ref(SHEETS.governance, address(parseAddress(tableColumnRange(table, header).split(":")[0] ?? ""), { column: true }));
  const flag = first(checklist, "Flag");
  const against = first(caps, "Against the cap");
  return {
    name: SHEETS.governance,
    purpose: M.purpose,
    tabColor: "7030A0",
    columnWidths: [52, 40, 16, 18, 44, 16, 28, 16, 18],
    blocks: stack.blocks,
    freeze: panes(stack.blocks),
    conditionalFormats: [
      { range: tableColumnRange(checklist, "Flag"), rules: [{ when: eq(flag, str(M.flags.ok)), ...LIGHTS.green }, { when: eq(flag, str(M.flags.open)), ...LIGHTS.amber }, { when: call("AND", ne(flag, str(M.flags.ok)), ne(flag, str(M.flags.open)), ne(flag, str(""))), ...LIGHTS.red }] },
      { range: tableColumnRange(caps, "Against the cap"), rules: [{ when: eq(against, str(M.overCap)), ...LIGHTS.red }, { when: eq(against, str(M.withinCap)), ...LIGHTS.green }] },
    ],
  };
}
