/**
 * The Ledger sheet and the importer's sheets (docs/model.md §9.1–9.4, §9.8, §9.10): the whole
 * ledger, by job against the Jobs sheet's plan, by action type, agent and team, the audit
 * block against the imports' stamps, and the Ledger Rows, Rejects and Imports tables with the
 * example rows.
 */
import { LEDGER_WORKBOOK, type LedgerTableSpec } from "./ledger-tables";
import { address, parseAddress } from "../model/address";
import { LIGHTS, Stack, amount, input, output, panes, rate } from "./builders";
import { add, bool, call, col, concat, div, eq, gt, le, lt, mul, name, neg, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableColumnRange } from "../model/layout";
import { L, actionsWhere, isNum, ledgerCostWhere, matchName, ratio, whenNumber, whereName } from "./ledger-formulas";
import type { CellBlock, SheetSpec, TableBlock, TableColumn, TableRow } from "../model/description";
import { SHEETS, TABLES, importedSummaryRows, type TemplateOptions } from "./names";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";

/** The days of an average month (365.25 ÷ 12): the Jobs sheet's plans are per average month. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** A template format for an importer's Excel number format (src/template/sheets/ledger-tables.ts). */
const formatFor = (spec: LedgerTableSpec, header: string): TableColumn["format"] => {
  const code = (spec.formats as Readonly<Record<string, string>>)[header];
  if (code === undefined) return "general";
  if (code === "@") return "text";
  return code.startsWith("yyyy-mm-dd hh") ? "dateTime" : "general";
};

/** One of the importer's tables on its own sheet, with exactly the importer's columns. */
export function importedTableSheet(spec: LedgerTableSpec, rows: TableRow[], exampleCount: number, purpose: string, tabColor: string): SheetSpec {
  const stack = new Stack();
  stack.push<TableBlock>({
    kind: "table",
    name: spec.table,
    anchor: stack.anchor(),
    heading: `${spec.table}: written by the importer (columns as the importer names them)`,
    columns: spec.columns.map((header): TableColumn => ({ header, kind: "input", format: formatFor(spec, header) })),
    rows,
    exampleRows: exampleCount,
    totalRow: false,
  });
  return { name: spec.sheet, purpose, tabColor, columnWidths: spec.columns.map((h) => (h === "Raw" || h === "Reason" || h === "Mapping" || h === "SHA-256" || h === "Read as" || h === "Packed keys" ? 40 : 16)), blocks: stack.blocks, conditionalFormats: [], freeze: panes(stack.blocks) };
}

/** The example ledger's marker, in the Import column (the importer numbers its imports; the Ledger table has no Example column). */
export const EXAMPLE_IMPORT = "Example";

/**
 * A small example usage log over the three example jobs: reruns,
 * escalations and failures mixed, so every summary figure is worked by hand in the tests.
 */
export function exampleLedgerRows(): TableRow[] {
  const day = 46328; // 2026-11-02
  const row = (i: number, at: number, agent: string, job: string, action: string, units: number, status: string, escalated: boolean, rerun: boolean, review: number): TableRow => ({
    Timestamp: day + at,
    Agent: agent,
    Job: job,
    "Action type": action,
    Units: units,
    Status: status,
    Escalated: escalated,
    Rerun: rerun,
    "Review minutes": review,
    // The mailer works for Marketing: two teams, so each has its own trend and budget status.
    Team: agent === "Mailer" ? "Marketing" : "Sales",
    Import: EXAMPLE_IMPORT,
    "Source row": i + 1,
    Key: `example-${i}`,
    // One action each, priced by units under the workbook's pricing model (no Cost of its own).
    Count: 1,
    "Cost source": "units",
    Model: "",
    "Match key": "",
    // Rows of actions as the log gave them: no Bursts (only an aggregated daily row has them), each rerun read for loops.
    "Single rerun": rerun,
  });
  return [
    row(1, 0.375, "Service agent", "Customer service conversations", "Answer customer", 20, "validated", false, false, 2),
    row(2, 0.4, "Service agent", "Customer service conversations", "Answer customer", 20, "failed", false, false, 0),
    row(3, 0.42, "Service agent", "Customer service conversations", "Answer customer", 20, "validated", false, true, 1),
    row(4, 1.5, "Service agent", "Customer service conversations", "Answer customer", 20, "succeeded", true, false, 5),
    row(5, 1.6, "Mailer", "Case follow-up emails", "Draft email", 30, "validated", false, false, 3),
    row(6, 2.4, "Mailer", "Case follow-up emails", "Draft email", 30, "attempted", false, false, 0),
    row(7, 2.45, "Mailer", "Case follow-up emails", "Draft email", 30, "failed", true, false, 6),
    row(8, 2.5, "Mailer", "Case follow-up emails", "Draft email", 60, "validated", false, true, 2),
    row(9, 3.4, "Chat agent", "Website sales chat", "Qualify lead", 60, "validated", false, false, 10),
    row(10, 3.5, "Chat agent", "Website sales chat", "Qualify lead", 60, "succeeded", false, true, 4),
  ];
}

