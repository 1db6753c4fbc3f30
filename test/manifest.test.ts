/**
 * Offline checks of manifest.xml's own structure: what Office needs to load the add-in
 * (namespace, shared runtime wiring, resources, string limits, URLs, icons).
 * `office-addin-manifest validate` needs a remote service; these checks do not.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "fs";
import * as path from "path";
import { ADD_IN_REFERENCE, AUTO_SHOW_TASKPANE } from "../src/template/writers/file";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const ASSETS_DIR = path.join(ROOT, "assets");
const BASE = "https://localhost:3000/";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- A small ordered XML tree over fast-xml-parser's preserveOrder output -------------------

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) throw new Error("expected an array of XML nodes");
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    if (!isRecord(node)) throw new Error("expected an XML node object");
    const names = Object.keys(node).filter((k) => k !== ":@" && k !== "#text");
    if (names.length === 0) continue; // a text node: read by its parent
    if (names.length !== 1) throw new Error(`ambiguous XML node: ${names.join(", ")}`);
    const name = names[0] as string;
    const rawChildren = node[name];
    const rawAttrs = node[":@"];
    const attrs: Record<string, string> = {};
    if (isRecord(rawAttrs)) {
      for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
    }
    const text = Array.isArray(rawChildren)
      ? rawChildren
          .filter(isRecord)
          .map((c) => c["#text"])
          .filter((t) => t !== undefined)
          .map(String)
          .join("")
      : "";
    elements.push({ name, attrs, text, children: toElements(rawChildren) });
  }
  return elements;
}

function parseManifest(xml: string): XmlElement {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new Error(`not well-formed XML: ${validation.err.msg} (line ${validation.err.line})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    trimValues: true,
  });
  const roots = toElements(parser.parse(xml));
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0] as XmlElement;
}

function kids(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The single child at the end of a path of element names; throws if absent or repeated. */
function at(el: XmlElement, ...names: string[]): XmlElement {
  let current = el;
  for (const name of names) {
    const found = kids(current, name);
    if (found.length !== 1) {
      throw new Error(`expected exactly one <${name}> under <${current.name}>, found ${found.length}`);
    }
    current = found[0] as XmlElement;
  }
  return current;
}

function attr(el: XmlElement, name: string): string {
  const value = el.attrs[name];
  if (value === undefined) throw new Error(`<${el.name}> has no ${name} attribute`);
  return value;
}

function descendants(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}

function findAll(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  return descendants(el).filter(pred);
}

// ---- The manifest's model ---------------------------------------------------------------------

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly value: string;
}

const RESOURCE_GROUPS: ReadonlyArray<readonly [string, string, ResourceKind]> = [
  ["bt:Images", "bt:Image", "Image"],
  ["bt:Urls", "bt:Url", "Url"],
  ["bt:ShortStrings", "bt:String", "ShortString"],
  ["bt:LongStrings", "bt:String", "LongString"],
];

function resources(root: XmlElement): Resource[] {
  const res = at(root, "VersionOverrides", "Resources");
  return RESOURCE_GROUPS.flatMap(([group, item, kind]) =>
    kids(res, group).flatMap((g) =>
      kids(g, item).map((e) => ({ id: attr(e, "id"), kind, value: attr(e, "DefaultValue") })),
    ),
  );
}

function resource(root: XmlElement, id: string): Resource {
  const found = resources(root).filter((r) => r.id === id);
  if (found.length !== 1) throw new Error(`expected one resource "${id}", found ${found.length}`);
  return found[0] as Resource;
}

/** Which kind of resource a `resid` on each element must name. */
const RESID_KIND: Readonly<Record<string, ResourceKind>> = {
  Runtime: "Url",
  SourceLocation: "Url",
  FunctionFile: "Url",
  LearnMoreUrl: "Url",
  "bt:Image": "Image",
  Namespace: "ShortString",
  Label: "ShortString",
  Title: "ShortString",
  Description: "LongString",
};

function residUses(root: XmlElement): XmlElement[] {
  return findAll(root, (e) => e.attrs["resid"] !== undefined);
}

function customFunctionsPoint(root: XmlElement): XmlElement {
  const points = findAll(
    root,
    (e) => e.name === "ExtensionPoint" && e.attrs["xsi:type"] === "CustomFunctions",
  );
  if (points.length !== 1) throw new Error(`expected one CustomFunctions point, found ${points.length}`);
  return points[0] as XmlElement;
}

function workbookOverrideHost(root: XmlElement): XmlElement {
  return at(root, "VersionOverrides", "Hosts", "Host");
}

