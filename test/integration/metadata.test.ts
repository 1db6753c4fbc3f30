/**
 * The generated functions.json is stored in users' workbooks' expectations: an id, a
 * name or an argument must never change by accident. This snapshot makes any change a
 * deliberate, reviewed one (`npx jest -u` after checking the diff).
 */
import fs from "fs";
import path from "path";
import { readMetadata } from "../support/bundle";
import { renderReferenceMarkdown } from "../../build/metadata";
import examples from "../../src/functions/examples.json";

test("functions.json: ids, names, argument names, order, types and dimensionality", () => {
  const contract = readMetadata().functions.map((f) => ({
    id: f.id,
    name: f.name,
    parameters: (f.parameters ?? []).map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type ?? "any"}${p.dimensionality === "matrix" ? "[][]" : ""}`),
    result: `${f.result?.type ?? "any"}${f.result?.dimensionality === "matrix" ? "[][]" : ""}`,
  }));
  expect(contract).toMatchSnapshot();
});

test("functions.json: descriptions (with the rate card's defaults)", () => {
  const text = readMetadata().functions.map((f) => ({ id: f.id, description: f.description, parameters: (f.parameters ?? []).map((p) => p.description) }));
  expect(text).toMatchSnapshot();
});

test("the README's function reference is the one generated from functions.json (run `npm run docs` after a change)", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const section = /<!-- reference:start -->\n([\s\S]*?)\n<!-- reference:end -->/.exec(readme)?.[1];
  expect(section).toBe(renderReferenceMarkdown(readMetadata(), examples.examples));
});
