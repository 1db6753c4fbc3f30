/**
 * A small description that uses every block kind (labelled cells, tables with input,
 * formula, per-row formula and total cells, a grid, a chart, colour rules, every kind of
 * validation) and AWU calls with and without a native expansion, on a sheet whose name
 * needs quoting. Its figures are the published worked ones (pricing.md §5), so a test can
 * check them after any writer and any spreadsheet engine.
 */
import { offset, parseAddress, address } from "../../src/template/model/address";
import { add, awu, bool, call, col, concat, div, eq, ge, lt, mul, name, neg, num, pow, ref, str, sub, wholeCol, type Expr } from "../../src/template/model/formula";
import { absolute, input, output } from "../../src/template/sheets/builders";
import { exactly, literalPattern } from "../../src/template/sheets/ledger-formulas";
import { blockHeight, tableColumnRange, valueCell } from "../../src/template/model/layout";
import { FORMATS, type CellBlock, type ChartBlock, type GridBlock, type SheetSpec, type TableBlock, type TemplateDescription } from "../../src/template/model/description";

export const FIXTURE_SHEETS = { model: "Model", wallet: "Wallet & usage", natives: "Natives" } as const;

/** Blocks stacked from row 4 with a blank row between, as the template stacks them. */
function stack<B extends Exclude<SheetSpec["blocks"][number], ChartBlock>>(blocks: ((anchor: string) => B)[]): B[] {
  let row = 4;
  return blocks.map((make) => {
    const block = make(`A${row}`);
    row += blockHeight(block) + 1;
    return block;
  });
}


