/**
 * The Import usage log section: pick a CSV or .xlsx, confirm the column mapping (one select
 * per ledger field, the day/month order and the decimal mark), check the preview (the first
 * rows as the ledger will hold them, the counts and the first rejects), then import (Excel
 * only). Outside Office the picker, mapping and preview work the same, so an analyst can check
 * a log without Excel; Import is disabled with the reason. The parsing and the importer come
 * in on demand (import-work.ts, its own chunk): this file is DOM only, text only.
 */
import type { LedgerRecord } from "../engine/ledger-types";
import { FIELD_SPECS, LEDGER_FIELDS, type LedgerField } from "../import/fields";
import type { ColumnMapping, LoadOptions, PickedLog } from "./import-work";
import { ENCODING_WORDS, IMPORT_MESSAGES, importNoteMessage, type TextEncoding } from "../messages/import";
import { refusalMessage } from "../messages/refusals";
import { button, byId, fill, h, runTask, setStatus, showMessage } from "./ui";

type Work = typeof import("./import-work");

let work: Promise<Work> | undefined;
/** The importer's chunk, fetched once; a failed fetch is tried again next time. */
function loadWork(): Promise<Work> {
  work ??= import(/* webpackChunkName: "log-import" */ "./import-work").catch((error: unknown) => {
    work = undefined;
    throw error;
  });
  return work;
}

const P = IMPORT_MESSAGES.pane;
const PREVIEW_ROWS = 5;
const PREVIEW_REJECTS = 3;

let inExcel = false;
let current: (PickedLog & { mapping: ColumnMapping }) | null = null;

