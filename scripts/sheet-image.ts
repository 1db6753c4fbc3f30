/**
 * A picture of one sheet of the portable example workbook as LibreOffice renders it (the
 * README's Ledger and Wallet images): `npm run sheet-image -- --sheet Ledger --out
 * docs/ledger.png [--crop x,y,width,height] [--dpi 100] [--log usage.csv]... [--aggregate daily]`.
 * With --log, the logs are imported first, as `npm run template -- --log` imports them, to see the
 * importer's sheets filled. Needs soffice and pdftoppm (poppler-utils). Each sheet prints on one
 * page, in the workbook's order.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isAggregateSetting } from "../src/import/aggregate";
import { importLogs } from "../src/import/headless";
import { importRefusalMessage } from "../src/messages/import";
import { describeTemplate } from "../src/template/sheets/template";
import { writeWorkbook } from "../src/template/writers/file";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sheet: { type: "string" },
      out: { type: "string" },
      crop: { type: "string" },
      dpi: { type: "string", default: "100" },
      log: { type: "string", multiple: true, default: [] },
      aggregate: { type: "string", default: "auto" },
    },
    strict: true,
  });
  const options = { examples: true, asOf: "2026-11-23" };
  const aggregate = values.aggregate ?? "auto";
  if (!isAggregateSetting(aggregate)) throw new Error(`--aggregate is auto, daily or none, not ${aggregate}`);
  const logs = (values.log ?? []).map((file) => ({ name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) }));
  const imported = logs.length === 0 ? null : await importLogs(options, logs, { mappings: [], now: new Date(), aggregate });
  if (imported && !imported.ok) throw new Error(`${imported.name}: ${importRefusalMessage(imported.problem)}`);
  const description = imported ? imported.description : describeTemplate(options);
  const page = description.sheets.findIndex((s) => s.name === values.sheet) + 1;
  if (!values.out || page === 0) throw new Error(`usage: --sheet <${description.sheets.map((s) => s.name).join(" | ")}> --out <file.png> [--crop x,y,width,height] [--dpi 100]`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-sheet-"));
  const xlsx = path.join(dir, "awu.xlsx");
  fs.writeFileSync(xlsx, await writeWorkbook(description, { portable: true, cachedResults: false }));
  execFileSync("soffice", ["--headless", "--convert-to", 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}', "--outdir", dir, xlsx], { stdio: "ignore" });
  const crop = values.crop ? values.crop.split(",").map(Number) : [];
  const [x, y, w, h] = crop;
  const cropArgs = crop.length === 4 ? ["-x", String(x), "-y", String(y), "-W", String(w), "-H", String(h)] : [];
  const base = path.join(dir, "sheet");
  execFileSync("pdftoppm", ["-f", String(page), "-l", String(page), "-png", "-r", values.dpi ?? "100", ...cropArgs, "-singlefile", path.join(dir, "awu.pdf"), base]);
  fs.copyFileSync(`${base}.png`, path.resolve(values.out));
  console.log(`${values.out}: the ${values.sheet} sheet (page ${page})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
