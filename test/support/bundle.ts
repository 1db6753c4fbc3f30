/**
 * Loads the built functions bundle the way Excel does: into a fresh script context whose
 * only Office global is a stub CustomFunctions that records each associate() call.
 */
import fs from "fs";
import path from "path";
import vm from "vm";

export const DIST = path.resolve(__dirname, "../../dist");

/** What the stub's Error records, so tests can read Excel's error code and message. */
export class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export type CustomFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  readonly associated: ReadonlyMap<string, CustomFunction>;
  /** Ids associated more than once (a defect). */
  readonly duplicates: readonly string[];
}

export function loadFunctionsBundle(file = path.join(DIST, "functions.js")): LoadedBundle {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  const associated = new Map<string, CustomFunction>();
  const duplicates: string[] = [];
  const CustomFunctions = {
    associate(id: string, fn: CustomFunction): void {
      if (associated.has(id)) duplicates.push(id);
      associated.set(id, fn);
    },
    Error: StubError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" },
  };
  const context = vm.createContext({ CustomFunctions, console });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return { associated, duplicates };
}

/** An argument as Excel passes it: null when omitted, a matrix for a cell or a range. */
export function asExcelArg(arg: unknown): unknown {
  if (arg === null) return null;
  if (Array.isArray(arg)) return arg;
  return [[arg]];
}

export interface Metadata {
  functions: {
    id: string;
    name: string;
    description: string;
    helpUrl?: string;
    parameters?: { name: string; description?: string; optional?: boolean; type?: string; dimensionality?: string }[];
    result?: { type?: string; dimensionality?: string };
    options?: Record<string, boolean>;
  }[];
}

export function readMetadata(): Metadata {
  return JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as Metadata;
}
