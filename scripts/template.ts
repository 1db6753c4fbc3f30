/**
 * Saves the budgeting workbook template as an .xlsx, the same file the task pane's download
 * button gives: `npm run template -- --out <file.xlsx> [--portable] [--no-examples] [--currency USD] [--as-of YYYY-MM-DD]`.
 */
import fs from "fs";
import path from "path";
import { parseArgs } from "util";
import { describeTemplate } from "../src/template/sheets/template";
import { writeWorkbook } from "../src/template/writers/file";

const USAGE = "usage: npm run template -- --out <file.xlsx> [--portable] [--no-examples] [--currency USD] [--as-of YYYY-MM-DD]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      portable: { type: "boolean", default: false },
      "no-examples": { type: "boolean", default: false },
      currency: { type: "string", default: "USD" },
      "as-of": { type: "string" },
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
  const description = describeTemplate({ examples: !values["no-examples"], currency: values.currency, ...(asOf ? { asOf } : {}) });
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
