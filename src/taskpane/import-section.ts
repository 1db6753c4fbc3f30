/**
 * The Import usage log section: pick a CSV or .xlsx, confirm the column mapping (one select
 * per ledger field, the day/month order and the decimal mark), check the preview (the first
 * rows as the ledger will hold them, the counts and the first rejects), then import (Excel
 * only). Outside Office the picker, mapping and preview work the same, so an analyst can check
 * a log without Excel; Import is disabled with the reason. The log is read, parsed and checked
 * by the log reader, a Web Worker (import-worker.ts; on this thread where there is none), with
 * its progress shown here and a Cancel that stops it with nothing written. The importer and
 * the reader's client come in on demand (import-work.ts, its own chunk): this file is DOM only, text only.
 */
import type { LedgerRecord } from "../engine/ledger-types";
import { FIELD_SPECS, LEDGER_FIELDS, type LedgerField } from "../import/fields";
import type { ColumnMapping, LoadOptions, LogReader } from "./import-work";
import { FIRST_TRY, type ImportChoices, type LogSummary, type PreviewData, type ReadProgress } from "./import-protocol";
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

/** Starts the log reader's worker (its own bundle, fetched when the first log is picked); none where the host has no Worker. */
const startWorker =
  typeof Worker === "function" ? (): Worker => new Worker(/* webpackChunkName: "log-reader" */ new URL("./import-worker.ts", import.meta.url), { name: "log-reader" }) : undefined;

let reader: LogReader | undefined;
const readerOf = (w: Work): LogReader => (reader ??= new w.LogReader(startWorker));

const P = IMPORT_MESSAGES.pane;
const PREVIEW_ROWS = 5;
const PREVIEW_REJECTS = 3;
/** How long the reader may work before its progress and Cancel appear (a small log never flashes them). */
const PROGRESS_AFTER_MS = 200;

let inExcel = false;

/** The log picked: its summary (the rows stay with the reader), the file to read it again, and the mapping being edited. */
interface Picked {
  readonly summary: LogSummary;
  readonly file: Blob;
  readonly options: LoadOptions;
  readonly saved: boolean;
  mapping: ColumnMapping;
}

let current: Picked | null = null;

