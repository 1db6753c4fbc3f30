/**
 * Importing a usage log into the verified outcome ledger (issue 4, part 1): read a CSV or
 * .xlsx, map its columns once, normalise each row into a LedgerRecord or a reject with its
 * reason, skip rows the ledger already has, and append to the workbook with a stamp.
 * The .xlsx reader (exceljs) is not exported here: load.ts imports it on demand.
 */
export { FIELD_DEFAULTS, FIELD_SPECS, LEDGER_FIELDS, headerKey, type FieldKind, type FieldSpec, type LedgerField } from "./fields";
export { STATUS_SYNONYMS, detectDecimal, parseBoolean, parseNumber, parseStatus, type Cell, type DecimalMark } from "./values";
export { detectDateOrder, parseTimestamp, type DateOrder, type DateOrderSetting } from "./timestamps";
export {
  DELIMITERS,
  ENCODINGS,
  NOT_UTF8_SHOWN,
  decodeText,
  guessDelimiter,
  isEncodingSetting,
  readCsv,
  sniffUtf16,
  tableOf,
  type Decoded,
  type Delimiter,
  type Encoding,
  type EncodingSetting,
  type NotUtf8,
  type SourceRow,
  type SourceTable,
} from "./source";
export { fnv1a64, sha256Hex } from "./sha256";
export { MAPPING_VERSION, headerSignature, parseMapping, pickMapping, proposeMapping, serialiseMapping, type ColumnMapping, type Proposal } from "./mapping";
export {
  contentOf,
  importTable,
  inspectTable,
  mappingProblem,
  readSettings,
  type ImportCounts,
  type ImportRefused,
  type ImportResult,
  type Inspection,
  type ReadSettings,
  type RejectedRow,
} from "./importer";
export type { SheetChoice } from "./xlsx";
export { AGGREGATE_ABOVE_ROWS, AGGREGATE_SETTINGS, DailyAggregator, aggregateDaily, aggregateReason, isAggregateSetting, type AggregateReason, type AggregateSetting, type Aggregated } from "./aggregate";
export { KEYS_PER_CELL, PACKED_KEY_CHARS, PACKED_PREFIX, PackedKeys, packedHash, packedKey, unpackCells, type RawKeysCell } from "./raw-keys";
export { HEADLESS_MAX_LOG_BYTES, MAX_LOG_BYTES, loadLog, type Decoding, type LoadOptions, type LoadedLog, type LogFile } from "./load";
export {
  columnFormulas,
  importIntoWorkbook,
  importPlannedIntoWorkbook,
  planWrite,
  readLedgerState,
  readPeriodRows,
  recordFromRow,
  writeImport,
  type ImportOptions,
  type ImportOutcome,
  type ImportPlanner,
  type ImportStep,
  type ColumnFormula,
  type LedgerState,
} from "./into-workbook";
export {
  EXCEL_ROWS,
  READ_AS_COLUMN,
  holdingAfter,
  ledgerRow,
  newSummaryValues,
  planImport,
  readRecord,
  readingNotes,
  rejectRow,
  tableFor,
  type ReadRecord,
  type RowsLeft,
  type ImportPlan,
  type ImportStamp,
  type LedgerCell,
  type LedgerHolding,
  type ListedSummary,
  type PlanOptions,
  type RepeatedPeriod,
} from "./plan";
export { PERIOD_SETTINGS, isPeriodSetting, replacementOf, settlePeriods, withReplacement, type HeldLedgerRow, type PeriodSetting, type Replacement } from "./periods";
export { MAX_SAVED, loadMapping, loadMappings, mappingsFromSetting, saveMapping, settingWith } from "./settings";
export { LEDGER_WORKBOOK, LEDGER_COLUMNS, REJECT_COLUMNS, IMPORT_COLUMNS, RAW_KEY_COLUMNS, type LedgerTableSpec } from "../template/sheets/ledger-tables";
