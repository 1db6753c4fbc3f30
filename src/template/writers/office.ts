/**
 * The Office.js writer: builds the template description into the open workbook, refreshes
 * the scenarios, checks and repairs the template's parts, and keeps the rate card in step
 * with the built-in card. It holds no layout of its own: everything comes from the
 * description (template.ts) and the block geometry (layout.ts).
 */
export { inspectWorkbook, sheetOfReference, type ExistingName, type WorkbookReport } from "./office/inspect";
export { buildTemplate, planBuild, TemplateRefusal, type BuildChoice, type BuildOptions, type BuildProgress, type BuildResult, type RefusalReason } from "./office/build";
export { excelRunner, explainError, runBuild, runTask, type ExcelRunner, type Outcome } from "./office/run";
export { refreshScenarios, STAMP_NAMES, type RefreshOptions, type RefreshResult, type ScenarioCompute } from "./office/refresh";
export { checkWorkbook, repair, type Problem } from "./office/check";
export { applyRateCard, builtInRateRows, compareRateCard, diffRateCard, RATE_CARD_COLUMNS, type RateCardDiff, type RateRow } from "./office/ratecard";
export { freeCopyNumber, inventory, NO_RENAMES, renameDescription, renameExpr, suffixRenames, type Inventory, type RenameMap } from "./office/inventory";
export { DEFAULT_BUDGET_BYTES, REQUEST_LIMIT_BYTES, jsonBytes } from "./office/batch";
export { tableBodyRow, totalRow, cellBlockBody, gridBody, tableAddress, bodyAddress } from "./office/write";
export { formulaText, textContent, validationRule, widthInPoints } from "./office/cells";
