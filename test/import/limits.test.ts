/**
 * What a log may not do to the pane or the workbook: a tiny .xlsx that declares (or holds) a
 * cell at XFD1048576, a file over the size limit, and numbers an Excel cell can't hold. Each is
 * refused or rejected with its facts, quickly, and reading stays linear in the cells present.
 */
import { performance } from "node:perf_hooks";
import JSZip from "jszip";
import { MAX_LOG_BYTES, importTable, loadLog, parseNumber, proposeMapping, type ImportResult, type LoadedLog } from "../../src/import";
import { EXCEL_CELL_LIMITS } from "../../src/excel/literals";
import { XLSX_LIMITS, boundXlsx } from "../../src/import/xlsx";
import { importRefusalMessage, rejectReasonMessage } from "../../src/messages/import";

/** One cell of a hand-written sheet: its address and a number or an inline string. */
type Put = readonly [address: string, value: number | string];

const cellXml = ([address, value]: Put): string =>
  typeof value === "number" ? `<c r="${address}"><v>${value}</v></c>` : `<c r="${address}" t="inlineStr"><is><t>${value}</t></is></c>`;

/**
 * The smallest .xlsx Excel opens, written with jszip: one sheet "Log" holding exactly the given
 * cells, and a `<dimension>` claiming the whole grid (what the reader must not believe).
 */
async function tinyXlsx(cells: readonly Put[], extra: Record<string, string> = {}): Promise<Uint8Array> {
  const rows = new Map<number, Put[]>();
  for (const put of cells) {
    const row = Number(/\d+$/.exec(put[0])?.[0]);
    rows.set(row, [...(rows.get(row) ?? []), put]);
  }
  const sheetData = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([r, puts]) => `<row r="${r}">${puts.map(cellXml).join("")}</row>`)
    .join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  for (const [name, text] of Object.entries(extra)) zip.file(name, text);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const LOG: readonly Put[] = [
  ["A1", "Timestamp"],
  ["B1", "Credits"],
  ["A2", "2026-11-03T10:00:00Z"],
  ["B2", 5],
];

/** Loads and times; heap growth measured around it (noisy without a forced GC, so bounds are loose). */
async function timedLoad(bytes: Uint8Array): Promise<{ loaded: Awaited<ReturnType<typeof loadLog>>; ms: number; heapMB: number }> {
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  const loaded = await loadLog({ name: "hostile.xlsx", bytes });
  return { loaded, ms: performance.now() - t, heapMB: (process.memoryUsage().heapUsed - heap) / 1e6 };
}

const run = (log: LoadedLog): ImportResult => {
  const result = importTable(log.table, proposeMapping(log.table.headers).mapping);
  if (!result.ok) throw new Error(importRefusalMessage(result.problem));
  return result;
};