/** Units may differ from the stamps by sums' rounding only: a billionth of the total (docs/model.md §9.8). */
const UNITS_TOLERANCE = 1e-9;

/**
 * A summary of the ledger by one of its columns (action type, agent, team): one row per
 * value, the same figures as by job (docs/model.md §9.2), matched by SUMIFS/COUNTIFS.
 */
function groupTable(anchor: string, tableName: string, key: "Action type" | "Agent" | "Team", heading: string, examples: TableRow[], imported: TableRow[]): TableBlock {
  return { kind: "table", name: tableName, anchor, heading, columns: groupColumns(tableName, key), rows: [...examples, ...imported], exampleRows: examples.length, totalRow: true };
}

/** The summary's columns for one grouping of the ledger: its key, then the figures every grouping has (by job, too). */
function groupColumns(tableName: string, key: "Job" | "Action type" | "Agent" | "Team"): TableColumn[] {
  const G = (column: string): Expr => col(tableName, column);
  const k = G(key);
  const inGroup = (e: Expr): Expr => call("IF", eq(k, str("")), num(0), e);
  // Actions, not rows: an aggregated row is its Count of actions.
  const count = (...criteria: Expr[]): Expr => inGroup(actionsWhere(...whereName(key, k), ...criteria));
  const units = (...criteria: Expr[]): Expr => inGroup(call("SUMIFS", L("Units"), ...whereName(key, k), ...criteria));
  return [
      { header: "Example", kind: "input", format: "text" },
      { header: key, kind: "input", format: "text", total: "label" },
      { header: "Actions attempted", kind: "formula", format: "count", total: "sum", formula: count(L("Status"), str("<>")) },
      { header: "Actions succeeded", kind: "formula", format: "count", total: "sum", formula: add(count(L("Status"), str("succeeded")), count(L("Status"), str("validated"))) },
      { header: "Actions validated", kind: "formula", format: "count", total: "sum", formula: count(L("Status"), str("validated")) },
      { header: "Success rate", kind: "formula", format: "percent", formula: ratio(G("Actions succeeded"), G("Actions attempted")) },
      { header: "Acceptance rate", kind: "formula", format: "percent", formula: ratio(G("Actions validated"), G("Actions attempted")) },
      { header: "Units attempted", kind: "formula", format: "decimal", total: "sum", formula: units() },
      { header: "Units validated", kind: "formula", format: "decimal", total: "sum", formula: units(L("Status"), str("validated")) },
      { header: "Units rerun", kind: "formula", format: "decimal", total: "sum", formula: units(L("Rerun"), bool(true)) },
      { header: "Rerun inflation", kind: "formula", format: "ratio", formula: ratio(G("Units rerun"), G("Units validated")) },
      { header: "Escalation rate", kind: "formula", format: "percent", formula: ratio(count(L("Escalated"), bool(true)), G("Actions attempted")) },
      { header: "Review hours", kind: "formula", format: "decimal", total: "sum", formula: div(inGroup(call("SUMIFS", L("Review minutes"), ...whereName(key, k))), num(60)) },
      { header: "Cost", kind: "formula", format: "usd", total: "sum", formula: inGroup(ledgerCostWhere(...whereName(key, k))) },
      { header: "Cost per validated outcome", kind: "formula", format: "usd", formula: ratio(G("Cost"), G("Actions validated")) },
      { header: "Accepted units per dollar", kind: "formula", format: "decimal", formula: ratio(G("Units validated"), G("Cost")) },
  ];
}

