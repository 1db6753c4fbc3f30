/**
 * Saves the budgeting workbook as an .xlsx, the same file the task pane's download button
 * gives, and imports usage logs into it as the pane's import does:
 * `npm run template -- --out F.xlsx [--portable] [--no-examples] [--currency USD] [--as-of YYYY-MM-DD]
 *  [--log LOG]... [--mapping M.json] [--import-anyway] [--encoding auto|utf-8|windows-1252|utf-16le|utf-16be] [--sheet NAME]
 *  [--aggregate auto|daily|none] [--periods ask|replace|keep]`.
 * One line per log with its counts; a log refused as a whole stops the run with its reason
 * and a non-zero exit, and nothing is written.
 */
import fs from "fs";
import path from "path";
import { parseArgs } from "util";
import { AGGREGATE_SETTINGS, isAggregateSetting } from "../src/import/aggregate";
import { PERIOD_SETTINGS, isPeriodSetting } from "../src/import/periods";
import { importLogs } from "../src/import/headless";
import { parseMapping, type ColumnMapping } from "../src/import/mapping";
import { mappingsFromSetting } from "../src/import/settings";
import { ENCODINGS, isEncodingSetting } from "../src/import/source";
import { IMPORT_MESSAGES } from "../src/messages/import";
import { WORKBOOK_MESSAGES } from "../src/messages/workbook";
import { isCurrencyCode } from "../src/template/model/description";
import { describeTemplate } from "../src/template/sheets/template";
import { writeWorkbook } from "../src/template/writers/file";

const USAGE =
  "usage: npm run template -- --out <file.xlsx> [--portable] [--no-examples] [--currency USD] [--as-of YYYY-MM-DD] [--log <usage log>]... [--mapping <mapping.json>] [--import-anyway] [--encoding auto|utf-8|windows-1252|utf-16le|utf-16be] [--sheet <sheet name>] [--aggregate auto|daily|none] [--periods ask|replace|keep]";

/** The mappings a --mapping file holds: one mapping (the pane's versioned JSON) or the pane's saved list. */
function readMappings(file: string): ColumnMapping[] {
  const text = fs.readFileSync(file, "utf8");
  const one = parseMapping(text);
  const many = one ? [one] : mappingsFromSetting(text);
  if (many.length === 0) throw new Error(IMPORT_MESSAGES.headless.mappingUnreadable(file));
  return many;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      portable: { type: "boolean", default: false },
      "no-examples": { type: "boolean", default: false },
      currency: { type: "string", default: "USD" },
      "as-of": { type: "string" },
      log: { type: "string", multiple: true, default: [] },
      mapping: { type: "string" },
      "import-anyway": { type: "boolean", default: false },
      encoding: { type: "string", default: "auto" },
      sheet: { type: "string" },
      aggregate: { type: "string", default: "auto" },
      periods: { type: "string", default: "ask" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  const asOf = values["as-of"];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of takes an ISO date (YYYY-MM-DD), not ${asOf}`);
  if (!isCurrencyCode(values.currency)) throw new Error(WORKBOOK_MESSAGES.refusal.unknownCurrency(values.currency));
  const options = { examples: !values["no-examples"], currency: values.currency, ...(asOf ? { asOf } : {}) };
  let description = describeTemplate(options);
  if (values.log.length > 0) {
    const logs = values.log.map((file) => ({ name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) }));
    const mappings = values.mapping ? readMappings(values.mapping) : [];
    const encoding = values.encoding;
    if (!isEncodingSetting(encoding)) throw new Error(`--encoding takes auto, ${ENCODINGS.join(", ")}, not ${encoding}\n${USAGE}`);
    const read = { encoding, ...(values.sheet === undefined ? {} : { sheet: values.sheet }) };
    const aggregate = values.aggregate;
    if (!isAggregateSetting(aggregate)) throw new Error(`--aggregate takes ${AGGREGATE_SETTINGS.join(", ")}, not ${aggregate}\n${USAGE}`);
    const periods = values.periods;
    if (!isPeriodSetting(periods)) throw new Error(`--periods takes ${PERIOD_SETTINGS.join(", ")}, not ${periods}\n${USAGE}`);
    const outcome = await importLogs(options, logs, { mappings, now: new Date(), allowSameFile: values["import-anyway"], read, aggregate, periods });
    if (!outcome.ok) throw new Error(IMPORT_MESSAGES.headless.refused(outcome.name, outcome.problem));
    for (const log of outcome.logs) console.log(IMPORT_MESSAGES.headless.imported(log.name, log.importNumber, log.mapping, log.notes));
    description = outcome.description;
  }
  const bytes = await writeWorkbook(description, { portable: values.portable });
  const out = path.resolve(values.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  console.log(`${out}: ${description.sheets.length} sheets, ${values.portable ? "portable formulas" : "AWU formulas"}, ${Math.round(bytes.length / 1024)} KB`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
