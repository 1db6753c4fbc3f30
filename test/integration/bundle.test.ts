/**
 * The built bundle, loaded as Excel loads it (a sandbox whose only Office global is a stub
 * CustomFunctions): every id in functions.json is associated, names and argument order
 * match the catalog contract (docs/functions.md), and calls through it give the golden
 * figures and the error table. Then the production build itself: Office.js from Microsoft's
 * CDN under a Content-Security-Policy, exceljs in one on-demand chunk, AWU_BASE_URL checked.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { ERROR_ROWS } from "../functions/errors.rows";
import { StubError, asExcelArg, loadFunctionsBundle, readMetadata, type CustomFunction } from "../support/bundle";
import { handCheckedCases, judge, planFigures, workedFigures } from "../support/golden";
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
    expect(contract.size).toBe(34);
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

  test.each([...workedFigures, ...handCheckedCases, ...planFigures].map((row) => [`${row.id}: ${row.source}`, row] as const))("%s", (_name, row) => {
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

/** webpack.config.js as webpack-cli loads it, with what it exports for these tests. */
interface WebpackConfigModule {
  (env: object, argv: { mode: string }): { plugins: { constructor: { name: string }; userOptions?: { templateParameters?: Record<string, string> }; patterns?: { from: string }[] }[] };
  baseUrlFrom(value: string | undefined): string;
  CONTENT_SECURITY_POLICY: string;
  OFFICE_JS_CDN: string;
  OFFICE_JS_LOCAL: string;
}
const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
/** Loads webpack.config.js afresh with AWU_BASE_URL as given (it is read when the config loads). */
function loadConfig(baseUrl?: string): WebpackConfigModule {
  const saved = process.env.AWU_BASE_URL;
  if (baseUrl === undefined) delete process.env.AWU_BASE_URL;
  else process.env.AWU_BASE_URL = baseUrl;
  try {
    let loaded: WebpackConfigModule | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, loaded as webpack-cli loads it.
      loaded = require("../../webpack.config.js") as WebpackConfigModule;
    });
    return loaded as WebpackConfigModule;
  } finally {
    if (saved === undefined) delete process.env.AWU_BASE_URL;
    else process.env.AWU_BASE_URL = saved;
  }
}
const webpackConfig = loadConfig();

describe("the production build", () => {
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag)?.slice(1).find((v) => v !== undefined);

  test("the pane (the shared runtime's page) loads Office.js from Microsoft's CDN, and ships no copy of it", () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => attr(m[0], "src"));
    expect(scripts.filter((src) => src?.endsWith("office.js"))).toEqual([webpackConfig.OFFICE_JS_CDN]);
    expect(webpackConfig.OFFICE_JS_CDN).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    // Before the pane's own scripts: they call Office.onReady.
    expect(scripts[0]).toBe(webpackConfig.OFFICE_JS_CDN);
    expect(fs.existsSync(path.join(DIST, "assets/office-js"))).toBe(false);
  });

  test("the pane declares its Content-Security-Policy before any script or style: its own origin and Microsoft's", () => {
    const meta = [...html.matchAll(/<meta\b[^>]*>/g)].map((m) => m[0]).find((tag) => /http-equiv=["']?Content-Security-Policy/i.test(tag));
    expect(meta).toBeDefined();
    expect(attr(meta as string, "content")).toBe(webpackConfig.CONTENT_SECURITY_POLICY);
    const at = html.indexOf(meta as string);
    expect(at).toBeLessThan(html.search(/<script\b/));
    expect(at).toBeLessThan(html.search(/<style\b/));
    const directives = new Map(webpackConfig.CONTENT_SECURITY_POLICY.split(/;\s*/).map((d) => [d.split(" ")[0] as string, d.split(" ").slice(1)]));
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    // Every source is this origin or Microsoft's; no script may run inline or from eval.
    const sources = [...directives.values()].flat().filter((v) => v.startsWith("http"));
    expect(sources.filter((v) => !/^https:\/\/[a-z.]+\.(microsoft\.com|oaspapps\.com)$/.test(v))).toEqual([]);
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect([...directives.values()].flat()).not.toContain("'unsafe-eval'");
  });

  test("the development build keeps the local Office.js and no policy (npm start works offline)", () => {
    const dev = webpackConfig({}, { mode: "development" });
    const prod = webpackConfig({}, { mode: "production" });
    const page = (c: typeof dev) => c.plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin")?.userOptions?.templateParameters;
    const copies = (c: typeof dev) => (c.plugins.find((p) => p.constructor.name === "CopyPlugin")?.patterns ?? []).map((p) => p.from);
    expect(page(dev)).toEqual({ officeJs: webpackConfig.OFFICE_JS_LOCAL, contentSecurityPolicy: "" });
    expect(copies(dev)).toContain("node_modules/@microsoft/office-js/dist");
    expect(page(prod)).toEqual({ officeJs: webpackConfig.OFFICE_JS_CDN, contentSecurityPolicy: webpackConfig.CONTENT_SECURITY_POLICY });
    expect(copies(prod)).not.toContain("node_modules/@microsoft/office-js/dist");
    // A build for a host (AWU_BASE_URL) is the same production page.
    const hosted = loadConfig("https://budget.example.com/addin/");
    expect(page(hosted({}, { mode: "production" }))).toEqual(page(prod));
  });

  test("exceljs is in exactly one emitted chunk, loaded on demand by the download and the import alike", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/pane-weight.mjs"), "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    const weight = JSON.parse(run.stdout) as { scripts: { src: string }[]; exceljsChunks: { name: string; bytes: number }[] };
    expect(weight.exceljsChunks.map((c) => c.name)).toEqual(["exceljs.js"]);
    expect(weight.scripts.map((s) => s.src)).not.toContain("exceljs.js");
    // The writer's and the reader's own chunks are small without it.
    for (const chunk of ["file-writer.js", "xlsx-reader.js"]) expect(fs.statSync(path.join(DIST, chunk)).size).toBeLessThan(200 * 1024);
  });

  test("jszip, which both the writer and the reader use too, is in one chunk of its own (exceljs carries its own copy inside)", () => {
    const holding = fs.readdirSync(DIST).filter((name) => name.endsWith(".js") && fs.readFileSync(path.join(DIST, name), "utf8").includes("Corrupted zip"));
    expect(holding.sort()).toEqual(["exceljs.js", "jszip.js"]);
  });
});

describe("AWU_BASE_URL, checked at build time", () => {
  test.each(["https://budget.example.com/", "https://example.com/tools/awu/", "https://localhost:3000/"])("accepts %s", (url) => {
    expect(webpackConfig.baseUrlFrom(url)).toBe(url);
  });

  test("unset, builds for the dev server", () => {
    expect(webpackConfig.baseUrlFrom(undefined)).toBe("https://localhost:3000/");
  });

  test.each([
    ["http://budget.example.com/", /must be https/],
    ["https://budget.example.com", /must end in "\/".*try "https:\/\/budget\.example\.com\/"/],
    ["budget.example.com/", /must be an https URL ending in "\/"/],
    ["", /must be an https URL ending in "\/"/],
    ["https://budget.example.com/?v=2/", /no query or fragment/],
  ])("refuses %j with a message saying what is wrong", (url, message) => {
    expect(() => webpackConfig.baseUrlFrom(url)).toThrow(message);
  });

  test("a wrong AWU_BASE_URL fails the build with that message, before anything is written", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "awu-build-"));
    try {
      const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, AWU_BASE_URL: "http://budget.example.com/" },
      });
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain("AWU_BASE_URL must be https");
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
