/**
 * The import's words, made in one place from {code, …facts}: each code has its sentence, the
 * pane's dispatcher sends every import refusal to it, and text from the file is quoted clipped
 * (a reason is written into a cell, which holds 32,767 characters).
 */
import {
  importNoteMessage,
  importRefusalMessage,
  isImportRefusal,
  rejectReasonMessage,
  rejectReasonsMessage,
  type ImportRefusal,
  type RejectReason,
} from "../../src/messages/import";
import { refusalMessage } from "../../src/messages/refusals";
import { EXCEL_CELL_LIMITS } from "../../src/excel/literals";
import { EXPORT_SHAPES } from "../../src/import/shapes";

const REFUSALS: readonly ImportRefusal[] = [
  { code: "empty" },
  { code: "unreadable", format: "xls", detail: "" },
  { code: "unreadable", format: "xlsx", detail: "End of data reached" },
  { code: "fileTooLarge", bytes: 62_345_678, limit: 50_000_000 },
  { code: "tooManyCells", cells: 2_000_001, limit: 2_000_000 },
  { code: "sheetTooWide", sheet: "Log", lastCell: "XFD1048576", columns: 16_384, limit: 1_024 },
  { code: "unmappedRequired", fields: ["timestamp", "units"] },
  { code: "missingColumn", header: "Team", field: "team" },
  { code: "sameColumnTwice", header: "credits", fields: ["units", "reviewMinutes"] },
  { code: "alreadyImported", file: "usage.csv", at: 46349 + 9.5 / 24, importNumber: 3 },
  { code: "sheetWithoutTable", sheet: "Ledger Rows", table: "Ledger" },
  { code: "missingColumns", table: "Ledger", columns: ["Key"] },
  { code: "noMappingFits", given: 2, headers: ["When", "Credits"] },
  { code: "noSuchSheet", sheet: "Usage", sheets: ["Notes", "Log"] },
  { code: "tooManyRows", table: "Ledger", lastRow: 1_050_001, adding: 60_000, limit: 1_048_576 },
];

test("every import refusal is dispatched by the pane's one refusalMessage to the import's words", () => {
  for (const problem of REFUSALS) {
    expect(isImportRefusal(problem)).toBe(true);
    expect(refusalMessage(problem)).toBe(importRefusalMessage(problem));
  }
  expect(isImportRefusal({ code: "excelRefused" })).toBe(false);
  expect(isImportRefusal({ code: "protectedSheets" })).toBe(false);
});

test("refusals say what happened and what to do, with their facts", () => {
  const words = Object.fromEntries(REFUSALS.map((r) => [`${r.code}${"format" in r ? `:${r.format}` : ""}`, importRefusalMessage(r)]));
  expect(words).toEqual({
    empty: "The file is empty: it has no header row.",
    "unreadable:xls": "The file could not be read as a spreadsheet (the old .xls format). Save it as CSV (UTF-8) or .xlsx and try again.",
    "unreadable:xlsx": "The file could not be read as .xlsx (End of data reached). Save it as CSV (UTF-8) or .xlsx and try again.",
    fileTooLarge: "The file is 62.3 MB; the importer reads logs up to 50 MB at a time. Split the log by date and import each part (rows already imported are skipped).",
    tooManyCells: "The workbook holds more than 2,000,000 cells, more than the importer reads at a time. Keep only the log's sheet and columns, or split the log by date, and import each part.",
    sheetTooWide: 'The sheet "Log" has a value in XFD1048576, column 16,384; the importer reads at most 1,024 columns. Delete what lies to the right of the log, or copy the log to a new workbook, and import again.',
    unmappedRequired: "Map a column of the file to the timestamp and units (credits): every row needs them.",
    missingColumn: 'The file has no column "Team", which the mapping uses for the team. Map the team to one of the file\'s columns.',
    sameColumnTwice: 'The column "credits" is mapped to both the units (credits) and human review minutes. Map each field to its own column.',
    alreadyImported:
      'This file\'s content was already imported (as "usage.csv", import 3, 2026-11-23 09:30). Nothing was added. To import it again, for example with a corrected column mapping, first delete the Ledger rows of import 3, then choose "Import anyway".',
    sheetWithoutTable: 'The sheet "Ledger Rows" exists but has no table "Ledger", and the import won\'t write over what the sheet holds. Rename the sheet, or give the table its name back.',
    missingColumns: 'The table "Ledger" has no column "Key". Give it its name back and import again; nothing was written.',
    noMappingFits: 'None of the 2 column mappings given fits this file\'s columns ("When" and "Credits"). Save a mapping for these columns in the pane, or leave out --mapping to use the proposed one.',
    noSuchSheet: 'The workbook has no sheet "Usage"; its sheets are "Notes" and "Log". Choose one of them.',
    tooManyRows:
      'The import would take the table "Ledger" to row 1,050,001 of its sheet, past the 1,048,576 rows an Excel sheet holds (it brings 60,000 rows). Nothing was written. Aggregate the log before importing it (one row per day, agent, job, action type, status and team, with the units summed), or start a new workbook for the next period.',
  });
});

