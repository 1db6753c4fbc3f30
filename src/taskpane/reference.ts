/**
 * The function reference, rendered from the built functions.json (the metadata Excel
 * reads, so nothing is retyped) and the worked examples. Each function can be tried on
 * typed arguments with the engine's own result or error; in Excel an example can be
 * inserted into the selected cell.
 */
import examplesFile from "../functions/examples.json";
import type { TextInput } from "@fluentui/web-components";
import { argumentText, displayValue, formulaOf, literal, type ArgScalar, type ArgValue } from "./args";
import { isCellError, tryFunction, type ResultCell } from "./preview";
import { button, fill, h } from "./ui";

/** The part of functions.json the reference shows. */
export interface FunctionMetadata {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly parameters?: readonly { readonly name: string; readonly description?: string; readonly optional?: boolean }[];
}

interface Example {
  readonly id: string;
  readonly args: readonly ArgValue[];
  readonly result: ArgScalar | ArgScalar[][];
  readonly source: string;
}

const EXAMPLES = examplesFile.examples as readonly Example[];

function isMetadata(value: unknown): value is { functions: FunctionMetadata[] } {
  const functions = (value as { functions?: unknown } | null)?.functions;
  return Array.isArray(functions) && functions.every((f: { id?: unknown; description?: unknown }) => typeof f.id === "string" && typeof f.description === "string");
}

/** Reads the metadata served beside the pane (built by the same webpack run). */
export async function loadMetadata(url = "functions.json"): Promise<FunctionMetadata[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body: unknown = await response.json();
  if (!isMetadata(body)) throw new Error(`${url} is not the functions metadata`);
  return body.functions;
}

/** An example's stated result in a line: tables are shown whole by trying the function. */
const describeResult = (result: ArgScalar | ArgScalar[][]): string =>
  Array.isArray(result) ? "a table (spills)" : typeof result === "string" ? literal(result) : displayValue(result);

/** A result (one value, an error with its message, or a spilled range) as elements. */
function renderCells(cells: readonly (readonly ResultCell[])[]): Node {
  const cellNode = (cell: ResultCell): Node =>
    isCellError(cell) ? h("span", { class: "error" }, h("strong", {}, cell.error), " ", cell.message) : document.createTextNode(displayValue(cell));
  const first = cells[0]?.[0];
  if (cells.length === 1 && cells[0]?.length === 1 && first !== undefined) return h("span", {}, cellNode(first));
  return h("table", { class: "spill" }, h("tbody", {}, ...cells.map((row) => h("tr", {}, ...row.map((cell) => h("td", {}, cellNode(cell)))))));
}

export interface ReferenceOptions {
  /** Writes a formula into the selected cell; absent outside Excel. */
  readonly insert?: (formula: string) => void;
}

function entry(fn: FunctionMetadata, options: ReferenceOptions): HTMLElement {
  const params = fn.parameters ?? [];
  const examples = EXAMPLES.filter((e) => e.id === fn.id);
  const outputId = `result-${fn.id}`;
  const output = h("output", { id: outputId, class: "result", "aria-live": "polite" });
  const inputs = params.map((p, i) => {
    const input = h("fluent-text-input", { "data-param": p.name, spellcheck: "false", autocomplete: "off", "aria-controls": outputId }, p.optional ? `${p.name} (optional)` : p.name);
    input.setAttribute("value", argumentText(examples[0]?.args[i] ?? null));
    input.addEventListener("input", update);
    return input;
  });
  function update(): void {
    const trial = tryFunction(fn.id, inputs.map((input) => (input as TextInput).value ?? ""));
    fill(output, h("code", { class: "formula" }, trial.formula), h("span", { class: "arrow", "aria-hidden": "true" }, " → "), renderCells(trial.cells));
  }
  update();

  const exampleList = examples.map((e) => {
    const formula = formulaOf(e.id, e.args);
    return h(
      "li",
      {},
      h("code", { class: "formula" }, formula),
      ` → ${describeResult(e.result)}`,
      options.insert && button("Insert", () => options.insert?.(formula), { small: true, label: `Insert ${formula} into the selected cell` }),
    );
  });

  return h(
    "fluent-accordion-item",
    { id: `fn-${fn.id}`, "heading-level": "3" },
    h("span", { slot: "heading" }, `AWU.${fn.name}`),
    h("p", {}, fn.description),
    exampleList.length > 0 && h("p", { class: "subhead" }, examples.length > 1 ? "Examples" : "Example"),
    exampleList.length > 0 && h("ul", { class: "examples" }, ...exampleList),
    h(
      "div",
      { class: "try", role: "group", "aria-label": `Try AWU.${fn.name}` },
      h("p", { class: "subhead" }, params.length > 0 ? "Try it: type the arguments" : "Try it"),
      ...params.flatMap((p, i) => [inputs[i] as HTMLElement, h("p", { class: "hint" }, p.description ?? "")]),
      output,
    ),
  );
}

/** Fills the accordion with one item per function, in the metadata's order. */
export function renderReference(container: HTMLElement, functions: readonly FunctionMetadata[], options: ReferenceOptions): void {
  fill(container, ...functions.map((fn) => entry(fn, options)));
}
