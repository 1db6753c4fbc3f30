/**
 * The presentation as a real spreadsheet engine shows it: LibreOffice recalculates the portable
 * workbook with the interaction shares typed as 0.6 / 0.3 / 0.2 and the check cell says what
 * is wrong while the actions and costs show #VALUE!; it writes the workbook's money as it
 * displays it, in euros and in yen; and `npm run template -- --currency XYZ` stops with the
 * catalogue's sentence and writes nothing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TemplateDescription } from "../../src/template/model/description";
import { parseAddress } from "../../src/template/model/address";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { TEMPLATE_MESSAGES, WORKBOOK_MESSAGES } from "../../src/messages";
import { columnValues, recalculate, sofficePath, type RecalculatedBook } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");
const AS_OF = "2026-11-23";
const template = describeTemplate({ examples: true, asOf: AS_OF });

/** The template with the interaction mix's shares typed in, as an analyst would. */
const withShares = (shares: readonly number[]): TemplateDescription => ({
  ...template,
  sheets: template.sheets.map((sheet) => ({
    ...sheet,
    blocks: sheet.blocks.map((b) => (b.kind === "table" && b.name === TABLES.mix ? { ...b, rows: b.rows.map((row, i) => ({ ...row, Share: shares[i] ?? 0 })) } : b)),
  })),
});

describe("the interaction-mix check, recalculated by LibreOffice", () => {
  const off = withShares([0.6, 0.3, 0.2]);
  let books: Record<string, RecalculatedBook>;
  beforeAll(async () => {
    books = await recalculate({
      off: await writeWorkbook(off, { portable: true, cachedResults: false }),
      ok: await writeWorkbook(template, { portable: true, cachedResults: false }),
    });
  });
  const value = (book: string, description: TemplateDescription, name: string): unknown => {
    const { sheet, address } = named(description, name);
    return books[book]?.value(sheet, address);
  };

  test("with shares 0.6 / 0.3 / 0.2 the check says the shares are off, beside the 110 % they add up to, and the cascade is #VALUE!", () => {
    expect(value("off", off, "MixShareTotal")).toBeCloseTo(1.1, 12);
    expect(value("off", off, "MixCheck")).toBe(TEMPLATE_MESSAGES.mixCheck.sharesOff);
    expect(value("off", off, "ActionsPerInteraction")).toBe("#VALUE!");
    expect(value("off", off, "TotalActionsPerMonth")).toBe("#VALUE!");
    expect(columnValues(books.off as RecalculatedBook, off, TABLES.comparison, "Monthly cost").slice(1, 3)).toEqual(["#VALUE!", "#VALUE!"]);
  });

  test("with the example shares it says OK and the actions compute", () => {
    expect(value("ok", template, "MixShareTotal")).toBeCloseTo(1, 12);
    expect(value("ok", template, "MixCheck")).toBe(TEMPLATE_MESSAGES.mixCheck.ok);
    expect(value("ok", template, "TotalActionsPerMonth")).toBe(53000);
  });
});

describe("money as LibreOffice displays it", () => {
  let shown: Record<string, Map<string, string[][]>>;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-money-"));
    try {
      const files = { eur: "EUR", jpy: "JPY" } as const;
      for (const [file, currency] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${file}.xlsx`), await writeWorkbook(describeTemplate({ examples: true, currency, asOf: AS_OF }), { portable: true }));
      // Every sheet as displayed (formatted), one CSV each; the cached figures are the engine's.
      const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
      execFileSync(sofficePath(), [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", path.join(dir, "out"), ...Object.keys(files).map((f) => path.join(dir, `${f}.xlsx`))], {
        stdio: "ignore",
        timeout: 120_000,
      });
      shown = {};
      for (const file of Object.keys(files)) {
        const sheets = new Map<string, string[][]>();
        for (const sheet of ["Pricing", "ROI"]) {
          const csv = fs.readFileSync(path.join(dir, "out", `${file}-${sheet}.csv`), "utf8");
          sheets.set(sheet, csv.split("\n").map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => (m[1] ?? "").replace(/^"|"$/g, "").replace(/""/g, '"'))));
        }
        shown[file] = sheets;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  const cell = (file: string, description: TemplateDescription, name: string): string | undefined => {
    const { sheet, address } = named(description, name);
    const at = parseAddress(address);
    return shown[file]?.get(sheet)?.[at.row - 1]?.[at.column - 1];
  };

  test("a workbook in euros shows euros and cents; one in yen, yen without decimals", () => {
    const euros = describeTemplate({ currency: "EUR", asOf: AS_OF });
    const yen = describeTemplate({ currency: "JPY", asOf: AS_OF });
    expect(cell("eur", euros, "HumanCostPerCase")).toBe("€8.37");
    // The AI's $0.3975 a case (Flex Credits, 25 % off) + 40 % escalated × 8.3690 × 0.8 = 3.0756 blended;
    // 100,000 cases × (8.3690 − 3.0756) = 529,344.
    expect(cell("eur", euros, "AnnualSavings")).toBe("€529,344");
    expect(cell("jpy", yen, "HumanCostPerCase")).toBe("¥8");
    expect(cell("jpy", yen, "BlendedCostPerCase")).toBe("¥3");
    // Rates stay rates whatever the currency.
    expect(cell("eur", euros, "ResolutionRate")).toBe("60.0%");
    expect(shown.eur?.get("Pricing")?.flat().join(" ")).toContain("€20,000.00");
    expect(shown.eur?.get("Pricing")?.flat().join(" ")).not.toContain("$");
  });
});

test("npm run template -- --currency XYZ stops with the catalogue's sentence and writes nothing", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-currency-"));
  try {
    const out = path.join(dir, "budget.xlsx");
    const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/template.ts", "--out", out, "--currency", "XYZ"], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(WORKBOOK_MESSAGES.refusal.unknownCurrency("XYZ"));
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