test("reasons read as before the move to data: one sentence each, a row's joined by a space", () => {
  const reasons: RejectReason[] = [
    { code: "negative", header: "Credits Consumed", text: "-1" },
    { code: "notAStatus", header: "Outcome", text: "nope" },
  ];
  expect(rejectReasonsMessage(reasons)).toBe(
    '"Credits Consumed" is negative (-1); units, costs, tokens and review minutes can\'t be below zero. Enter a refund or correction as its own adjustment. "nope" in "Outcome" is not an outcome status the importer knows. Use attempted, succeeded, validated or failed, or a synonym such as ok, success, accepted or error.',
  );
  expect(rejectReasonMessage({ code: "ambiguousDate", header: "When", text: "11/03/2026", dayFirstMs: Date.UTC(2026, 2, 11), monthFirstMs: Date.UTC(2026, 10, 3) })).toBe(
    '"11/03/2026" in "When" could be 11 March 2026 or 3 November 2026, and nothing in the file decides which. Choose day-first or month-first in the column mapping and import again.',
  );
  expect(rejectReasonMessage({ code: "blankRequired", header: "Credits", field: "units" })).toBe('"Credits" is blank, and every row needs its units (credits).');
  expect(rejectReasonMessage({ code: "textTooLong", header: "Job", length: 40_000, limit: EXCEL_CELL_LIMITS.textLength })).toBe(
    '"Job" holds 40,000 characters, more than the 32,767 an Excel cell holds. Shorten it in the log and import again.',
  );
});

test("text from the file is quoted clipped, so a reason always fits its cell", () => {
  const long = "9".repeat(40_000);
  const reason = rejectReasonMessage({ code: "notANumber", header: "H".repeat(40_000), text: long, decimal: "." });
  expect(reason.length).toBeLessThan(400);
  expect(reason).toMatch(/^"9{79}…" in "H{79}…" is not a number/);
});

test("notes and questions in words", () => {
  expect(importNoteMessage({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 })).toBe(
    "Read 16 rows: 7 added to the ledger, 9 rejected (see the Rejects table for each row and why), 0 skipped as already in the ledger.",
  );
  expect(importNoteMessage({ code: "blankLines", count: 1 })).toBe("1 blank line in the file was skipped.");
  expect(importNoteMessage({ code: "preamble", lines: [1, 2], headerLine: 4 })).toBe(
    "Lines 1 and 2 above the header (line 4) were taken for a title and skipped. If the header is elsewhere, remove the lines above it and import again.",
  );
  expect(importNoteMessage({ code: "dateOrderNeeded", ambiguous: 2 })).toBe("2 dates in the file could be read day-first or month-first. Choose the order in the column mapping before importing.");
  expect(importNoteMessage({ code: "decimalGuessed", decimal: "," })).toMatch(/^Nothing in the file shows its decimal mark, so "," was assumed/);
});

test("reading the file: its encoding and separator, its sheet, and bytes that are not UTF-8, in words", () => {
  expect(rejectReasonMessage({ code: "notUtf8", count: 2, offset: 1_234 })).toBe(
    "The row holds 2 bytes that are not UTF-8 (the first is byte 1,234 of the file), so its text can't be read for certain. Correct the file, or choose its encoding, and import again.",
  );
  expect(importNoteMessage({ code: "readAs", encoding: "utf-16le", by: "bom", delimiter: "\t" })).toBe(
    "Read as UTF-16 LE (Excel's Unicode text) (its byte-order mark says so), values separated by tabs.",
  );
  expect(importNoteMessage({ code: "readAs", encoding: "utf-16be", by: "content", delimiter: "|" })).toBe("Read as UTF-16 BE, values separated by bars (|).");
  expect(importNoteMessage({ code: "sheetChosen", sheet: "Usage", position: 2, sheets: 3, by: "header" })).toBe(
    'Read the sheet "Usage" (sheet 2 of 3): the first with a header the importer recognises (a timestamp and a units column). Choose another sheet if the log is elsewhere.',
  );
  expect(importNoteMessage({ code: "notUtf8", count: 1, at: [{ offset: 101, line: 3 }], readAs: "utf-8", rows: 1 })).toMatch(/^1 byte in the file is not UTF-8 \(line 3 byte 101\)\. The file was read as UTF-8/);
  expect(importNoteMessage({ code: "notUtf8", count: 2, at: [{ offset: 5, line: 1 }, { offset: 9, line: 2 }], readAs: "windows-1252", rows: 0 })).toMatch(
    /^2 bytes in the file are not UTF-8 \(line 1 byte 5, line 2 byte 9\)\. Most of its accented characters are not UTF-8, so it was read as Windows-1252/,
  );
});

test("a recognised export shape is named in the note, for every shape the importer knows", () => {
  expect(importNoteMessage({ code: "shapeRecognised", shape: "litellm-daily-team-spend", name: "LiteLLM daily team spend (LiteLLM_DailyTeamSpend)" })).toBe(
    "Recognised as LiteLLM daily team spend (LiteLLM_DailyTeamSpend): the column mapping was proposed from that export's own column names. Check it if the file is something else.",
  );
  for (const shape of EXPORT_SHAPES) expect(importNoteMessage({ code: "shapeRecognised", shape: shape.key, name: shape.name })).toContain(`Recognised as ${shape.name}: `);
});

test("vendors' exports (issue 11): counts that are not counts, status counts that do not fit, unpriced tokens and likely duplicates, in words", () => {
  expect(rejectReasonMessage({ code: "notACount", header: "Requests", text: "2.5", least: 1 })).toBe('"2.5" in "Requests" is not a count of actions: use a whole number of at least 1.');
  expect(rejectReasonMessage({ code: "statusCounts", count: 10, succeeded: 8, failed: 3, validated: 0 })).toBe(
    "The row's 8 succeeded and 3 failed add up to more than its count of 10 actions. Check which columns are mapped to the counts.",
  );
  expect(importNoteMessage({ code: "tokensUnpriced", rows: 1, models: ["in-house"] })).toBe(
    '1 row with tokens has no model the token prices know ("in-house"), so its cost is priced by its units under the workbook\'s pricing model. Map the model column, or map a cost column, to price them.',
  );
  expect(importNoteMessage({ code: "likelyDuplicates", rows: 3, imports: [1, 2] })).toMatch(/^3 rows added have the same time, job and units as rows of imports 1 and 2: likely the same actions from another export\./);
});