export function fixtureDescription(): TemplateDescription {
  const [prices, mix, roi, grid] = stack<CellBlock | TableBlock | GridBlock>([
    (anchor): CellBlock => ({
      kind: "cells",
      anchor,
      heading: "Prices",
      cells: [
        input("Actions per month", "Actions", 53000, "count", { validation: { kind: "whole", min: 0, prompt: "Agent actions a month." } }),
        input("Pre-purchase discount", "Discount", 0.25, "percent", { validation: { kind: "decimal", min: 0, max: 1, prompt: "0 to 100 %." }, note: "rate card: flex.prepurchaseDiscount" }),
        input("Model", "ModelName", "gemini-3-flash", "text", { validation: { kind: "list", choices: ["gemini-3-flash", "gemini-3-pro", "claude-sonnet-4.6"], prompt: "A rate-card model." } }),
        output("Flex cost, list", "FlexList", awu("FLEXCOST", name("Actions")), "usd"),
        output("Flex cost, pre-purchased", "FlexDiscounted", awu("FLEXCOST", name("Actions"), null, null, name("Discount")), "usd"),
        output("Credits", "Credits", awu("CREDITS", name("Actions")), "count"),
        output("Per conversation, 10,000", "PerConversation", awu("CONVCOST", num(10000)), "usd"),
        output("Per user, 50 users", "PerUser", awu("SEATCOST", num(50)), "usd"),
        // No native formula: written as values in a portable file.
        output("Token cost of one cycle", "TokenCost", awu("TOKENCOST", num(4000), num(800), name("ModelName")), "usd"),
        output("Credits per action (rate card)", "RateCredits", awu("RATE", str("flex.creditsPerAction")), "count"),
      ],
    }),
    (anchor): TableBlock => ({
      kind: "table",
      name: "Mix",
      anchor,
      heading: "Interaction mix",
      columns: [
        { header: "Example", kind: "input", format: "text" },
        { header: "Kind", kind: "input", format: "text", total: "label" },
        { header: "Share", kind: "input", format: "percent", total: "sum", validation: { kind: "decimal", min: 0, max: 1, prompt: "Share of interactions." } },
        { header: "Actions", kind: "input", format: "decimal", total: "average" },
        { header: "Weighted", kind: "formula", format: "decimal", total: "sum", formula: mul(col("Mix", "Share"), col("Mix", "Actions")) },
        // Per-row values with no native formula: the column keeps no table formula when portable.
        { header: "Token cost", kind: "formula", format: "usd", formula: awu("TOKENCOST", mul(col("Mix", "Actions"), num(1000)), num(500), name("ModelName")) },
        { header: "Flex cost", kind: "input", format: "usd" },
      ],
      rows: [
        { Example: "Example", Kind: "Simple", Share: 0.6, Actions: 3, "Flex cost": { formula: awu("FLEXCOST", mul(num(6000), num(3))) } },
        { Example: "Example", Kind: "Moderate", Share: 0.3, Actions: 7, "Flex cost": { formula: awu("FLEXCOST", mul(num(3000), num(7))) } },
        { Example: "Example", Kind: "Complex", Share: 0.1, Actions: 14, "Flex cost": { formula: awu("FLEXCOST", mul(num(1000), num(14))) } },
      ],
      exampleRows: 3,
      totalRow: true,
    }),
    (anchor): CellBlock => ({
      kind: "cells",
      anchor,
      heading: "Return",
      cells: [
        output("Actions from the mix", "MixActions", awu("MIXACTIONS", num(10000), wholeCol("Mix", "Share"), wholeCol("Mix", "Actions")), "count"),
        output("Human cost per case", "HumanCost", awu("HUMANCOST"), "usd"),
        output("Blended cost per case", "Blended", awu("BLENDED", num(8.37), num(2), num(0.6), num(0.2)), "usd"),
        output("Break-even resolution", "Breakeven", awu("BREAKEVEN", num(8.37), num(2)), "percent"),
        output("No break-even", "NoBreakeven", awu("BREAKEVEN", num(2), num(8.37)), "percent"),
        output("Payback", "Payback", awu("PAYBACK", num(250000), num(100000), num(8.37), num(2), num(0.6), num(0.2)), "months"),
        output("No payback", "NoPayback", awu("PAYBACK", num(250000), num(100000), num(2), num(8.37), num(0.6)), "months"),
        output("Build vs buy", "BuildVsBuy", awu("BUILDVSBUY", num(500000), num(2), num(0.05)), "count"),
        output("All-in per outcome", "AllIn", awu("ALLIN", num(0.1), num(2), num(40), num(0.8), num(0.25)), "usd"),
        output("Crossover", "Crossover", awu("CROSSOVER"), "decimal"),
        output("Seat break-even", "SeatBreakeven", awu("SEATBREAKEVEN"), "count"),
        output("Refused: negative actions", "Refused", awu("FLEXCOST", num(-1)), "usd"),
      ],
    }),
    (anchor): GridBlock => {
      const corner = parseAddress(offset(anchor, 1, 0));
      const rows = [0.4, 0.6, 0.8];
      const columns = [0, 0.2];
      return {
        kind: "grid",
        anchor,
        heading: "Blended cost: resolution (rows) × savings (columns)",
        corner: "R \\ S",
        rowValues: rows,
        columnValues: columns,
        rowFormat: "percent",
        columnFormat: "percent",
        cellFormat: "usd",
        formulas: rows.map((_, i) =>
          columns.map((__, j) =>
            awu(
              "BLENDED",
              num(8.37),
              num(2),
              ref(FIXTURE_SHEETS.model, address({ row: corner.row + 1 + i, column: corner.column }, { column: true })),
              ref(FIXTURE_SHEETS.model, address({ row: corner.row, column: corner.column + 1 + j }, { row: true })),
            ),
          ),
        ),
      };
    },
  ]) as [CellBlock, TableBlock, CellBlock, GridBlock];

  const chart: ChartBlock = {
    kind: "chart",
    title: "Flex cost by kind",
    type: "column",
    from: "J4",
    to: "P18",
    categories: tableColumnRange(mix, "Kind"),
    values: tableColumnRange(mix, "Flex cost"),
    seriesName: "Flex cost",
  };
  const model: SheetSpec = {
    name: FIXTURE_SHEETS.model,
    purpose: "Every block kind and the worked figures.",
    tabColor: "70AD47",
    columnWidths: [30, 14, 14, 12, 12, 12, 12],
    blocks: [prices, mix, roi, grid, chart],
    conditionalFormats: [],
  };

  // Set when the thresholds block is placed; the Usage table's Alert column reads it.
  let thresholdRange = "";
  const [wallet, thresholds, usage] = stack<CellBlock | TableBlock>([
    (anchor): CellBlock => ({
      kind: "cells",
      anchor,
      heading: "Wallet",
      cells: [
        input("Allocation", "Allocation", 12000000, "count", { validation: { kind: "decimal", min: 0, prompt: "Credits." } }),
        input("Consumed", "Consumed", 7000000, "count"),
        input("Start", "StartDate", 46349, "date"),
        output("Used", "UsedShare", div(name("Consumed"), name("Allocation")), "percent"),
        output("Alert", "Alert", awu("ALERT", name("Consumed"), name("Allocation")), "text"),
        output("Depletion, constant burn", "DepletionConstant", awu("DEPLETION", num(5000000), num(40000), name("StartDate")), "date"),
        // A usage history's trend: no native formula.
        output("Depletion, trend", "DepletionTrend", awu("DEPLETION", num(2000000), wholeCol("Usage", "Credits"), name("StartDate")), "date"),
        output("Commitment", "Commitment", awu("COMMIT", wholeCol("Usage", "Credits")), "count"),
        output("Alert, thresholds from a table column", "AlertFromColumn", awu("ALERT", name("Consumed"), name("Allocation"), wholeCol("Usage", "Threshold")), "text"),
      ],
    }),
    (anchor): CellBlock => {
      const block: CellBlock = {
        kind: "cells",
        anchor,
        heading: "Team thresholds",
        cells: [input("Review", "ThresholdReview", 0.8, "percent"), input("Over", "ThresholdOver", 1, "percent"), input("Escalate", "ThresholdEscalate", 1.2, "percent")],
      };
      thresholdRange = `${absolute(valueCell(block, 0))}:${absolute(valueCell(block, 2))}`;
      return block;
    },
    (anchor): TableBlock => ({
      kind: "table",
      name: "Usage",
      anchor,
      heading: "Usage by team",
      columns: [
        { header: "Team", kind: "input", format: "text", total: "label" },
        { header: "Budget", kind: "input", format: "count", total: "sum" },
        { header: "Credits", kind: "input", format: "count", total: "sum" },
        { header: "Used", kind: "formula", format: "percent", formula: div(col("Usage", "Credits"), col("Usage", "Budget")) },
        { header: "Alert", kind: "formula", format: "text", formula: awu("ALERT", col("Usage", "Credits"), col("Usage", "Budget"), ref(FIXTURE_SHEETS.wallet, thresholdRange)) },
        { header: "Threshold", kind: "input", format: "percent" },
      ],
      rows: [
        { Team: "Sales", Budget: 6000000, Credits: 4200000, Threshold: 0.5 },
        { Team: "Service", Budget: 4000000, Credits: 3300000, Threshold: 0.75 },
        { Team: "Marketing", Budget: 2000000, Credits: 2500000, Threshold: 0.9 },
      ],
      exampleRows: 0,
      totalRow: true,
    }),
  ]) as [CellBlock, CellBlock, TableBlock];
  const used = absolute(valueCell(wallet, 3));
  const teamUsed = tableColumnRange(usage, "Used");
  const firstTeamUsed = address(parseAddress(teamUsed.split(":")[0] ?? ""), { column: true });
  const light = (share: Expr, red: Expr, amber: Expr) => [
    { when: ge(share, red), fill: "F8CBAD", font: "9C0006" },
    { when: ge(share, amber), fill: "FFE699", font: "7F6000" },
    { when: ge(share, num(0)), fill: "C6EFCE", font: "006100" },
  ];
  const walletSheet: SheetSpec = {
    name: FIXTURE_SHEETS.wallet,
    purpose: "The wallet, team budgets and their traffic lights.",
    tabColor: "A5A5A5",
    columnWidths: [28, 16, 16, 12, 12],
    blocks: [wallet, thresholds, usage],
    conditionalFormats: [
      { range: used, rules: light(ref(FIXTURE_SHEETS.wallet, used), num(0.9), num(0.75)) },
      { range: teamUsed, rules: light(ref(FIXTURE_SHEETS.wallet, firstTeamUsed), name("ThresholdOver"), add(name("ThresholdReview"), num(0))) },
    ],
  };
  // Every native function the template may use, so a spreadsheet engine can check the evaluator's.
  const credits = wholeCol("Usage", "Credits");
  const natives: SheetSpec = {
    name: FIXTURE_SHEETS.natives,
    purpose: "Native functions, computed by the evaluator and by the spreadsheet.",
    tabColor: "7030A0",
    columnWidths: [30, 16],
    blocks: [
      {
        kind: "cells",
        anchor: "A4",
        heading: "Natives",
        cells: [
          output("SUMIFS", "NSumIfs", call("SUMIFS", credits, wholeCol("Usage", "Budget"), str(">=4000000")), "count"),
          output("COUNTIFS", "NCountIfs", call("COUNTIFS", wholeCol("Usage", "Team"), str("s*"), credits, str("<>0")), "count"),
          output("COUNTIFS text", "NCountIfsText", call("COUNTIFS", wholeCol("Usage", "Team"), str("Sales")), "count"),
          output("INDEX/MATCH", "NIndexMatch", call("INDEX", credits, call("MATCH", str("service"), wholeCol("Usage", "Team"), num(0))), "count"),
          output("MATCH ascending", "NMatch", call("MATCH", num(0.8), wholeCol("Usage", "Threshold")), "count"),
          output("ROUND", "NRound", call("ROUND", num(2.345), num(2)), "decimal"),
          output("ROUND negative", "NRoundNegative", call("ROUND", neg(num(2.5)), num(0)), "decimal"),
          output("ROUNDUP", "NRoundUp", call("ROUNDUP", num(2.301), num(1)), "decimal"),
          output("CEILING", "NCeiling", call("CEILING", num(7.2), num(0.5)), "decimal"),
          output("SQRT, EXP, LN", "NMaths", add(add(call("SQRT", num(2)), call("EXP", num(1))), call("LN", num(10))), "general"),
          output("NORM.S.INV", "NNormSInv", call("NORM.S.INV", num(0.25)), "general"),
          output("NORM.INV", "NNormInv", call("NORM.INV", num(0.3), num(100), num(15)), "general"),
          output("NORM.S.DIST", "NNormSDist", call("NORM.S.DIST", num(1.3), bool(true)), "general"),
          output("NORM.S.DIST far", "NNormSDistFar", call("NORM.S.DIST", neg(num(4.2)), bool(true)), "general"),
          output("NORM.S.DIST density", "NNormSDensity", call("NORM.S.DIST", num(0.5), bool(false)), "general"),
          output("TEXT percent", "NTextPercent", call("TEXT", num(0.4567), str("0.0%")), "text"),
          output("TEXT thousands", "NTextThousands", call("TEXT", num(1234567.891), str("#,##0.00")), "text"),
          output("TEXT date", "NTextDate", call("TEXT", num(46349), str("yyyy-mm-dd")), "text"),
          output("ISNUMBER, ISBLANK", "NIs", call("AND", call("ISNUMBER", name("Allocation")), call("NOT", call("ISBLANK", name("Allocation")))), "general"),
          output("ROWS, COUNT, COUNTA", "NCounts", add(add(call("ROWS", credits), call("COUNT", wholeCol("Usage", "Team"))), call("COUNTA", wholeCol("Usage", "Team"))), "count"),
          output("AVERAGE, MIN, MAX", "NStats", add(add(call("AVERAGE", credits), call("MIN", credits)), call("MAX", credits)), "count"),
          output("SLOPE", "NSlope", call("SLOPE", credits, wholeCol("Usage", "Budget")), "general"),
          output("INTERCEPT", "NIntercept", call("INTERCEPT", credits, wholeCol("Usage", "Budget")), "general"),
          output("IFERROR", "NIfError", call("IFERROR", div(num(1), num(0)), str("none")), "text"),
          output("OR, comparisons", "NLogic", call("OR", lt(str("apple"), str("Banana")), eq(num(1), bool(true))), "general"),
          output("Power, percent, text", "NOperators", concat(pow(num(2), num(10)), concat(str(" / "), { op: "percent", arg: num(50) })), "text"),
          output("SUMPRODUCT", "NSumProduct", call("SUMPRODUCT", credits, wholeCol("Usage", "Threshold")), "general"),
          // The ledger's forms: array arithmetic inside SUMPRODUCT, INT over a range, MEDIAN, MAXIFS (none matching gives 0).
          output(
            "SUMPRODUCT of arrays",
            "NSumProductArrays",
            call("SUMPRODUCT", mul(mul(ge(credits, num(3000000)), wholeCol("Usage", "Budget")), sub(call("INT", div(credits, num(1000000))), num(1)))),
            "general",
          ),
          output("INT negative", "NInt", call("INT", neg(num(2.5))), "general"),
          output("MEDIAN even", "NMedian", call("MEDIAN", credits, num(0)), "general"),
          output("MAXIFS", "NMaxIfs", call("MAXIFS", credits, wholeCol("Usage", "Team"), str("<>Sales"), credits, concat(str("<"), num(3000000))), "general"),
          output("MAXIFS none", "NMaxIfsNone", call("MAXIFS", credits, wholeCol("Usage", "Team"), str("Nobody")), "general"),
          // Names matched exactly: S* is no team, "sales" is Sales (any case), as the ledger's summaries match names.
          output("SUBSTITUTE", "NSubstitute", concat(concat(call("SUBSTITUTE", str("a~b*c~"), str("~"), str("~~")), str("|")), call("SUBSTITUTE", str("a-b-c"), str("-"), str("+"), num(2))), "text"),
          output("COUNTIFS, exactly", "NCountIfsExactly", add(call("COUNTIFS", wholeCol("Usage", "Team"), exactly(str("S*"))), mul(num(10), call("COUNTIFS", wholeCol("Usage", "Team"), exactly(str("sales"))))), "count"),
          output(
            "MATCH, exactly",
            "NMatchExactly",
            add(call("IFERROR", call("MATCH", literalPattern(str("S*")), wholeCol("Usage", "Team"), num(0)), num(0)), mul(num(10), call("MATCH", literalPattern(str("service")), wholeCol("Usage", "Team"), num(0)))),
            "count",
          ),
        ],
      },
    ],
    conditionalFormats: [],
  };
  return { version: "fixture-1", formats: FORMATS, sheets: [model, walletSheet, natives] };
}
