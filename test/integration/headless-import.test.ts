/**
 * The headless import's written workbook, recalculated by LibreOffice: each of the import's
 * defect inputs behaves as stated in the file a person opens (names with wildcards and
 * operators summed exactly, text that looks like a formula kept as text, numbers beyond Excel
 * and over-long text rejected with their reason), the audit reconciles, every formula cell
 * agrees with the evaluator, and a hostile .xlsx stops the command with nothing written.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { groupKey } from "../../src/engine";
import { importLogs } from "../../src/import/headless";
import { EXCEL_CELL_LIMITS } from "../../src/excel/literals";
import { IMPORT_MESSAGES, importRefusalMessage, rejectReasonMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { TABLES } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { portableDescription } from "../../src/template/render/live";
import { columnValues, disagreements, recalculate, tableOf, type RecalculatedBook } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");
const NOW = new Date(2026, 10, 23, 9, 30);
const HEADER = "timestamp,agent,job,action,credits,status,escalated,rerun,review_minutes,team";
const LONG_JOB = "x".repeat(40_000);

/** Every defect input in one log, beside ordinary rows: line numbers follow the header (line 1). */
const LOG = [
  HEADER,
  "2026-11-03 09:00,Scout,Research,search,10,validated,no,no,1,Sales", // 2: ordinary
  "2026-11-03 09:05,Scout,a*,search,7,validated,no,no,0,*", // 3: wildcards in job and team
  "2026-11-03 09:10,Closer,?,send,5,failed,no,yes,0,<5", // 4: ? and a leading <
  '2026-11-03 09:15,@mention,=SUM(A1),"+1 call",3,succeeded,yes,no,2,=b', // 5: text Excel would read as a formula
  "2026-11-03 09:20,Scout,Research,search,1e400,validated,no,no,0,Sales", // 6: beyond Excel (Infinity)
  "2026-11-03 09:25,Scout,Research,search,1e308,validated,no,no,0,Sales", // 7: beyond Excel's 9.99999999999999E+307
  `2026-11-03 09:30,Scout,${LONG_JOB},search,2,validated,no,no,0,Sales`, // 8: more text than a cell holds
  "2026-11-03 09:35,~,>a,search,4,validated,no,no,0,~", // 9: ~ and a leading >
].join("\n");

/** Credits of the accepted rows by a field's value, as the engine groups them. */
const ACCEPTED = [
  { agent: "Scout", job: "Research", team: "Sales", actionType: "search", units: 10 },
  { agent: "Scout", job: "a*", team: "*", actionType: "search", units: 7 },
  { agent: "Closer", job: "?", team: "<5", actionType: "send", units: 5 },
  { agent: "@mention", job: "=SUM(A1)", team: "=b", actionType: "+1 call", units: 3 },
  { agent: "~", job: ">a", team: "~", actionType: "search", units: 4 },
];

let description: TemplateDescription;
let book: RecalculatedBook;
/** The example workbook after two real-shaped logs: summaries, team budgets and loops grow below the examples. */
let grown: TemplateDescription;
let grownBook: RecalculatedBook;

beforeAll(async () => {
  const outcome = await importLogs({ examples: false, asOf: "2026-11-23" }, [{ name: "awkward.csv", bytes: new TextEncoder().encode(LOG) }], { mappings: [], now: NOW });
  if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
  description = outcome.description;
  const fixtures = ["vendor-export.csv", "team-log.tsv"].map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, "test/import/fixtures", name))) }));
  const examples = await importLogs({ examples: true, asOf: "2026-11-23" }, fixtures, { mappings: [], now: NOW });
  if (!examples.ok) throw new Error(importRefusalMessage(examples.problem));
  grown = examples.description;
  const books = await recalculate({
    awkward: await writeWorkbook(description, { portable: true, cachedResults: false }),
    grown: await writeWorkbook(grown, { portable: true, cachedResults: false }),
  });
  book = books.awkward as RecalculatedBook;
  grownBook = books.grown as RecalculatedBook;
});

const value = (name: string): unknown => {
  const { sheet, address } = named(description, name);
  return book.value(sheet, address);
};

test("the accepted rows are in the Ledger as written, text that looks like a formula kept as text", () => {
  expect(columnValues(book, description, LEDGER_WORKBOOK.ledger.table, "Agent")).toEqual(ACCEPTED.map((r) => r.agent));
  expect(columnValues(book, description, LEDGER_WORKBOOK.ledger.table, "Job")).toEqual(ACCEPTED.map((r) => r.job));
  expect(columnValues(book, description, LEDGER_WORKBOOK.ledger.table, "Action type")).toEqual(ACCEPTED.map((r) => r.actionType));
  expect(columnValues(book, description, LEDGER_WORKBOOK.ledger.table, "Units")).toEqual(ACCEPTED.map((r) => r.units));
});