function taskpaneActions(root: XmlElement): XmlElement[] {
  return findAll(root, (e) => e.name === "Action" && e.attrs["xsi:type"] === "ShowTaskpane");
}

// ---- Checks: each returns the problems it found (empty when the manifest is right) ------------

function residProblems(root: XmlElement): string[] {
  const defined = new Map(resources(root).map((r) => [r.id, r] as const));
  const problems: string[] = [];
  for (const use of residUses(root)) {
    const id = attr(use, "resid");
    const expected = RESID_KIND[use.name];
    const found = defined.get(id);
    if (expected === undefined) problems.push(`<${use.name} resid="${id}">: unexpected element`);
    else if (found === undefined) problems.push(`<${use.name} resid="${id}">: not defined`);
    else if (found.kind !== expected) {
      problems.push(`<${use.name} resid="${id}">: is a ${found.kind}, needs a ${expected}`);
    }
  }
  return problems;
}

function unusedResources(root: XmlElement): string[] {
  const used = new Set(residUses(root).map((e) => attr(e, "resid")));
  return resources(root)
    .filter((r) => !used.has(r.id))
    .map((r) => r.id);
}

function resourceIdProblems(root: XmlElement): string[] {
  const ids = resources(root).map((r) => r.id);
  const problems = ids.filter((id) => id.length > 32).map((id) => `${id}: longer than 32`);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  return [...problems, ...dup.map((id) => `${id}: defined twice`)];
}

const MAX_LENGTH: Readonly<Record<"ShortString" | "LongString", number>> = {
  ShortString: 125,
  LongString: 250,
};

function stringLengthProblems(root: XmlElement): string[] {
  return resources(root).flatMap((r) =>
    (r.kind === "ShortString" || r.kind === "LongString") && r.value.length > MAX_LENGTH[r.kind]
      ? [`${r.id}: ${r.value.length} > ${MAX_LENGTH[r.kind]}`]
      : [],
  );
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Every URL in an attribute (namespace declarations aside) or a text, except AppDomain's. */
function urlsIn(root: XmlElement): string[] {
  return [root, ...descendants(root)].flatMap((e) => [
    ...Object.entries(e.attrs)
      .filter(([k, v]) => k !== "xmlns" && !k.startsWith("xmlns:") && URL_LIKE.test(v))
      .map(([, v]) => v),
    ...(e.name !== "AppDomain" && URL_LIKE.test(e.text) ? [e.text] : []),
  ]);
}

function urlProblems(root: XmlElement): string[] {
  const problems = urlsIn(root)
    .filter((u) => !u.startsWith(BASE))
    .map((u) => `${u}: not under ${BASE}`);
  const origin = BASE.replace(/\/$/, "");
  for (const d of findAll(root, (e) => e.name === "AppDomain")) {
    if (d.text !== origin) problems.push(`AppDomain ${d.text}: not ${origin}`);
  }
  return problems;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) {
    throw new Error(`${file}: not a PNG`);
  }
  if (bytes.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: no IHDR first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Icon URLs with the square size each must have: bt:Image ids say it, IconUrl is 32, HighRes 64. */
function iconUrls(root: XmlElement): Array<{ what: string; url: string; size: number }> {
  const images = resources(root)
    .filter((r) => r.kind === "Image")
    .map((r) => {
      const m = /^Icon\.(\d+)x(\d+)$/.exec(r.id);
      if (m === null || m[1] !== m[2]) throw new Error(`${r.id}: id does not say a square size`);
      return { what: r.id, url: r.value, size: Number(m[1]) };
    });
  return [
    { what: "IconUrl", url: attr(at(root, "IconUrl"), "DefaultValue"), size: 32 },
    { what: "HighResolutionIconUrl", url: attr(at(root, "HighResolutionIconUrl"), "DefaultValue"), size: 64 },
    ...images,
  ];
}

function iconProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const { what, url, size } of iconUrls(root)) {
    if (!url.startsWith(`${BASE}assets/`)) {
      problems.push(`${what}: ${url} is not under ${BASE}assets/`);
      continue;
    }
    const file = path.join(ASSETS_DIR, url.slice(`${BASE}assets/`.length));
    if (!fs.existsSync(file)) {
      problems.push(`${what}: ${path.relative(ROOT, file)} does not exist`);
      continue;
    }
    const { width, height } = pngSize(file);
    if (width !== size || height !== size) {
      problems.push(`${what}: ${path.basename(file)} is ${width}x${height}, not ${size}x${size}`);
    }
  }
  // <bt:Image size="N" resid="Icon.NxN"/> in the ribbon: the declared size names the same size.
  for (const img of findAll(root, (e) => e.name === "bt:Image" && e.attrs["resid"] !== undefined)) {
    const id = attr(img, "resid");
    const size = attr(img, "size");
    if (id !== `Icon.${size}x${size}`) problems.push(`<bt:Image size="${size}"> uses ${id}`);
  }
  return problems;
}

