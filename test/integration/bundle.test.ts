/**
 * The built bundle, loaded as Excel loads it (a sandbox whose only Office global is a stub
 * CustomFunctions): every id in functions.json is associated, names and argument order
 * match the catalog contract (docs/functions.md), and calls through it give the golden
 * figures and the error table.
 */
import fs from "fs";
import path from "path";
import { ERROR_ROWS } from "../functions/errors.rows";
import { StubError, asExcelArg, loadFunctionsBundle, readMetadata, type CustomFunction } from "../support/bundle";
import { handCheckedCases, judge, workedFigures } from "../support/golden";
import examples from "../../src/functions/examples.json";

const bundle = loadFunctionsBundle();
const metadata = readMetadata();
const errorCodeOf = (value: unknown): string | undefined => (value instanceof StubError ? value.code : undefined);

function fn(id: string): CustomFunction {
  const found = bundle.associated.get(id);
  if (!found) throw new Error(`${id} is not associated`);
  return found;
}

/** Signatures from the contract's tables: `AWU.NAME(a, [b])` → name and ordered argument names. */
function contractSignatures(): Map<string, { name: string; optional: boolean }[]> {
  const text = fs.readFileSync(path.resolve(__dirname, "../../docs/functions.md"), "utf8");
  const signatures = new Map<string, { name: string; optional: boolean }[]>();
  for (const match of text.matchAll(/^\| `AWU\.([A-Z]+)\(([^)]*)\)` \|/gm)) {
    const args = (match[2] as string)
      .split(",")
      .map((arg) => arg.trim())
      .filter((arg) => arg !== "")
      .map((arg) => ({ name: arg.replace(/[[\]]/g, ""), optional: arg.startsWith("[") }));
    signatures.set(match[1] as string, args);
  }
  return signatures;
}

describe("registration", () => {
  test("every id in functions.json is associated exactly once, and nothing else is", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect([...bundle.associated.keys()].sort()).toEqual(ids);
    expect(bundle.duplicates).toEqual([]);
  });

  test("the functions and their arguments are exactly the contract's, in its order", () => {
    const contract = contractSignatures();
    expect(contract.size).toBe(30);
    const built = new Map(metadata.functions.map((f) => [f.id, (f.parameters ?? []).map((p) => ({ name: p.name, optional: p.optional === true }))]));
    expect(built).toEqual(contract);
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  test("every function and argument is described, with unit and default, and links to its reference entry", () => {
    for (const f of metadata.functions) {
      expect(f.description.length).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/reference.html#${f.id}`);
      for (const p of f.parameters ?? []) {
        expect(p.description ?? "").not.toContain("{default}");
        expect((p.description ?? "").length).toBeGreaterThan(10);
        if (p.optional) expect(p.description).toMatch(/Default\b/);
      }
    }
  });

  test("no function is volatile, streaming or asynchronous-cancelable", () => {
    for (const f of metadata.functions) expect(f.options ?? {}).toEqual({});
  });

  test("the reference page has an entry for every help URL", () => {
    const page = fs.readFileSync(path.join(__dirname, "../../dist/reference.html"), "utf8");
    for (const f of metadata.functions) expect(page).toMatch(new RegExp(`<section id="?${f.id}"?>`));
  });
});

describe("through the bundle", () => {
  const call = (row: { id: string; args: readonly unknown[] }): unknown[][] => fn(row.id)(...row.args.map(asExcelArg)) as unknown[][];

  test.each([...workedFigures, ...handCheckedCases].map((row) => [`${row.id}: ${row.source}`, row] as const))("%s", (_name, row) => {
    expect(judge(row, call(row)[0]?.[0], errorCodeOf)).toBeUndefined();
  });

  test.each(examples.examples.filter((e) => !Array.isArray(e.result)).map((e) => [`example ${e.id}: ${e.source}`, e] as const))("%s", (_name, e) => {
    expect(judge({ ...e, expected: e.result as number | string }, call(e)[0]?.[0], errorCodeOf)).toBeUndefined();
  });

  test.each(ERROR_ROWS.map((row) => [`${row.id}: ${row.why}`, row] as const))("error: %s", (_name, row) => {
    expect(call(row)[0]?.[0]).toEqual(new StubError(row.error, row.error === "#NUM!" ? undefined : row.message));
  });

  test("COMPARE spills a header row and the four models", () => {
    const out = call({ id: "COMPARE", args: [10000, 5.3, 50, 0.25] });
    expect(out.map((row) => row[0])).toEqual(["Model", "Per conversation", "Flex Credits (list)", "Flex Credits", "Per user"]);
    expect(out.map((row) => row.length)).toEqual([4, 4, 4, 4, 4]);
  });

  test("a range spills in its own shape", () => {
    expect(call({ id: "FLEXCOST", args: [[[1000, 2000, 3000], [0, 10, 20]]] })).toEqual([
      [100, 200, 300],
      [0, 1, 2],
    ]);
  });

  test("RATES lists every key in force today, tiers included, with five columns", () => {
    const out = call({ id: "RATES", args: [] });
    expect(out[0]).toEqual(["Key", "Value", "Unit", "As of", "Source"]);
    const keys = out.slice(1).map((row) => row[0]);
    expect(keys).toEqual(expect.arrayContaining(["flex.pricePer100kCredits", "labor.overhead", "tokens.claude-sonnet-4.6.output.above200k"]));
    expect(new Set(out.map((row) => row.length))).toEqual(new Set([5]));
  });
});