test("numbers beyond Excel and text longer than a cell are rejected with their reason; nothing else is", () => {
  expect(columnValues(book, description, LEDGER_WORKBOOK.rejects.table, "Source row")).toEqual([6, 7, 8]);
  const limit = EXCEL_CELL_LIMITS.largestNumber;
  expect(columnValues(book, description, LEDGER_WORKBOOK.rejects.table, "Reason")).toEqual([
    rejectReasonMessage({ code: "beyondExcel", header: "credits", text: "1e400", limit }),
    rejectReasonMessage({ code: "beyondExcel", header: "credits", text: "1e308", limit }),
    rejectReasonMessage({ code: "textTooLong", header: "job", length: 40_000, limit: EXCEL_CELL_LIMITS.textLength }),
  ]);
  expect(columnValues(book, description, LEDGER_WORKBOOK.imports.table, "Accepted")).toEqual([5]);
  expect(columnValues(book, description, LEDGER_WORKBOOK.imports.table, "Rejected")).toEqual([3]);
});

test("names with wildcards and operators are summed exactly in every summary, and the audit reconciles", () => {
  const expected = (field: "agent" | "job" | "team" | "actionType"): Map<string, number> => {
    const sums = new Map<string, number>();
    for (const r of ACCEPTED) sums.set(groupKey(r[field]), (sums.get(groupKey(r[field])) ?? 0) + r.units);
    return sums;
  };
  const summaries = [
    [TABLES.ledgerSummary, "Job", "job"],
    [TABLES.ledgerByAgent, "Agent", "agent"],
    [TABLES.ledgerByTeam, "Team", "team"],
    [TABLES.ledgerByActionType, "Action type", "actionType"],
  ] as const;
  for (const [table, key, field] of summaries) {
    const names = columnValues(book, description, table, key);
    const units = columnValues(book, description, table, "Units attempted");
    const got = new Map(names.map((n, i) => [groupKey(String(n)), units[i]]));
    expect([table, got]).toEqual([table, expected(field)]);
  }
  expect(value("LedgerReconciled")).toBe("Yes");
  for (const name of ["LedgerUnitsUnlistedActionTypes", "LedgerUnitsUnlistedAgents", "LedgerUnitsUnlistedTeams"]) expect([name, value(name)]).toEqual([name, 0]);
  expect(value("LedgerUnits")).toBe(29);
});

test("every formula cell of the written file agrees with the evaluator, and none is an error LibreOffice alone sees", () => {
  expect(disagreements(book, portableDescription(description))).toEqual([]);
  // The check covers the sheets the import filled.
  expect(tableOf(description, TABLES.ledgerByTeam).block.rows).toHaveLength(5);
});

test("the example workbook with two logs imported: the grown summaries reconcile and every formula agrees", () => {
  const at = (name: string): unknown => {
    const { sheet, address } = named(grown, name);
    return grownBook.value(sheet, address);
  };
  expect(disagreements(grownBook, portableDescription(grown))).toEqual([]);
  expect(at("LedgerReconciled")).toBe("Yes");
  // vendor-export.csv has no team column: its rows have no team, and no team row can list a blank, so the audit leaves them out.
  const blankTeamUnits = tableOf(grown, LEDGER_WORKBOOK.ledger.table).block.rows.filter((r) => r.Team === "").reduce((sum, r) => sum + Number(r.Units), 0);
  expect(blankTeamUnits).toBeGreaterThan(0);
  for (const name of ["LedgerUnitsUnlisted", "LedgerUnitsUnlistedActionTypes", "LedgerUnitsUnlistedAgents", "LedgerUnitsUnlistedTeams"]) expect([name, at(name)]).toEqual([name, 0]);
  // The examples' ten rows, then vendor-export.csv's 7 and team-log.tsv's 5 accepted rows.
  expect(columnValues(grownBook, grown, LEDGER_WORKBOOK.ledger.table, "Import")).toEqual([...Array(10).fill("Example"), ...Array(7).fill(1), ...Array(5).fill(2)]);
  expect(columnValues(grownBook, grown, TABLES.teams, "Team")).toEqual(["Sales", "Marketing", "Service", "Ops"]);
});

test("a hostile .xlsx (one value in XFD1048576) stops the command with the reason; nothing is written", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-hostile-"));
  try {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
    zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
    zip.file("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>');
    zip.file("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
    zip.file(
      "xl/worksheets/sheet1.xml",
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>timestamp</t></is></c><c r="B1" t="inlineStr"><is><t>credits</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2026-11-03T10:00:00Z</t></is></c><c r="B2"><v>5</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
    );
    const hostile = path.join(dir, "hostile.xlsx");
    fs.writeFileSync(hostile, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const out = path.join(dir, "budget.xlsx");
    const started = Date.now();
    const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/template.ts", "--out", out, "--portable", "--log", hostile], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(IMPORT_MESSAGES.headless.refused("hostile.xlsx", { code: "sheetTooWide", sheet: "Log", lastCell: "XFD1048576", columns: 16_384, limit: 1_024 }));
    expect(fs.existsSync(out)).toBe(false);
    // Refused from the cells present, not by walking the grid: well within a command's start-up time.
    expect(Date.now() - started).toBeLessThan(20_000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
