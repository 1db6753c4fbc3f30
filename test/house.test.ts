/**
 * The house, measured from the code's own imports: each folder of src/ is a room on a floor,
 * and a room imports only from rooms on lower floors (the engine is the ground, the pane the
 * top). Reading the imports, not a list of promises, is what keeps the layering true.
 */
import fs from "fs";
import path from "path";

const SRC = path.resolve(__dirname, "../src");

/** Floors, lowest first; a room may import from any room on a lower floor, never up or across. */
const FLOORS: readonly (readonly string[])[] = [
  ["engine"],
  ["messages"],
  ["excel", "functions"],
  ["template/model"],
  ["template/sheets", "template/render"],
  ["template/writers"],
  ["template/actions"],
  ["import"],
  ["taskpane"],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The room a file or folder of src/ belongs to: the longest declared room that contains it. */
function roomOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep).join("/");
  const rooms = FLOORS.flat().filter((room) => rel === room || rel.startsWith(`${room}/`));
  const room = rooms.sort((a, b) => b.length - a.length)[0];
  if (room === undefined) throw new Error(`${rel} is in no room of the house; add its folder to FLOORS.`);
  return room;
}

const floorOf = (room: string): number => FLOORS.findIndex((floor) => floor.includes(room));

interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly specifier: string;
}

function arrows(): Arrow[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1] as string);
    return specifiers.map((specifier) => ({ from: roomOf(file), to: roomOf(path.resolve(path.dirname(file), specifier)), file: path.relative(SRC, file), specifier }));
  });
}

test("every folder of src/ is a room on a floor", () => {
  for (const file of sourceFiles(SRC)) expect(() => roomOf(file)).not.toThrow();
});

test("no import runs back up the house or across a floor (0 arrows up, so 0 circles)", () => {
  const all = arrows();
  expect(all.length).toBeGreaterThan(100); // the reading found the imports it is meant to judge
  const wrong = all.filter((a) => a.from !== a.to && floorOf(a.to) >= floorOf(a.from)).map((a) => `${a.file} → ${a.specifier} (${a.from} → ${a.to})`);
  expect(wrong).toEqual([]);
});

test("the engine has no Office types and no imports from outside itself", () => {
  for (const file of sourceFiles(path.join(SRC, "engine"))) {
    const text = fs.readFileSync(file, "utf8");
    expect([file, /\b(Excel|Office|CustomFunctions)\./.test(text)]).toEqual([file, false]);
  }
});

test("one name, one file: no two modules share a file name (barrels aside)", () => {
  const byName = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const name = path.basename(file);
    if (name === "index.ts") continue;
    byName.set(name, [...(byName.get(name) ?? []), path.relative(SRC, file)]);
  }
  expect([...byName.values()].filter((files) => files.length > 1)).toEqual([]);
});

test("the Excel serial epoch is written in one place", () => {
  const holders = sourceFiles(SRC).filter((file) => /\b25_?569\b/.test(fs.readFileSync(file, "utf8")));
  expect(holders.map((file) => path.relative(SRC, file))).toEqual(["engine/dates.ts"]);
});
