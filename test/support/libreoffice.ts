/**
 * Recalculation by a real spreadsheet engine: LibreOffice headless converts .xlsx files to
 * .xlsx, recomputing every formula on load, and the tests read the values it wrote. The
 * profile is fresh and tells LibreOffice to always recalculate OOXML files
 * (OOXMLRecalcMode = 0); by default it would keep the cached values. Several files go
 * through one soffice run, since starting LibreOffice is most of the cost.
 */
import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import JSZip from "jszip";
import { readText, sheetPaths } from "../../src/template/writers/chart";
import { sheetCells } from "../../src/template/model/cells";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { tableColumnRange } from "../../src/template/model/layout";
import { CellError, workbookEvaluator } from "../../src/template/render/evaluator";
import { writeWorkbook } from "../../src/template/writers/file";

const run = promisify(execFile);

/** Where soffice is, or an error that says how to get it: a missing engine fails the test, never skips it. */
export function sofficePath(): string {
  const found = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, "soffice"))
    .find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error("LibreOffice is not installed (no soffice on PATH): apt-get install -y libreoffice-calc-nogui");
  return found;
}

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A value as LibreOffice computed it: a number (dates as serials), text, boolean, an error code ("#N/A"), or null. */
export type Recomputed = number | string | boolean | null;

export interface RecalculatedBook {
  /** The value of a cell after recalculation. */
  value(sheet: string, address: string): Recomputed;
}

const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, "&");

/** The text of every <t> in a fragment (a shared string may be split in runs). */
const textOf = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");

/**
 * Every cell value of a saved workbook, read from the package itself: exceljs would turn an
 * error in a date-formatted cell into an invalid date, and dates into Date objects.
 */
async function readValues(bytes: Uint8Array): Promise<Map<string, Map<string, Recomputed>>> {
  const zip = await JSZip.loadAsync(bytes);
  const shared = zip.file("xl/sharedStrings.xml") ? [...(await readText(zip, "xl/sharedStrings.xml")).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1] ?? "")) : [];
  const books = new Map<string, Map<string, Recomputed>>();
  for (const [sheet, path] of await sheetPaths(zip)) {
    const cells = new Map<string, Recomputed>();
    for (const cell of (await readText(zip, path)).matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? "";
      const body = cell[2] ?? "";
      const ref = /\br="([A-Z]+\d+)"/.exec(attributes)?.[1];
      if (!ref) continue;
      const type = /\bt="([a-z]+)"/.exec(attributes)?.[1] ?? "n";
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: Recomputed = null;
      if (type === "inlineStr") value = textOf(body);
      else if (raw !== undefined)
        value = type === "s" ? (shared[Number(raw)] ?? null) : type === "b" ? raw === "1" : type === "str" || type === "e" ? unescapeXml(raw) : Number(raw);
      cells.set(ref, value);
    }
    books.set(sheet, cells);
  }
  return books;
}

/**
 * Recalculates the workbooks in one LibreOffice run and reads them back.
 * `files` maps a file name (without extension) to its bytes.
 */
export async function recalculate(files: Readonly<Record<string, Uint8Array>>): Promise<Record<string, RecalculatedBook>> {
  const soffice = sofficePath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-lo-"));
  try {
    const profile = path.join(dir, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
    const inputs = Object.entries(files).map(([name, bytes]) => {
      const file = path.join(dir, `${name}.xlsx`);
      fs.writeFileSync(file, bytes);
      return file;
    });
    const out = path.join(dir, "out");
    await run(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, ...inputs], { timeout: 120_000 });
    const books: Record<string, RecalculatedBook> = {};
    for (const name of Object.keys(files)) {
      const file = path.join(out, `${name}.xlsx`);
      if (!fs.existsSync(file)) throw new Error(`LibreOffice did not convert ${name}.xlsx`);
      const sheets = await readValues(fs.readFileSync(file));
      books[name] = {
        value: (sheet, address) => {
          const cells = sheets.get(sheet);
          if (!cells) throw new Error(`LibreOffice's ${name}.xlsx has no sheet ${sheet}`);
          return cells.get(address.replace(/\$/g, "")) ?? null;
        },
      };
    }
    return books;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Reading a recalculated description ------------------------------------------------------

export const tableOf = (description: TemplateDescription, name: string): { sheet: string; block: TableBlock } => {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === name) return { sheet: sheet.name, block };
  throw new Error(`no table ${name}`);
};

/** A table column's computed values, top to bottom. */
export function columnValues(book: RecalculatedBook, description: TemplateDescription, table: string, column: string): unknown[] {
  const { sheet, block } = tableOf(description, table);
  const [from, to] = tableColumnRange(block, column).replace(/\$/g, "").split(":") as [string, string];
  const letters = from.replace(/\d+/, "");
  const out: unknown[] = [];
  for (let row = Number(from.replace(/\D+/, "")); row <= Number(to.replace(/\D+/, "")); row++) out.push(book.value(sheet, `${letters}${row}`));
  return out;
}

export const cents = (v: unknown): number => {
  if (typeof v !== "number") throw new Error(`not a number: ${JSON.stringify(v)}`);
  return Math.round(v * 100) / 100;
};

/** Every formula cell of a description, as LibreOffice computed it and as the evaluator does. */
export function disagreements(book: RecalculatedBook, description: TemplateDescription): string[] {
  const evaluator = workbookEvaluator(description);
  const out: string[] = [];
  for (const sheet of description.sheets)
    for (const cell of sheetCells(sheet)) {
      if (!("formula" in cell.content)) continue;
      const mine = evaluator.cell(sheet.name, cell.address);
      const expected = mine instanceof CellError ? mine.code : mine;
      const actual = book.value(sheet.name, cell.address);
      // A formula whose result is "" is read back from LibreOffice's file as an empty cell.
      const agree =
        typeof expected === "number" && typeof actual === "number" ? Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)) : expected === actual || (expected === "" && actual === null);
      if (!agree) out.push(`${sheet.name}!${cell.address}: engine ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(actual)}`);
    }
  return out;
}

/** Each description written as the portable file (no cached results, so every figure is LibreOffice's), recalculated in one run. */
export async function recalculatePortable(variants: Readonly<Record<string, TemplateDescription>>): Promise<Record<string, RecalculatedBook>> {
  const files: Record<string, Uint8Array> = {};
  for (const [key, description] of Object.entries(variants)) files[key] = await writeWorkbook(description, { portable: true, cachedResults: false });
  return recalculate(files);
}
