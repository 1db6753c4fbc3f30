/**
 * The Office.js writer: builds the template description into the open workbook, refreshes
 * the scenarios, checks and repairs the template's parts, and keeps the rate card in step
 * with the built-in card. It holds no layout of its own: everything comes from the
 * description (template.ts) and the block geometry (layout.ts).
 */
export { inspectWorkbook, sheetOfReference, type ExistingName, type WorkbookReport } from "../writers/office/inspect";
export { buildInWorkbook, planBuild, runBuild, type BuildChoice, type BuildOptions, type BuildProgress, type BuildResult, type Built } from "../writers/office/build";
export { excelRunner, refusalOf, Refusal, runTask, type ExcelRunner, type Outcome } from "../../excel/run";
export { refreshScenarios, scenarioCellContent, STAMP_NAMES, type RefreshOptions, type RefreshResult, type ScenarioCell, type ScenarioCompute } from "./refresh";
export { checkWorkbook, repair, type Repaired, type TemplateDefect } from "../writers/office/check";
export { applyRateCard, builtInRateRows, compareRateCard, diffRateCard, rateCardStamp, RATE_CARD_COLUMNS, type RateCardDiff, type RateRow } from "./ratecard";
export { freeCopyNumber, inventory, NO_RENAMES, renameDescription, renameExpr, suffixRenames, type Inventory, type RenameMap } from "../writers/office/inventory";
export { DEFAULT_BUDGET_BYTES, REQUEST_LIMIT_BYTES, jsonBytes } from "../../excel/batch";
export { tableBodyRow, totalRow, cellBlockBody, gridBody, tableAddress, bodyAddress } from "../writers/office/write";
export { formulaText, validationRule, widthInPoints } from "../writers/office/format";
export { textContent } from "../../excel/literals";
