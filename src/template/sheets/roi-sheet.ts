/**
 * The ROI sheet (template.md §4): human cost per case, blended cost, the sensitivity grid, break-even, payback and build vs buy.
 */
import { address, offset, parseAddress } from "../model/address";
import { Stack, amount, input, output, panes, rate, rateInput } from "./builders";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { PRICING_MODEL_NAMES, builtInPlans, plansInForce } from "../../engine";
import { jobsVolume, planShareCost } from "./plan-formulas";
import { awu, call, col, div, eq, le, mul, name, num, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import type { CellBlock, GridBlock, SheetSpec, TableBlock } from "../model/description";
import { SHEETS, TABLES, type TemplateOptions } from "./names";

/** Σ a Jobs column over the jobs whose items are human cases (the Jobs sheet's "Human case" = Yes). */
const overCases = (column: string): Expr => call("SUMIFS", wholeCol(TABLES.jobs, column), wholeCol(TABLES.jobs, "Human case"), str("Yes"));

/**
 * The case jobs' AI cost a month under each pricing model, as the Jobs sheet prices it:
 * runs per conversation, units as Flex Credits, or the seats shared by units.
 */
function caseAiCostUnder(model: "perConversation" | "flexList" | "flexDiscounted" | "perUser"): Expr {
  const units = overCases("Units per month");
  switch (model) {
    case "perConversation":
      return awu("CONVCOST", overCases("Runs per month"), name("PricePerConversation"));
    case "flexList":
      return awu("FLEXCOST", units, name("CreditsPerAction"), name("PricePer100kCredits"), num(0));
    case "flexDiscounted":
      return awu("FLEXCOST", units, name("CreditsPerAction"), name("PricePer100kCredits"), name("PrepurchaseDiscount"));
    case "perUser": {
      const allUnits = call("SUM", wholeCol(TABLES.jobs, "Units per month"));
      return call("IF", eq(allUnits, num(0)), num(0), div(mul(awu("SEATCOST", name("LicensedUsers"), num(1), name("PricePerUserMonth")), units), allUnits));
    }
  }
}

/** The case jobs' AI cost a month under a vendor plan: their own events, or their share of the seats by actions. */
const caseAiCostUnderPlan = (model: Expr): Expr => planShareCost(model, { conversations: overCases("Runs per month"), actions: overCases("Units per month") }, jobsVolume());

/** AI cost per case from the case jobs' AI cost a month; #N/A without cases (the table's note says so). */
const perCase = (monthly: Expr): Expr => call("IF", eq(name("CasesPerMonth"), num(0)), call("NA"), div(monthly, name("CasesPerMonth")));

export function roiSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Cases, from the Jobs sheet (the jobs marked Human case)",
    cells: [
      output("Cases per month", "CasesPerMonth", overCases("Items per month"), "count", "Σ items of the jobs marked Human case"),
      // Said here, beside the cause: the table below has no cell notes.
      output("Cases per year", "AnnualCases", mul(name("CasesPerMonth"), num(12)), "count", `12 months at full volume; the table below: ${TEMPLATE_MESSAGES.notAvailable.byModel}`),
      output(
        "Human cost per case",
        "HumanCostPerCase",
        awu("HUMANCOST", name("HourlyWage"), name("BenefitsLoad"), name("LaborOverhead"), name("Utilization"), name("HandleMinutes")),
        "usd",
        "loaded wage ÷ utilization × handle minutes",
      ),
      input("Resolution rate", "ResolutionRate", options.examples ? 0.6 : 0, "percent", { validation: rate("Share of cases the AI resolves, 0 to 100 %.") }),
      input("Escalation savings", "EscalationSavings", options.examples ? 0.2 : 0, "percent", { validation: rate("How much cheaper an escalated case is for the human, 0 to 100 %.") }),
    ],
  });
  const R = (column: string): Expr => col(TABLES.roiByModel, column);
  const models = [
    ...(["perConversation", "flexList", "flexDiscounted", "perUser"] as const).map((model) => ({ Model: PRICING_MODEL_NAMES[model], "AI cost per case": { formula: perCase(caseAiCostUnder(model)) } })),
    // Every vendor plan in force, priced from the Vendors sheet's plans table: the return under each vendor side by side.
    ...plansInForce(builtInPlans, options.asOf).map((plan) => ({ Model: plan.key, "AI cost per case": { formula: perCase(caseAiCostUnderPlan(R("Model"))) } })),
  ];
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.roiByModel,
    anchor: stack.anchor(),
    heading: "The return under each pricing model and vendor plan (the case jobs' AI cost ÷ their cases)",
    columns: [
      { header: "Model", kind: "input", format: "text" },
      { header: "AI cost per case", kind: "input", format: "usd" },
      { header: "Blended cost per case", kind: "formula", format: "usd", formula: awu("BLENDED", name("HumanCostPerCase"), R("AI cost per case"), name("ResolutionRate"), name("EscalationSavings")) },
      // No cases save nothing (not #N/A).
      { header: "Annual savings", kind: "formula", format: "usdWhole", formula: call("IF", eq(name("AnnualCases"), num(0)), num(0), mul(name("AnnualCases"), sub(name("HumanCostPerCase"), R("Blended cost per case")))) },
      {
        header: "Payback (months)",
        kind: "formula",
        format: "months",
        formula: awu("PAYBACK", name("EnablementCost"), name("AnnualCases"), name("HumanCostPerCase"), R("AI cost per case"), name("ResolutionRate"), name("EscalationSavings")),
      },
      { header: "Build wins above (cases a year)", kind: "formula", format: "count", formula: awu("BUILDVSBUY", name("BuildFixedAnnualCost"), R("AI cost per case"), name("ComputePerCase")) },
    ],
    rows: models,
    exampleRows: 0,
    totalRow: false,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Return under the pricing model in use (Inputs)",
    cells: [
      output(
        "AI cost per case",
        "AiCostPerCase",
        // The table's row for the model in use; a plan added to the Vendors sheet after the workbook was built is priced here.
        call(
          "IF",
          call("ISNUMBER", call("MATCH", name("PricingModel"), wholeCol(TABLES.roiByModel, "Model"), num(0))),
          call("INDEX", wholeCol(TABLES.roiByModel, "AI cost per case"), call("MATCH", name("PricingModel"), wholeCol(TABLES.roiByModel, "Model"), num(0))),
          perCase(caseAiCostUnderPlan(name("PricingModel"))),
        ),
        "usd",
        TEMPLATE_MESSAGES.notAvailable.aiCostPerCase,
      ),
      output("Blended cost per case", "BlendedCostPerCase", awu("BLENDED", name("HumanCostPerCase"), name("AiCostPerCase"), name("ResolutionRate"), name("EscalationSavings")), "usd", TEMPLATE_MESSAGES.notAvailable.blendedCostPerCase),
      output(
        "Break-even resolution rate",
        "BreakevenResolution",
        // AI plus the escalations' remainder cheaper than a person even at 0 %: it breaks even from the start.
        call("IF", le(name("AiCostPerCase"), mul(name("HumanCostPerCase"), name("EscalationSavings"))), num(0), awu("BREAKEVEN", name("HumanCostPerCase"), name("AiCostPerCase"), name("EscalationSavings"))),
        "percent",
        TEMPLATE_MESSAGES.notAvailable.breakeven,
      ),
      output("Annual savings", "AnnualSavings", call("IF", eq(name("AnnualCases"), num(0)), num(0), mul(name("AnnualCases"), sub(name("HumanCostPerCase"), name("BlendedCostPerCase")))), "usdWhole"),
      output(
        "Payback",
        "PaybackMonths",
        awu("PAYBACK", name("EnablementCost"), name("AnnualCases"), name("HumanCostPerCase"), name("AiCostPerCase"), name("ResolutionRate"), name("EscalationSavings")),
        "months",
        TEMPLATE_MESSAGES.notAvailable.payback,
      ),
    ],
  });
  const rows = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const columns = [0, 0.1, 0.2, 0.3];
  const gridAnchor = stack.anchor();
  const corner = parseAddress(offset(gridAnchor, 1, 0));
  const formulas = rows.map((_, i) =>
    columns.map((__, j) =>
      awu(
        "BLENDED",
        name("HumanCostPerCase"),
        name("AiCostPerCase"),
        ref(SHEETS.roi, address({ row: corner.row + 1 + i, column: corner.column }, { column: true })),
        ref(SHEETS.roi, address({ row: corner.row, column: corner.column + 1 + j }, { row: true })),
      ),
    ),
  );
  stack.push<GridBlock>({
    kind: "grid",
    anchor: gridAnchor,
    heading: "Blended cost per case: resolution rate (rows) × escalation savings (columns)",
    corner: "Resolution \\ savings",
    rowValues: rows,
    columnValues: columns,
    rowFormat: "percent",
    columnFormat: "percent",
    cellFormat: "usd",
    formulas,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Build vs buy",
    cells: [
      // The seed's example ($500k fixed, $0.05 compute) sits on the rate card as assumptions, so the figures have a source.
      options.examples
        ? rateInput("Fixed annual cost to build", "BuildFixedAnnualCost", "build.fixedAnnualCost", "usdWhole", amount("Engineering and hosting a year."))
        : input("Fixed annual cost to build", "BuildFixedAnnualCost", 0, "usdWhole", { validation: amount("Engineering and hosting a year.") }),
      { label: "Buy price per case", name: "BuyPricePerCase", value: { formula: name("AiCostPerCase") }, format: "usd", style: "input", validation: amount("Vendor price per case."), note: "the AI cost per case; type your own" },
      options.examples
        ? rateInput("Compute per case when built", "ComputePerCase", "build.computePerCase", "usd", amount("Model tokens and hosting per case."))
        : input("Compute per case when built", "ComputePerCase", 0, "usd", { validation: amount("Model tokens and hosting per case.") }),
      output(
        "Cases a year above which building wins",
        "BuildVsBuyCases",
        awu("BUILDVSBUY", name("BuildFixedAnnualCost"), name("BuyPricePerCase"), name("ComputePerCase")),
        "count",
        TEMPLATE_MESSAGES.notAvailable.buildVsBuy,
      ),
    ],
  });
  return {
    name: SHEETS.roi,
    purpose: "Payback against human labor: cost per case, blended cost, the break-even resolution rate, payback, and build vs buy.",
    tabColor: "ED7D31",
    columnWidths: [40, 16, 16, 16, 16, 40],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}