describe("an .xlsx is bounded by the cells it holds, not the extent it declares", () => {
  test("under 2 KB with a value in XFD1048576: refused in milliseconds with the sheet, its last cell and the limit (it used to walk 17 billion cells)", async () => {
    const bytes = await tinyXlsx([...LOG, ["XFD1048576", "x"]]);
    expect(bytes.length).toBeLessThan(2_000);
    const { loaded, ms, heapMB } = await timedLoad(bytes);
    expect(loaded).toEqual({ ok: false, problem: { code: "sheetTooWide", sheet: "Log", lastCell: "XFD1048576", columns: 16_384, limit: XLSX_LIMITS.columns } });
    expect(ms).toBeLessThan(1_000);
    expect(heapMB).toBeLessThan(50);
    if ("problem" in loaded) expect(importRefusalMessage(loaded.problem)).toContain('"Log" has a value in XFD1048576, column 16,384; the importer reads at most 1,024 columns');
  });

  test("a value in A1048576 (within the columns): read from the cells present only, the rows between counted as blank", async () => {
    const { loaded, ms, heapMB } = await timedLoad(await tinyXlsx([...LOG, ["A1048576", "2026-11-04T10:00:00Z"], ["B1048576", 7]]));
    if (!("table" in loaded)) throw new Error(importRefusalMessage(loaded.problem));
    expect(ms).toBeLessThan(1_000);
    expect(heapMB).toBeLessThan(50);
    expect(loaded.table.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ["2026-11-03T10:00:00Z", 5]],
      [1_048_576, ["2026-11-04T10:00:00Z", 7]],
    ]);
    expect(run(loaded).counts).toEqual({ read: 2, accepted: 2, rejected: 0, duplicates: 0, blankLines: 1_048_576 - 3 });
  });

  test("the declared dimension alone is believed by nothing: the same log without the stray cell reads as usual", async () => {
    const loaded = await loadLog({ name: "log.xlsx", bytes: await tinyXlsx(LOG) });
    if (!("table" in loaded)) throw new Error(importRefusalMessage(loaded.problem));
    expect(run(loaded).counts).toEqual({ read: 1, accepted: 1, rejected: 0, duplicates: 0, blankLines: 0 });
  });

  test("the cells budget counts every sheet's cells, and the log's rows from column A to their last value", async () => {
    const bound = async (cells: readonly Put[], limits: { columns: number; cells: number }, extra: Record<string, string> = {}) =>
      boundXlsx(await JSZip.loadAsync(await tinyXlsx(cells, extra)), limits);
    expect(await bound(LOG, { columns: 1_024, cells: 4 })).toBeNull();
    expect(await bound(LOG, { columns: 1_024, cells: 3 })).toEqual({ code: "tooManyCells", cells: 4, limit: 3 });
    // One value in column 1,000: a single cell, but a row of 1,000 once read as a table.
    expect(await bound([["ALL1", "far"]], { columns: 1_024, cells: 999 })).toEqual({ code: "tooManyCells", cells: 1_000, limit: 999 });
    // Another sheet's cells count too: exceljs reads every sheet.
    const other = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`;
    expect(await bound(LOG, { columns: 1_024, cells: 5 }, { "xl/worksheets/sheet2.xml": other })).toEqual({ code: "tooManyCells", cells: 6, limit: 5 });
  });
});

test("a file over MAX_LOG_BYTES is refused before it is parsed (or hashed)", async () => {
  const bytes = new Uint8Array(MAX_LOG_BYTES + 1).fill(0x41);
  const t = performance.now();
  const loaded = await loadLog({ name: "huge.csv", bytes });
  expect(performance.now() - t).toBeLessThan(100);
  expect(loaded).toEqual({ ok: false, problem: { code: "fileTooLarge", bytes: MAX_LOG_BYTES + 1, limit: MAX_LOG_BYTES } });
  if ("problem" in loaded) expect(importRefusalMessage(loaded.problem)).toMatch(/^The file is 50\.0 MB; the importer reads logs up to 50 MB at a time\./);
});

describe("numbers an Excel cell can't hold", () => {
  test.each([["1e400"], ["-1e400"], ["1e308"], ["1.0E+308"], ["(1e309)"]])("%j is refused as beyond Excel, never read as Infinity", (text) => {
    expect(parseNumber(text, ".")).toEqual({ ok: false, problem: "beyondExcel" });
  });

  test("Excel's largest number itself reads; typed infinities from an .xlsx are beyond it, NaN is not a number", () => {
    expect(parseNumber("9.99999999999999E+307", ".")).toEqual({ ok: true, value: EXCEL_CELL_LIMITS.largestNumber });
    expect(parseNumber(Number.POSITIVE_INFINITY, ".")).toEqual({ ok: false, problem: "beyondExcel" });
    expect(parseNumber(Number.NaN, ".")).toEqual({ ok: false, problem: "notANumber" });
  });

  test("a row with such a number is rejected with the header and the text; the rest goes through", async () => {
    const log = await loadLog({ name: "big.csv", bytes: new TextEncoder().encode("Timestamp,Credits,Review minutes\n2026-11-03,1e400,0\n2026-11-03,1e308,1e400\n2026-11-03,2,0\n") });
    if (!("table" in log)) throw new Error(importRefusalMessage(log.problem));
    const result = run(log);
    const limit = EXCEL_CELL_LIMITS.largestNumber;
    expect(result.counts).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    expect(result.records.map((r) => r.units)).toEqual([2]);
    expect(result.rejects.map((r) => [r.sourceRow, r.reasons])).toEqual([
      [2, [{ code: "beyondExcel", header: "Credits", text: "1e400", limit }]],
      [
        3,
        [
          { code: "beyondExcel", header: "Credits", text: "1e308", limit },
          { code: "beyondExcel", header: "Review minutes", text: "1e400", limit },
        ],
      ],
    ]);
    expect(rejectReasonMessage({ code: "beyondExcel", header: "Credits", text: "1e400", limit })).toBe('"1e400" in "Credits" is beyond the largest number an Excel cell holds (±9.99999999999999E+307).');
  });
});
