/**
 * The ROI sheet (template.md §4): human cost per case, blended cost, the sensitivity grid, break-even, payback and build vs buy.
 */
import { address, offset, parseAddress } from "../model/address";
import { Stack, amount, input, output, panes, rate, rateInput } from "./builders";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { awu, mul, name, ref, sub } from "../model/formula";
import type { CellBlock, GridBlock, SheetSpec } from "../model/description";
import { SHEETS, type TemplateOptions } from "./names";

export function roiSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Cost per case",
    cells: [
      output(
        "Human cost per case",
        "HumanCostPerCase",
        awu("HUMANCOST", name("HourlyWage"), name("BenefitsLoad"), name("LaborOverhead"), name("Utilization"), name("HandleMinutes")),
        "usd",
        "loaded wage ÷ utilization × handle minutes",
      ),
      { label: "AI cost per case", name: "AiCostPerCase", value: { formula: name("PricePerConversation") }, format: "usd", style: "input", validation: amount("AI cost per case, in currency."), note: "the price per conversation; type your own" },
      input("Resolution rate", "ResolutionRate", options.examples ? 0.6 : 0, "percent", { validation: rate("Share of cases the AI resolves, 0 to 100 %.") }),
      input("Escalation savings", "EscalationSavings", options.examples ? 0.2 : 0, "percent", { validation: rate("How much cheaper an escalated case is for the human, 0 to 100 %.") }),
      input("Cases per year", "AnnualCases", options.examples ? 100000 : 0, "count", { validation: amount("Inbound cases a year.") }),
    ],
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Return",
    cells: [
      output("Blended cost per case", "BlendedCostPerCase", awu("BLENDED", name("HumanCostPerCase"), name("AiCostPerCase"), name("ResolutionRate"), name("EscalationSavings")), "usd"),
      output(
        "Break-even resolution rate",
        "BreakevenResolution",
        awu("BREAKEVEN", name("HumanCostPerCase"), name("AiCostPerCase"), name("EscalationSavings")),
        "percent",
        TEMPLATE_MESSAGES.notAvailable.breakeven,
      ),
      output("Annual savings", "AnnualSavings", mul(name("AnnualCases"), sub(name("HumanCostPerCase"), name("BlendedCostPerCase"))), "usdWhole"),
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