const explainPlain = (error: unknown): string => `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;

// ---- Progress and Cancel -----------------------------------------------------------------

/** What the progress shows: how far (0–100), the step in words, and whether Cancel can still stop it. */
type Show = (percent: number, step: string, cancellable?: boolean) => void;

/**
 * The section's progress while the reader works: a bar screen readers read (role=progressbar
 * with its value and step), the step in words, and Cancel (not a data-action: it stays enabled
 * while the task runs). Shown after PROGRESS_AFTER_MS; the status line says each new step.
 */
async function withProgress<T>(cancel: () => void, task: (show: Show) => Promise<T>): Promise<T> {
  const area = byId("import-progress");
  const bar = h("div");
  const meter = h("div", { id: "import-progress-bar", class: "meter", role: "progressbar", "aria-label": P.progressLabel, "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "0" }, bar);
  const text = h("p", { id: "import-progress-text", class: "hint" });
  const stop = h("fluent-button", { id: "import-cancel", appearance: "secondary", size: "small", "aria-label": P.cancelLabel }, P.cancel);
  stop.addEventListener("click", cancel);
  fill(area, h("div", { class: "row" }, text, stop), meter);
  const timer = window.setTimeout(() => (area.hidden = false), PROGRESS_AFTER_MS);
  let said = "";
  const show: Show = (percent, step, cancellable = true) => {
    const value = Math.round(Math.min(100, Math.max(0, percent)));
    meter.setAttribute("aria-valuenow", String(value));
    meter.setAttribute("aria-valuetext", P.progressValue(step, value));
    bar.style.width = `${value}%`;
    text.textContent = step;
    stop.hidden = !cancellable;
    // The status line (polite) hears each step once, not every byte count.
    const kind = step.split(" ")[0] ?? step;
    if (kind !== said) {
      said = kind;
      setStatus(step);
    }
  };
  try {
    return await task(show);
  } finally {
    window.clearTimeout(timer);
    area.hidden = true;
    fill(area);
  }
}

/** A reader's progress as the bar shows it: reading the bytes from `from` to `to` %, then parsing at `to`, checking or planning at `at`. */
function readerSteps(show: Show, name: string, from: number, to: number, at: number): (progress: ReadProgress) => void {
  return ({ stage, bytes, rows = 0 }) => {
    const total = bytes?.total ?? 0;
    if (stage === "reading") show(from + (total > 0 ? ((to - from) * (bytes?.read ?? 0)) / total : 0), P.progressReading(name, bytes?.read ?? 0, total));
    else if (stage === "parsing") show(to, P.progressParsing(name, total));
    else if (stage === "checking") show(at, P.progressChecking(rows));
    else show(at, P.progressPlanning(rows));
  };
}

/** Says a task was cancelled: nothing was imported, the workbook unchanged. */
function sayCancelled(): void {
  showMessage(P.cancelled, "info");
  setStatus(P.cancelled);
}

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

/** The choice of how the file is read: a CSV's encoding, or the sheet of an .xlsx with several; null for a one-sheet workbook. */
function readingChoice(picked: Picked): HTMLElement | null {
  const { summary, options } = picked;
  if (summary.decoding) {
    const found: TextEncoding | undefined = options.encoding === undefined || options.encoding === "auto" ? summary.decoding.encoding : undefined;
    const choices: [string, string][] = [["auto", P.encodingAuto(found)], ...(Object.keys(ENCODING_WORDS) as TextEncoding[]).map((e): [string, string] => [e, ENCODING_WORDS[e]])];
    return select("read-encoding", P.encoding, choices, options.encoding ?? "auto", (value) => void read(picked.file, summary.name, { encoding: value as LoadOptions["encoding"] }, picked));
  }
  const sheet = summary.sheet;
  if (!sheet || sheet.sheets.length < 2) return null;
  const choices: [string, string][] = [["", P.sheetAuto(options.sheet === undefined ? sheet.name : undefined)], ...sheet.sheets.map((name): [string, string] => [name, name])];
  return select("read-sheet", P.sheet, choices, options.sheet ?? "", (value) => void read(picked.file, summary.name, value === "" ? {} : { sheet: value }, picked));
}

function renderMapping(): void {
  const area = byId("import-mapping");
  if (!current) {
    fill(area);
    area.hidden = true;
    return;
  }
  const { summary, mapping, saved } = current;
  const { proposal, headers } = summary;
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
  if (inExcel) return h("div", { class: "row" }, button("Import", () => void runImport(FIRST_TRY), { primary: true, label: "Import into the ledger" }));
  // Not a data-action: the busy state re-enables those, and this one stays disabled outside Excel.
  const disabled = h("fluent-button", { appearance: "primary", disabled: true, "aria-describedby": "import-needs-excel" }, "Import");
  disabled.id = "import-button";
  return h("div", { class: "stack" }, h("div", { class: "row" }, disabled), h("p", { id: "import-needs-excel", class: "hint" }, P.needsExcel));
}

/** The preview area for a preview the reader made, or the mapping's problem. */
function showPreview(picked: Picked, preview: PreviewData | { ok: false; problem: Parameters<typeof refusalMessage>[0] }): void {
  const area = byId("import-preview");
  if (!preview.ok) {
    const text = refusalMessage(preview.problem);
    fill(area, h("p", { id: "import-problem", class: "error" }, text));
    setStatus(text);
    return;
  }
  const c = preview.counts;
  const counts = P.counts(c.read, c.accepted, c.rejected, c.blankLines);
  const { records, rejects } = preview;
  // How the file was read first (its encoding and separator, or its sheet), the export recognised, then what needs a decision.
  const notes = [...new Set(preview.notes.map(importNoteMessage))];
  const used = new Set(Object.values(picked.mapping.columns));
  const unused = preview.headers.filter((header) => !used.has(header));
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
}

/** A preview the analyst cancelled: said where the preview goes, with a way to run it again. */
function showPreviewCancelled(): void {
  fill(byId("import-preview"), h("p", { id: "import-problem" }, P.cancelled), h("div", { class: "row" }, button(P.previewAgain, () => renderPreview())));
  sayCancelled();
}

/** Previews the picked log under its mapping (after a change to it), in the reader, with progress and Cancel. */
function renderPreview(): void {
  fill(byId("import-result"));
  const picked = current;
  if (!picked) {
    fill(byId("import-preview"));
    return;
  }
  void runTask(
    P.progressChecking(picked.summary.rows),
    async () => {
      const w = await loadWork();
      const r = readerOf(w);
      const ticket = r.ticket();
      const preview = await withProgress(
        () => r.cancel(),
        (show) => r.preview(picked.mapping, PREVIEW_ROWS, PREVIEW_REJECTS, readerSteps(show, picked.summary.name, 0, 20, 50), ticket).catch((error: unknown) => (w.isCancelled(error) ? null : Promise.reject(error))),
      );
      if (current !== picked) return;
      if (preview === null) showPreviewCancelled();
      else showPreview(picked, preview);
    },
    explainPlain,
    { ownProgress: true },
  );
}

// ---- Picking and importing ---------------------------------------------------------------

/**
 * Reads a file in the reader and previews it: the picked file, or the same file another way
 * (`before`: the log it was, whose mapping is kept while the headers stay the same). Progress
 * and Cancel throughout; a cancelled pick leaves nothing picked.
 */
async function read(file: Blob, name: string, options: LoadOptions, before?: Picked): Promise<void> {
  const outcome = await runTask(
    P.reading(name),
    async () => {
      const w = await loadWork();
      const r = readerOf(w);
      const ticket = r.ticket();
      return withProgress(
        () => r.cancel(),
        async (show) => {
          try {
            const summary = await r.read(file, name, options, readerSteps(show, name, 0, 30, 60), ticket);
            if ("ok" in summary) return summary;
            const same = before !== undefined && summary.headers.join("\u001f") === before.summary.headers.join("\u001f");
            const saved = same ? null : await w.savedMapping(summary.headers, inExcel);
            r.check(ticket);
            const picked: Picked = { summary, file, options, saved: same ? before.saved : saved !== null, mapping: same ? before.mapping : (saved ?? summary.proposal.mapping) };
            const preview = await r.preview(picked.mapping, PREVIEW_ROWS, PREVIEW_REJECTS, readerSteps(show, name, 0, 30, 60), ticket);
            return { picked, preview };
          } catch (error) {
            if (w.isCancelled(error)) return "cancelled" as const;
            throw error;
          }
        },
      );
    },
    explainPlain,
    { ownProgress: true },
  );
  if (!outcome) return;
  if (outcome === "cancelled" || "ok" in outcome) {
    // Nothing picked: a reading choice that failed or was cancelled drops the log, as a new pick would.
    current = null;
    renderMapping();
    fill(byId("import-preview"));
    fill(byId("import-result"));
    fill(byId("import-file-name"), outcome === "cancelled" ? "" : name);
    if (outcome === "cancelled") return sayCancelled();
    const text = refusalMessage(outcome.problem);
    showMessage(text);
    setStatus(text);
    return;
  }
  const { picked, preview } = outcome;
  current = picked;
  fill(byId("import-file-name"), P.picked(name, picked.summary.rows, picked.summary.headers.length));
  renderMapping();
  fill(byId("import-result"));
  showPreview(picked, preview);
}

async function runImport(choices: ImportChoices): Promise<void> {
  const picked = current;
  if (!picked) return;
  const result = byId("import-result");
  fill(result);
  const name = picked.summary.name;
  const done = await runTask(
    P.importing(name),
    async () => {
      const w = await loadWork();
      const r = readerOf(w);
      const ticket = r.ticket();
      return withProgress(
        () => r.cancel(),
        async (show) => {
          const steps = { ledger: [10, P.progressLedger], planning: [40, P.progressPlanning(picked.summary.rows)], writing: [70, P.progressWriting] } as const;
          try {
            const outcome = await w.importPlanned(
              (holding, options) => r.plan(holding, picked.mapping, options, readerSteps(show, name, 20, 30, 40), ticket),
              picked.mapping,
              choices,
              undefined,
              // Once writing has begun Cancel is gone: the rows go in, then the stamp.
              (step) => show(steps[step][0], steps[step][1], step !== "writing"),
            );
            return { outcome, overrulable: !outcome.ok && w.overrulable(outcome.problem), periods: !outcome.ok && w.asksAboutPeriods(outcome.problem) };
          } catch (error) {
            if (w.isCancelled(error)) return "cancelled" as const;
            throw error;
          }
        },
      );
    },
    explainPlain,
    { ownProgress: true },
  );
  if (!done) return;
  if (done === "cancelled") return sayCancelled();
  const { outcome, overrulable, periods } = done;
  if (!outcome.ok) {
    const text = refusalMessage(outcome.problem);
    showMessage(text);
    setStatus(text);
    // The one refusal the analyst can overrule (by its code): the same file's content, imported before.
    if (overrulable) fill(result, h("div", { class: "row" }, button(P.importAnyway, () => void runImport({ ...choices, allowSameFile: true }))));
    // The question (by its code): periods the file exports again with other figures.
    if (periods)
      fill(
        result,
        h("div", { class: "row" }, button(P.replacePeriods, () => void runImport({ ...choices, periods: "replace" })), button(P.keepPeriods, () => void runImport({ ...choices, periods: "keep" }))),
      );
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
    if (file) void read(file, file.name, {});
  });
  const choose = (): void => {
    input.click();
    // The reader's worker starts while the file dialog is open (a failed chunk fetch is tried again on the pick).
    void loadWork().then((w) => readerOf(w).warm(), () => undefined);
  };
  fill(byId("import-controls"), button("Choose a usage log…", choose, { label: "Choose a usage log (CSV or .xlsx)" }));
}