/**
 * The by-job columns with the all-in cost per validated outcome beside the AI-only one: AI
 * cost + review hours × the reviewer's loaded hourly cost, ÷ validated actions, as the Jobs
 * sheet's headline counts it (review in, escalation labor out: the Jobs sheet has none).
 */
function withAllIn(columns: TableColumn[]): TableColumn[] {
  const S = (column: string): Expr => col(TABLES.ledgerSummary, column);
  const at = columns.findIndex((c) => c.header === "Cost per validated outcome") + 1;
  const allIn: TableColumn = {
    header: "All-in cost per validated outcome",
    kind: "formula",
    format: "usd",
    formula: ratio(add(S("Cost"), mul(S("Review hours"), name("ReviewerHourlyCost"))), S("Actions validated")),
  };
  return [...columns.slice(0, at), allIn, ...columns.slice(at)];
}

/**
 * Ledger units no row of a summary lists: the ledger's units less the summary's, less those of
 * rows whose key is blank (no summary row can list a blank: a log without a team column must
 * not ask for a team row). "=" alone matches only blank cells, in Excel and LibreOffice.
 */
const unlistedUnits = (table: string, key: "Job" | "Action type" | "Agent" | "Team"): Expr =>
  sub(sub(name("LedgerUnits"), call("SUM", wholeCol(table, "Units attempted"))), call("SUMIFS", L("Units"), L(key), str("=")));