interface SharedRuntimeResids {
  readonly runtime: string[];
  readonly page: string[];
  readonly functionFile: string[];
  readonly taskpaneButtons: string[];
}

/** The resids the shared runtime needs to be one and the same page. */
function sharedRuntimeResids(root: XmlElement): SharedRuntimeResids {
  const host = workbookOverrideHost(root);
  const runtimes = kids(at(host, "Runtimes"), "Runtime");
  return {
    runtime: runtimes.map((r) => `${attr(r, "resid")}|${attr(r, "lifetime")}`),
    page: [attr(at(customFunctionsPoint(root), "Page", "SourceLocation"), "resid")],
    functionFile: kids(at(host, "DesktopFormFactor"), "FunctionFile").map((f) => attr(f, "resid")),
    taskpaneButtons: taskpaneActions(root).map((a) => attr(at(a, "SourceLocation"), "resid")),
  };
}

function sharedRuntimeProblems(root: XmlElement): string[] {
  const r = sharedRuntimeResids(root);
  const problems: string[] = [];
  if (r.runtime.length !== 1) problems.push(`${r.runtime.length} Runtime elements, expected 1`);
  const [resid, lifetime] = (r.runtime[0] ?? "|").split("|");
  if (lifetime !== "long") problems.push(`Runtime lifetime is "${lifetime}", not "long"`);
  const others = { page: r.page, functionFile: r.functionFile, taskpaneButtons: r.taskpaneButtons };
  for (const [where, ids] of Object.entries(others)) {
    if (ids.length === 0) problems.push(`${where}: missing`);
    for (const id of ids) if (id !== resid) problems.push(`${where}: ${id} is not the runtime's ${resid}`);
  }
  const sets = findAll(at(root, "Requirements"), (e) => e.name === "Set").map(
    (s) => `${attr(s, "Name")} ${attr(s, "MinVersion")}`,
  );
  if (!sets.includes("SharedRuntime 1.1")) problems.push("no SharedRuntime 1.1 requirement");
  return problems;
}

// ---- Tests --------------------------------------------------------------------------------------

const XML = fs.readFileSync(MANIFEST_PATH, "utf8");
const manifest = parseManifest(XML);