const explainPlain = (error: unknown): string => `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;

// ---- The mapping form --------------------------------------------------------------------

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  return h("option", { value, selected }, text);
}

/** A labelled native select (keyboard and screen readers as the platform gives them). */
function select(id: string, label: string, choices: readonly (readonly [string, string])[], value: string, onChange: (value: string) => void, hint?: string): HTMLElement {
  const control = h("select", { id, "data-action": true, ...(hint ? { "aria-describedby": `${id}-hint` } : {}) }, ...choices.map(([v, text]) => option(v, text, v === value)));
  control.addEventListener("change", () => onChange(control.value));
  return h("div", { class: "pick" }, h("label", { for: id }, label), control, hint ? h("span", { id: `${id}-hint`, class: "hint" }, hint) : null);
}

const fieldLabel = (field: LedgerField): string => {
  const name = IMPORT_MESSAGES.fields[field];
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return FIELD_SPECS[field].required ? `${label} (required)` : label;
};

function setMapping(change: Partial<ColumnMapping>): void {
  if (!current) return;
  current.mapping = { ...current.mapping, ...change };
  renderPreview();
}

function setColumn(field: LedgerField, header: string): void {
  if (!current) return;
  const others = Object.entries(current.mapping.columns).filter(([f]) => f !== field);
  setMapping({ columns: Object.fromEntries(header === "" ? others : [...others, [field, header]]) });
}

/** Reads the picked file again another way (an encoding or a sheet the analyst chose), keeping the mapping while the headers stay the same. */
async function reread(options: LoadOptions): Promise<void> {
  const before = current;
  if (!before) return;
  const picked = await runTask(P.reading(before.log.name), async () => (await loadWork()).readLog(before.log.name, before.bytes, inExcel, undefined, options), explainPlain);
  if (!picked || current !== before) return;
  if ("ok" in picked) {
    const text = refusalMessage(picked.problem);
    showMessage(text);
    setStatus(text);
    return;
  }
  const same = picked.log.table.headers.join("\u001f") === before.log.table.headers.join("\u001f");
  current = { ...picked, mapping: same ? before.mapping : picked.mapping };
  fill(byId("import-file-name"), P.picked(picked.log.name, picked.log.table.rows.length, picked.log.table.headers.length));
  renderMapping();
  renderPreview();
}

/** The choice of how the file is read: a CSV's encoding, or the sheet of an .xlsx with several; null for a one-sheet workbook. */
function readingChoice(picked: PickedLog): HTMLElement | null {
  const { log, options } = picked;
  if (log.decoding) {
    const found: TextEncoding | undefined = options.encoding === undefined || options.encoding === "auto" ? log.decoding.encoding : undefined;
    const choices: [string, string][] = [["auto", P.encodingAuto(found)], ...(Object.keys(ENCODING_WORDS) as TextEncoding[]).map((e): [string, string] => [e, ENCODING_WORDS[e]])];
    return select("read-encoding", P.encoding, choices, options.encoding ?? "auto", (value) => void reread({ encoding: value as LoadOptions["encoding"] }));
  }
  const sheet = log.sheet;
  if (!sheet || sheet.sheets.length < 2) return null;
  const choices: [string, string][] = [["", P.sheetAuto(options.sheet === undefined ? sheet.name : undefined)], ...sheet.sheets.map((name): [string, string] => [name, name])];
  return select("read-sheet", P.sheet, choices, options.sheet ?? "", (value) => void reread(value === "" ? {} : { sheet: value }));
}

function renderMapping(): void {
  const area = byId("import-mapping");
  if (!current) {
    fill(area);
    area.hidden = true;
    return;
  }
  const { log, proposal, mapping, saved } = current;
  const headers = log.table.headers;
  const fields = LEDGER_FIELDS.map((field) => {
    const header = mapping.columns[field] ?? "";
    const choices: [string, string][] = [["", FIELD_SPECS[field].required ? P.chooseColumn : P.notMapped], ...headers.map((h): [string, string] => [h, h])];
    const hint = !saved && proposal.confidence[field] === "similar" && header !== "" ? P.similar(header) : undefined;
    return select(`map-${field}`, fieldLabel(field), choices, header, (value) => setColumn(field, value), hint);
  });
  fill(
    area,
    h("p", { class: "subhead" }, "Column mapping"),
    h("p", { class: "hint" }, saved ? P.savedMapping : P.proposedMapping),
    ...fields,
    select(
      "map-dateOrder",
      "Dates like 03/11/2026",
      [
        ["auto", "Decide from the file"],
        ["DMY", "Day first (3 November)"],
        ["MDY", "Month first (11 March)"],
      ],
      mapping.dateOrder,
      (value) => setMapping({ dateOrder: value as ColumnMapping["dateOrder"] }),
    ),
    select(
      "map-decimal",
      "Decimal mark",
      [
        ["auto", "Decide from the file"],
        [".", "Point (1,200.5)"],
        [",", "Comma (1.200,5)"],
      ],
      mapping.decimal,
      (value) => setMapping({ decimal: value as ColumnMapping["decimal"] }),
    ),
    // With the reading settings, after the columns (whose order the keyboard follows): the encoding or the sheet the file is read with.
    readingChoice(current),
  );
  area.hidden = false;
}

// ---- The preview -------------------------------------------------------------------------

/** "2026-11-03 14:05:00" in the log's own (UTC) clock, as the Ledger table shows it. */
const when = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

function recordRow(r: LedgerRecord): HTMLTableRowElement {
  const who = [r.agent, r.job, r.actionType].filter((t) => t !== "").join(" · ");
  const extra = [r.status, r.escalated ? "escalated" : "", r.rerun ? "rerun" : "", r.reviewMinutes > 0 ? `${r.reviewMinutes} min review` : "", r.team ? `team ${r.team}` : ""].filter(Boolean).join(", ");
  return h("tr", {}, h("td", {}, String(r.sourceRow)), h("td", {}, when(r.timestampMs)), h("td", {}, who), h("td", {}, String(r.units)), h("td", {}, extra));
}

function previewTable(records: readonly LedgerRecord[]): HTMLElement {
  const head = h("tr", {}, ...["Line", "Time (UTC)", "Agent · job · action", "Units", "Outcome"].map((t) => h("th", { scope: "col" }, t)));
  return h("table", { id: "import-rows", class: "preview" }, h("thead", {}, head), h("tbody", {}, ...records.map(recordRow)));
}

function importControls(): HTMLElement {
  if (inExcel) return h("div", { class: "row" }, button("Import", () => void runImport(false), { primary: true, label: "Import into the ledger" }));
  // Not a data-action: the busy state re-enables those, and this one stays disabled outside Excel.
  const disabled = h("fluent-button", { appearance: "primary", disabled: true, "aria-describedby": "import-needs-excel" }, "Import");
  disabled.id = "import-button";
  return h("div", { class: "stack" }, h("div", { class: "row" }, disabled), h("p", { id: "import-needs-excel", class: "hint" }, P.needsExcel));
}

function renderPreview(): void {
  const area = byId("import-preview");
  fill(byId("import-result"));
  if (!current) {
    fill(area);
    return;
  }
  const picked = current;
  void loadWork().then((w) => {
    if (current !== picked) return;
    const preview = w.previewLog(picked.log, picked.mapping);
    if ("ok" in preview) {
      const text = refusalMessage(preview.problem);
      fill(area, h("p", { id: "import-problem", class: "error" }, text));
      setStatus(text);
      return;
    }
    const { result, questions, reading } = preview;
    const c = result.counts;
    const counts = P.counts(c.read, c.accepted, c.rejected, c.blankLines);
    const records = result.records.slice(0, PREVIEW_ROWS);
    const rejects = result.rejects.slice(0, PREVIEW_REJECTS);
    // An assumed decimal mark is both a question and a note: said once.
    // How the file was read first (its encoding and separator, or its sheet), then what needs a decision.
    const notes = [...new Set([...reading, ...questions, ...result.notes].map(importNoteMessage))];
    const used = new Set(Object.values(picked.mapping.columns));
    const unused = picked.log.table.headers.filter((header) => !used.has(header));
    fill(
      area,
      h("p", { class: "subhead" }, "Preview"),
      h("p", { id: "import-counts" }, counts),
      notes.length > 0 && h("ul", { id: "import-notes" }, ...notes.map((n) => h("li", {}, n))),
      unused.length > 0 && h("p", { class: "hint" }, P.unusedColumns(unused)),
      records.length > 0 && h("p", { class: "hint" }, P.firstRows(records.length, c.accepted)),
      records.length > 0 && previewTable(records),
      rejects.length > 0 && h("p", { class: "hint" }, P.firstRejects(rejects.length, c.rejected)),
      rejects.length > 0 && h("ul", { id: "import-rejects" }, ...rejects.map((r) => h("li", {}, P.rejectLine(r.sourceRow, r.reasons)))),
      importControls(),
    );
    setStatus(counts);
  }, (error: unknown) => showMessage(explainPlain(error)));
}

// ---- Picking and importing ---------------------------------------------------------------

async function pick(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const picked = await runTask(
    P.reading(file.name),
    async () => {
      const w = await loadWork();
      return w.readLog(file.name, bytes, inExcel);
    },
    explainPlain,
  );
  if (!picked) return;
  if ("ok" in picked) {
    current = null;
    renderMapping();
    renderPreview();
    fill(byId("import-file-name"), file.name);
    const text = refusalMessage(picked.problem);
    showMessage(text);
    setStatus(text);
    return;
  }
  current = { ...picked };
  fill(byId("import-file-name"), P.picked(file.name, picked.log.table.rows.length, picked.log.table.headers.length));
  renderMapping();
  renderPreview();
}

async function runImport(allowSameFile: boolean): Promise<void> {
  const picked = current;
  if (!picked) return;
  const result = byId("import-result");
  fill(result);
  const done = await runTask(
    P.importing(picked.log.name),
    async (progress) => {
      const w = await loadWork();
      progress(0.1, P.importing(picked.log.name));
      const outcome = await w.importLog(picked.log, picked.mapping, allowSameFile);
      progress(1);
      return { outcome, overrulable: !outcome.ok && w.overrulable(outcome.problem) };
    },
    explainPlain,
  );
  if (!done) return;
  const { outcome, overrulable } = done;
  if (!outcome.ok) {
    const text = refusalMessage(outcome.problem);
    showMessage(text);
    setStatus(text);
    // The one refusal the analyst can overrule (by its code): the same file's content, imported before.
    if (overrulable) fill(result, h("div", { class: "row" }, button(P.importAnyway, () => void runImport(true))));
    return;
  }
  const [first = "", ...more] = outcome.value.notes.map(importNoteMessage);
  fill(result, h("p", { id: "import-done" }, first), ...more.map((line) => h("p", { class: "hint" }, line)), h("p", {}, P.imported(outcome.value.importNumber)));
  showMessage(first, "success");
  setStatus(first);
}

/** Wires the section; `excel` says whether Import can write to a workbook. */
export function setUpImport(excel: boolean): void {
  inExcel = excel;
  const input = byId<HTMLInputElement>("import-file");
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) reads it again.
    input.value = "";
    if (file) void pick(file);
  });
  fill(byId("import-controls"), button("Choose a usage log…", () => input.click(), { label: "Choose a usage log (CSV or .xlsx)" }));
}