export function ledgerSheet(options: TemplateOptions, exampleJobNames: readonly string[]): SheetSpec {
  const stack = new Stack();
  const jobExamples: TableRow[] = options.examples ? exampleJobNames.map((job) => ({ Example: "Example", Job: job })) : [];
  const S = (column: string): Expr => col(TABLES.ledgerSummary, column);
  const job = S("Job");
  const byJob = (...criteria: Expr[]): Expr[] => [...whereName("Job", job), ...criteria];
  // A row without a job has nothing (and a blank criterion is no criterion to every engine).
  const perJob = (e: Expr): Expr => call("IF", eq(job, str("")), num(0), e);
  const sumIfs = (units: Expr, ...criteria: Expr[]): Expr => perJob(call("SUMIFS", units, ...byJob(...criteria)));
  const countIfs = (...criteria: Expr[]): Expr => perJob(actionsWhere(...byJob(...criteria)));
  const fromJobs = (column: string): Expr => call("INDEX", wholeCol(TABLES.jobs, column), matchName(job, wholeCol(TABLES.jobs, "Job")));
  const planned = (e: Expr): Expr => call("IF", eq(job, str("")), str(""), call("IFERROR", e, str("")));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Ledger settings",
    cells: [
      // The period comes from the rows themselves, so 4 days of actuals meet 4 days of plan (a typed "1 month" made every gap look good).
      output("First day with a ledger row", "LedgerFirstDay", call("IF", eq(call("COUNT", L("Timestamp")), num(0)), str(""), call("INT", call("MIN", L("Timestamp")))), "date", TEMPLATE_MESSAGES.ledgerPeriod.firstDay),
      output("Last day with a ledger row", "LedgerLastDay", call("IF", eq(call("COUNT", L("Timestamp")), num(0)), str(""), call("INT", call("MAX", L("Timestamp")))), "date", TEMPLATE_MESSAGES.ledgerPeriod.lastDay),
      output("Days the ledger covers", "LedgerDays", call("IF", eq(call("COUNT", L("Timestamp")), num(0)), num(0), add(sub(name("LedgerLastDay"), name("LedgerFirstDay")), num(1))), "count", TEMPLATE_MESSAGES.ledgerPeriod.days),
      output("Months the ledger covers", "LedgerMonths", div(name("LedgerDays"), num(DAYS_PER_MONTH)), "decimal", TEMPLATE_MESSAGES.ledgerPeriod.months),
      input("Rate tolerance (points)", "LedgerRateTolerance", 0.05, "percent", { validation: rate("A rate within this of plan is on plan."), note: "acceptance and rerun rate" }),
      input("Cost tolerance (share of plan)", "LedgerCostTolerance", 0.1, "percent", { validation: amount("A cost within this share of plan is on plan.") }),
    ],
  });
  const validatedUnits = call("SUMIFS", L("Units"), L("Status"), str("validated"));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "The whole ledger",
    cells: [
      output("Units attempted", "LedgerUnits", call("SUM", L("Units")), "decimal", "every row, failures and reruns included"),
      output("Actions attempted", "LedgerActions", actionsWhere(L("Status"), str("<>")), "count", "Σ Count: a row is its count of actions"),
      output("Actions validated", "LedgerValidated", actionsWhere(L("Status"), str("validated")), "count"),
      output("Acceptance rate", "LedgerAcceptance", ratio(name("LedgerValidated"), name("LedgerActions")), "percent", "validated ÷ attempted"),
      output("Rerun inflation", "LedgerRerunInflation", ratio(call("SUMIFS", L("Units"), L("Rerun"), bool(true)), validatedUnits), "ratio", "rerun units ÷ validated units"),
      output("Cost", "LedgerCost", ledgerCostWhere(), "usd", "each row's own cost where the log gives one (stated or its tokens priced), else its units under the Inputs sheet's pricing model"),
      output("Cost per validated outcome", "LedgerCostPerOutcome", ratio(name("LedgerCost"), name("LedgerValidated")), "usd", "all the cost ÷ validated actions"),
      output("Units of jobs not listed below", "LedgerUnitsUnlisted", unlistedUnits(TABLES.ledgerSummary, "Job"), "decimal", "add a row for each job with units here (rows with no job are not counted)"),
    ],
  });
  const summary = stack.push<TableBlock>({
    kind: "table",
    name: TABLES.ledgerSummary,
    anchor: stack.anchor(),
    heading: "By job, against the Jobs sheet's plan for the ledger's days (one row per job; add rows for jobs not on the Jobs sheet)",
    columns: [
      ...withAllIn(groupColumns(TABLES.ledgerSummary, "Job")),
      {
        header: "First-time acceptance",
        kind: "formula",
        format: "percent",
        formula: ratio(countIfs(L("Status"), str("validated"), L("Rerun"), bool(false)), countIfs(L("Status"), str("<>"), L("Rerun"), bool(false))),
      },
      { header: "Rerun rate", kind: "formula", format: "percent", formula: ratio(S("Units rerun"), sumIfs(L("Units"), L("Rerun"), bool(false))) },
      { header: "Planned acceptance", kind: "formula", format: "percent", formula: planned(fromJobs("Target acceptance rate")) },
      { header: "Planned rerun rate", kind: "formula", format: "percent", formula: planned(fromJobs("Rerun rate")) },
      { header: "Planned cost", kind: "formula", format: "usd", total: "sum", formula: planned(mul(fromJobs("AI cost per month"), name("LedgerMonths"))) },
      {
        header: "Acceptance gap",
        kind: "formula",
        format: "percent",
        formula: call("IF", call("AND", isNum(S("First-time acceptance")), isNum(S("Planned acceptance"))), sub(S("First-time acceptance"), S("Planned acceptance")), str("")),
      },
      {
        header: "Rerun gap",
        kind: "formula",
        format: "percent",
        formula: call("IF", call("AND", isNum(S("Rerun rate")), isNum(S("Planned rerun rate"))), sub(S("Rerun rate"), S("Planned rerun rate")), str("")),
      },
      { header: "Cost gap", kind: "formula", format: "usd", formula: call("IF", isNum(S("Planned cost")), sub(S("Cost"), S("Planned cost")), str("")) },
      {
        header: "Plan status",
        kind: "formula",
        format: "general",
        formula: call(
          "IF",
          eq(job, str("")),
          str(""),
          call(
            "IF",
            call("NOT", isNum(S("Planned acceptance"))),
            str("Unplanned"),
            call(
              "IF",
              eq(S("Actions attempted"), num(0)),
              str("No actual"),
              call(
                "IF",
                call(
                  "OR",
                  whenNumber(S("Acceptance gap"), lt(S("Acceptance gap"), neg(name("LedgerRateTolerance")))),
                  whenNumber(S("Rerun gap"), gt(S("Rerun gap"), name("LedgerRateTolerance"))),
                  whenNumber(S("Cost gap"), gt(S("Cost gap"), mul(name("LedgerCostTolerance"), S("Planned cost")))),
                ),
                str("Worse"),
                call(
                  "IF",
                  call(
                    "OR",
                    whenNumber(S("Acceptance gap"), gt(S("Acceptance gap"), name("LedgerRateTolerance"))),
                    whenNumber(S("Rerun gap"), lt(S("Rerun gap"), neg(name("LedgerRateTolerance")))),
                    whenNumber(S("Cost gap"), lt(S("Cost gap"), neg(mul(name("LedgerCostTolerance"), S("Planned cost"))))),
                  ),
                  str("Better"),
                  str("On plan"),
                ),
              ),
            ),
          ),
        ),
      },
    ],
    rows: [...jobExamples, ...importedSummaryRows(options, TABLES.ledgerSummary, "Job")],
    exampleRows: jobExamples.length,
    totalRow: true,
  });

  const exampleRows = options.examples ? exampleLedgerRows() : [];
  const distinct = (header: string): TableRow[] => [...new Set(exampleRows.map((r) => r[header] as string))].map((v) => ({ Example: "Example", [header]: v }));
  const byActionType = stack.push(groupTable(stack.anchor(), TABLES.ledgerByActionType, "Action type", "By action type (one row per action type; add rows as the log has them)", distinct("Action type"), importedSummaryRows(options, TABLES.ledgerByActionType, "Action type")));
  const byAgent = stack.push(groupTable(stack.anchor(), TABLES.ledgerByAgent, "Agent", "By agent (one row per agent; add rows as the log has them)", distinct("Agent"), importedSummaryRows(options, TABLES.ledgerByAgent, "Agent")));
  const byTeam = stack.push(groupTable(stack.anchor(), TABLES.ledgerByTeam, "Team", "By team (one row per team; add rows as the log has them)", distinct("Team"), importedSummaryRows(options, TABLES.ledgerByTeam, "Team")));
  type ImportsColumn = (typeof LEDGER_WORKBOOK.imports.columns)[number];
  const imported = (column: ImportsColumn): Expr => call("SUM", wholeCol(TABLES.imports, column));
  /** Σ `column` over the stamps whose `since` cell is blank: made before that column, when each accepted row was one ledger row of one action. */
  const stampedBefore = (column: ImportsColumn, since: ImportsColumn): Expr => call("SUMIFS", wholeCol(TABLES.imports, column), wholeCol(TABLES.imports, since), str("="));
  const latestFlagged = call("MAXIFS", L("Import"), L("Likely duplicate of"), str(">0"));
  const unlisted = (table: TableBlock, key: "Action type" | "Agent" | "Team"): Expr => unlistedUnits(table.name, key);
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Audit: the ledger against the imports' stamps (Imports sheet)",
    cells: [
      output("Rows in the ledger", "LedgerRowCount", call("COUNTIFS", L("Status"), str("<>")), "count", "an aggregated row stands for its Count of actions"),
      output("Example rows", "LedgerExampleRows", call("COUNTIFS", L("Import"), str(EXAMPLE_IMPORT)), "count", "marked Example in the Import column: delete them before a real import"),
      // A stamp made before the Ledger rows column: its accepted rows, one ledger row each.
      output("Rows the imports wrote", "LedgerImportedRows", add(imported("Ledger rows"), stampedBefore("Accepted", "Ledger rows")), "count", "Σ Imports[Ledger rows]"),
      output("Rows not accounted for", "LedgerRowsGap", sub(sub(name("LedgerRowCount"), name("LedgerExampleRows")), name("LedgerImportedRows")), "count", "0 when every row came from an import"),
      output("Actions in the ledger", "LedgerActionsTotal", name("LedgerActions"), "count", "Σ Count"),
      output("Example actions", "LedgerExampleActions", actionsWhere(L("Import"), str(EXAMPLE_IMPORT)), "count"),
      // A stamp made before the Actions accepted column: one action per accepted row.
      output("Actions the imports accepted", "LedgerImportedActions", add(imported("Actions accepted"), stampedBefore("Accepted", "Actions accepted")), "count", "Σ Imports[Actions accepted]"),
      output("Actions not accounted for", "LedgerActionsGap", sub(sub(name("LedgerActionsTotal"), name("LedgerExampleActions")), name("LedgerImportedActions")), "count", "0 when every action came from an import"),
      output("Units in the ledger", "LedgerUnitsTotal", name("LedgerUnits"), "decimal"),
      output("Example units", "LedgerExampleUnits", call("SUMIFS", L("Units"), L("Import"), str(EXAMPLE_IMPORT)), "decimal"),
      output("Units the imports accepted", "LedgerImportedUnits", imported("Units accepted"), "decimal", "Σ Imports[Units accepted]"),
      output("Units not accounted for", "LedgerUnitsGap", sub(sub(name("LedgerUnitsTotal"), name("LedgerExampleUnits")), name("LedgerImportedUnits")), "decimal", "0 to the credit"),
      output(
        "Reconciled",
        "LedgerReconciled",
        call(
          "IF",
          call("AND", eq(name("LedgerRowsGap"), num(0)), eq(name("LedgerActionsGap"), num(0)), le(call("ABS", name("LedgerUnitsGap")), mul(num(UNITS_TOLERANCE), call("MAX", num(1), call("ABS", name("LedgerUnitsTotal")))))),
          str("Yes"),
          str("No: the ledger differs from the imports' stamps"),
        ),
        "general",
        "rows and actions exactly; units to a billionth of the total",
      ),
      output("Likely duplicates across imports", "LedgerLikelyDuplicates", call("COUNTIFS", L("Likely duplicate of"), str(">0")), "count", "rows with the time, job and units of an earlier import's row: the same actions from another export?"),
      output(
        "Latest likely duplicate",
        "LedgerLikelyDuplicateWhere",
        call(
          "IF",
          eq(name("LedgerLikelyDuplicates"), num(0)),
          str(""),
          [
            str(" repeats rows of import "),
            call("MAXIFS", L("Likely duplicate of"), L("Import"), latestFlagged),
            str(" (the last at its line "),
            call("MAXIFS", L("Source row"), L("Import"), latestFlagged, L("Likely duplicate of"), str(">0")),
            str(")"),
          ].reduce((text, part) => concat(text, part), concat(str("Import "), latestFlagged)),
        ),
        "general",
        "Ledger[Likely duplicate of] marks each such row: delete one import's rows if they are the same",
      ),
      output("Units of action types not listed", "LedgerUnitsUnlistedActionTypes", unlisted(byActionType, "Action type"), "decimal", "add a row for each action type with units here (rows with none are not counted)"),
      output("Units of agents not listed", "LedgerUnitsUnlistedAgents", unlisted(byAgent, "Agent"), "decimal", "add a row for each agent with units here (rows with none are not counted)"),
      output("Units of teams not listed", "LedgerUnitsUnlistedTeams", unlisted(byTeam, "Team"), "decimal", "add a row for each team with units here (rows with no team are not counted)"),
    ],
  });
  // A rule's formula is written for the range's first cell; a relative row moves with each cell.
  const first = (header: string): Expr => ref(SHEETS.ledger, address(parseAddress(tableColumnRange(summary, header).split(":")[0] ?? ""), { column: true }));
  const tol = name("LedgerRateTolerance");
  const accGap = first("Acceptance gap");
  const rerunGap = first("Rerun gap");
  const costGap = first("Cost gap");
  const costTol = mul(name("LedgerCostTolerance"), first("Planned cost"));
  const status = first("Plan status");
  return {
    name: SHEETS.ledger,
    purpose: "The verified outcome ledger: what the imported usage log cost per validated outcome, its rerun inflation, and each job against its plan.",
    tabColor: "4472C4",
    columnWidths: [34, 24, ...Array.from({ length: 24 }, () => 13)],
    blocks: stack.blocks,
    freeze: panes(stack.blocks),
    conditionalFormats: [
      { range: tableColumnRange(summary, "Acceptance gap"), rules: [{ when: whenNumber(accGap, lt(accGap, neg(tol))), ...LIGHTS.red }, { when: whenNumber(accGap, gt(accGap, tol)), ...LIGHTS.green }] },
      { range: tableColumnRange(summary, "Rerun gap"), rules: [{ when: whenNumber(rerunGap, gt(rerunGap, tol)), ...LIGHTS.red }, { when: whenNumber(rerunGap, lt(rerunGap, neg(tol))), ...LIGHTS.green }] },
      { range: tableColumnRange(summary, "Cost gap"), rules: [{ when: whenNumber(costGap, gt(costGap, costTol)), ...LIGHTS.red }, { when: whenNumber(costGap, lt(costGap, neg(costTol))), ...LIGHTS.green }] },
      {
        range: tableColumnRange(summary, "Plan status"),
        rules: [
          { when: eq(status, str("Worse")), ...LIGHTS.red },
          { when: eq(status, str("Unplanned")), ...LIGHTS.amber },
          { when: eq(status, str("Better")), ...LIGHTS.green },
        ],
      },
    ],
  };
}