describe("manifest.xml", () => {
  it("is well-formed XML with an OfficeApp TaskPaneApp root (schema 1.1)", () => {
    expect(XMLValidator.validate(XML)).toBe(true);
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.attrs["xmlns"]).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attrs["xmlns:bt"]).toBe("http://schemas.microsoft.com/office/officeappbasictypes/1.0");
  });

  it("has the required elements, in the schema's order, with their values", () => {
    const required = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "SupportUrl",
      "Hosts",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ];
    const order = manifest.children.map((c) => c.name);
    for (const name of required) expect(kids(manifest, name).map((e) => e.name)).toEqual([name]);
    const positions = required.map((name) => order.indexOf(name));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    expect(at(manifest, "Id").text).toMatch(GUID);
    expect(at(manifest, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(at(manifest, "ProviderName").text).toBe("AWU Budget");
    expect(at(manifest, "DefaultLocale").text).toBe("en-US");
    expect(attr(at(manifest, "DisplayName"), "DefaultValue")).toBe("AWU Budget");
    expect(attr(at(manifest, "Description"), "DefaultValue")).toBe(
      "Budget AI labor in Excel: AWU pricing functions and a budgeting workbook.",
    );
    expect(attr(at(manifest, "SupportUrl"), "DefaultValue")).toBe(`${BASE}reference.html`);
    expect(attr(at(manifest, "DefaultSettings", "SourceLocation"), "DefaultValue")).toBe(
      `${BASE}taskpane.html`,
    );
    expect(at(manifest, "Permissions").text).toBe("ReadWriteDocument");
    expect(at(manifest, "VersionOverrides").attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  it("has a GUID Id", () => {
    expect(at(manifest, "Id").text).toMatch(GUID);
    expect(GUID.test("not-a-guid")).toBe(false);
  });

  it("is the add-in the AWU workbook file refers to: same Id and Version", () => {
    expect({ id: ADD_IN_REFERENCE.id, version: ADD_IN_REFERENCE.version }).toEqual({ id: at(manifest, "Id").text, version: at(manifest, "Version").text });
  });

  it("targets Excel only (Host Workbook), in the base manifest and the overrides", () => {
    expect(kids(at(manifest, "Hosts"), "Host").map((h) => attr(h, "Name"))).toEqual(["Workbook"]);
    expect(
      kids(at(manifest, "VersionOverrides", "Hosts"), "Host").map((h) => attr(h, "xsi:type")),
    ).toEqual(["Workbook"]);
  });

  it("names the custom functions namespace AWU and points at functions.js/.json", () => {
    const point = customFunctionsPoint(manifest);
    expect(resource(manifest, attr(at(point, "Namespace"), "resid"))).toEqual({
      id: "Functions.Namespace",
      kind: "ShortString",
      value: "AWU",
    });
    expect(resource(manifest, attr(at(point, "Script", "SourceLocation"), "resid")).value).toBe(
      `${BASE}functions.js`,
    );
    expect(resource(manifest, attr(at(point, "Metadata", "SourceLocation"), "resid")).value).toBe(
      `${BASE}functions.json`,
    );
  });

  it("wires the shared runtime: one long-lived Runtime page for functions, FunctionFile and pane", () => {
    expect(sharedRuntimeResids(manifest)).toEqual({
      runtime: ["Taskpane.Url|long"],
      page: ["Taskpane.Url"],
      functionFile: ["Taskpane.Url"],
      taskpaneButtons: ["Taskpane.Url"],
    });
    expect(sharedRuntimeProblems(manifest)).toEqual([]);
    // The runtime page is the task pane page Office opens by default.
    expect(resource(manifest, "Taskpane.Url").value).toBe(
      attr(at(manifest, "DefaultSettings", "SourceLocation"), "DefaultValue"),
    );
    // <Runtimes> must come first inside <Host>.
    expect(workbookOverrideHost(manifest).children[0]?.name).toBe("Runtimes");
  });

  it("requires SharedRuntime 1.1, and CustomFunctionsRuntime 1.1 for the overrides", () => {
    const base = at(manifest, "Requirements", "Sets");
    expect(kids(base, "Set").map((s) => [attr(s, "Name"), attr(s, "MinVersion")])).toEqual([
      ["SharedRuntime", "1.1"],
    ]);
    const overrides = at(manifest, "VersionOverrides", "Requirements", "bt:Sets");
    expect(kids(overrides, "bt:Set").map((s) => [attr(s, "Name"), attr(s, "MinVersion")])).toEqual([
      ["CustomFunctionsRuntime", "1.1"],
    ]);
  });

  it("has one Budget button on the Home tab that shows the task pane", () => {
    const actions = taskpaneActions(manifest);
    expect(actions).toHaveLength(1);
    // The pane an AWU workbook file opens with (its web-extension part): Office opens the action with this id.
    expect(at(actions[0] as XmlElement, "TaskpaneId").text).toBe(AUTO_SHOW_TASKPANE);
    const buttons = findAll(manifest, (e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
    expect(buttons).toHaveLength(1);
    expect(resource(manifest, attr(at(buttons[0] as XmlElement, "Label"), "resid")).value).toBe("Budget");
    const tab = at(workbookOverrideHost(manifest), "DesktopFormFactor", "ExtensionPoint", "OfficeTab");
    expect(attr(tab, "id")).toBe("TabHome");
  });

  it("resolves every resid to a defined resource of the right kind", () => {
    expect(residUses(manifest).length).toBeGreaterThanOrEqual(20);
    expect(residProblems(manifest)).toEqual([]);
  });

  it("has no unused resources, no duplicate ids and ids of at most 32 characters", () => {
    expect(resources(manifest).map((r) => r.id).sort()).toEqual(
      [
        "CommandsGroup.Label",
        "Functions.Metadata.Url",
        "Functions.Namespace",
        "Functions.Script.Url",
        "GetStarted.Description",
        "GetStarted.LearnMoreUrl",
        "GetStarted.Title",
        "Icon.16x16",
        "Icon.32x32",
        "Icon.80x80",
        "Taskpane.Url",
        "TaskpaneButton.Label",
        "TaskpaneButton.Tooltip",
      ].sort(),
    );
    expect(unusedResources(manifest)).toEqual([]);
    expect(resourceIdProblems(manifest)).toEqual([]);
  });

  it("keeps ShortStrings within 125 characters and LongStrings within 250", () => {
    const strings = resources(manifest).filter((r) => r.kind === "ShortString" || r.kind === "LongString");
    expect(strings).toHaveLength(6);
    expect(stringLengthProblems(manifest)).toEqual([]);
  });

  it("starts every URL with https://localhost:3000/", () => {
    expect(urlsIn(manifest)).toHaveLength(11);
    expect(urlProblems(manifest)).toEqual([]);
  });

  it("points every icon URL at a PNG in assets/ of the size its resource says", () => {
    expect(iconUrls(manifest).map((i) => `${i.what}=${i.size}`)).toEqual([
      "IconUrl=32",
      "HighResolutionIconUrl=64",
      "Icon.16x16=16",
      "Icon.32x32=32",
      "Icon.80x80=80",
    ]);
    expect(iconProblems(manifest)).toEqual([]);
  });

  it("ships every generated icon size as a real PNG", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ASSETS_DIR, `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});

/** The checks above must catch broken manifests, not just pass on this one. */
describe("manifest checks catch mistakes", () => {
  const mutate = (from: string, to: string): XmlElement => {
    expect(XML).toContain(from);
    return parseManifest(XML.replace(from, to));
  };

  it("rejects malformed XML", () => {
    expect(() => parseManifest(XML.replace("</Hosts>", ""))).toThrow(/not well-formed/);
  });

  it("reports a dangling resid, a resid of the wrong kind and an orphan resource", () => {
    const dangling = mutate('<Label resid="TaskpaneButton.Label"/>', '<Label resid="Nope.Label"/>');
    expect(residProblems(dangling)).toEqual(['<Label resid="Nope.Label">: not defined']);
    const wrongKind = mutate('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>');
    expect(residProblems(wrongKind)).toEqual(['<Namespace resid="Taskpane.Url">: is a Url, needs a ShortString']);
    expect(unusedResources(wrongKind)).toEqual(["Functions.Namespace"]);
  });

  it("reports long strings, long or duplicate ids", () => {
    const long = mutate('DefaultValue="Budget"/>', `DefaultValue="${"x".repeat(126)}"/>`);
    expect(stringLengthProblems(long)).toEqual(["TaskpaneButton.Label: 126 > 125"]);
    const tooltip = resource(manifest, "TaskpaneButton.Tooltip").value;
    const longDesc = mutate(`DefaultValue="${tooltip}"`, `DefaultValue="${"y".repeat(251)}"`);
    expect(stringLengthProblems(longDesc)).toEqual(["TaskpaneButton.Tooltip: 251 > 250"]);
    const z33 = "z".repeat(33);
    const longId = mutate('<bt:String id="GetStarted.Title"', `<bt:String id="${z33}"`);
    expect(resourceIdProblems(longId)).toEqual([`${z33}: longer than 32`]);
    const dup = mutate('<bt:String id="GetStarted.Title"', '<bt:String id="CommandsGroup.Label"');
    expect(resourceIdProblems(dup)).toEqual(["CommandsGroup.Label: defined twice"]);
  });

  it("reports a URL off the base and a broken shared runtime", () => {
    const off = mutate(`${BASE}functions.json`, "https://example.com/functions.json");
    expect(urlProblems(off)).toEqual([`https://example.com/functions.json: not under ${BASE}`]);
    const split = mutate('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="GetStarted.LearnMoreUrl"/>');
    expect(sharedRuntimeProblems(split)).toEqual(["functionFile: GetStarted.LearnMoreUrl is not the runtime's Taskpane.Url"]);
    const short = mutate('lifetime="long"', 'lifetime="short"');
    expect(sharedRuntimeProblems(short)).toEqual(['Runtime lifetime is "short", not "long"']);
    const noSet = mutate('<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.1"/>');
    expect(sharedRuntimeProblems(noSet)).toEqual(["no SharedRuntime 1.1 requirement"]);
  });

  it("reports an icon of the wrong size or missing", () => {
    const wrong = mutate(`id="Icon.32x32" DefaultValue="${BASE}assets/icon-32.png"`, `id="Icon.32x32" DefaultValue="${BASE}assets/icon-16.png"`);
    expect(iconProblems(wrong)).toEqual(["Icon.32x32: icon-16.png is 16x16, not 32x32"]);
    const missing = mutate(`${BASE}assets/icon-64.png`, `${BASE}assets/icon-65.png`);
    expect(iconProblems(missing)).toEqual(["HighResolutionIconUrl: assets/icon-65.png does not exist"]);
  });
});
