/**
 * The sections that work on the open workbook (Excel only): build, refresh scenarios,
 * check and repair, update rates. Each result is shown as text in its section and the
 * status line; refusals come back in the writer's words through runTask.
 */
import { WORKBOOK_MESSAGES } from "../messages/workbook";
import { listOf } from "../messages/words";
import * as excel from "./excel-actions";
import { readOptions } from "./options";
import { button, byId, fill, h, runTask, setStatus, type Progress } from "./ui";
import type { BuildChoice, TemplateDefect } from "../template/actions/index";

/** A list of plain sentences (or one paragraph for a single one). */
function lines(items: readonly string[]): HTMLElement {
  return items.length === 1 ? h("p", {}, items[0] ?? "") : h("ul", {}, ...items.map((item) => h("li", {}, item)));
}

const run = <T>(working: string, task: (progress: Progress) => Promise<T>): Promise<T | undefined> => runTask(working, task, excel.explain);

// ---- Build -------------------------------------------------------------------------------

/** Where focus goes when the control that had it is hidden or replaced: the section's main button. */
const focusFirstButton = (container: string): void => byId(container).querySelector<HTMLElement>("fluent-button")?.focus();

async function build(choice: BuildChoice): Promise<void> {
  byId("build-choice").hidden = true;
  focusFirstButton("build-controls");
  const result = await run("Building the workbook…", (progress) =>
    excel.build(readOptions(), choice, (p) => progress(p.step === "inspect" ? 0.1 : p.step === "write" ? 0.5 : p.step === "verify" ? 0.9 : 1, p.message)),
  );
  if (!result) return;
  fill(byId("build-result"), lines([result.message]));
  setStatus(result.message);
}

/** Asks first when the template is already there: rebuild in place, write beside, or cancel. */
async function startBuild(): Promise<void> {
  fill(byId("build-result"));
  const report = await run("Looking at the workbook…", () => excel.inspect(readOptions()));
  if (!report) return;
  if (!report.conflicts) {
    await build("fresh");
    return;
  }
  const { sheets, tables, names } = report.existing;
  const quoted = (items: readonly string[]): string => listOf(items.map((item) => `"${item}"`));
  const found =
    sheets.length > 0
      ? `${sheets.length === 1 ? "sheet" : "sheets"} ${quoted(sheets)}`
      : `${tables.length + names.length === 1 ? "table or name" : "tables and names"} ${quoted([...tables, ...names].map((t) => t.name))}`;
  byId("build-choice-text").textContent = `This workbook already has the template's ${found}. Rebuild in place (replacing the template's sheets), or write a second copy beside them with new names?`;
  byId("build-choice").hidden = false;
  setStatus("The template is already in this workbook: choose how to build.");
  byId("build-rebuild").focus();
}

function setUpBuild(): void {
  fill(byId("build-controls"), button("Build the workbook", () => void startBuild(), { primary: true }));
  const rebuild = button("Rebuild in place", () => void build("rebuild"), { label: "Rebuild in place (replaces the template's sheets)" });
  rebuild.id = "build-rebuild";
  const cancel = button("Cancel", () => {
    byId("build-choice").hidden = true;
    focusFirstButton("build-controls");
    setStatus("Build cancelled; nothing was changed.");
  });
  fill(byId("build-choice-buttons"), rebuild, button("Write beside (new names)", () => void build("beside")), cancel);
}

// ---- Refresh scenarios -------------------------------------------------------------------

function setUpRefresh(): void {
  fill(
    byId("refresh-controls"),
    button("Refresh scenarios", () => {
      void run("Refreshing the scenarios…", () => excel.refresh(readOptions())).then((result) => {
        if (!result) return;
        const [first = "", ...changes] = result.message.split("\n");
        fill(byId("refresh-result"), h("p", {}, first), changes.length > 0 && lines(changes));
        setStatus(first);
      });
    }),
  );
}

// ---- Check and repair --------------------------------------------------------------------

function showProblems(problems: readonly TemplateDefect[], done: readonly string[] = []): void {
  const result = byId("check-result");
  const repaired = done.length > 0 ? lines(done) : null;
  if (problems.length === 0) {
    fill(result, repaired, h("p", {}, WORKBOOK_MESSAGES.problem.none));
    setStatus(WORKBOOK_MESSAGES.problem.none);
    return;
  }
  const items = problems.map((problem) =>
    h("li", {}, h("span", {}, problem.message), " ", button("Repair", () => void repairOne(problem), { label: `Repair: ${problem.message}` })),
  );
  fill(result, repaired, h("p", {}, `${problems.length} ${problems.length === 1 ? "problem" : "problems"} found:`), h("ul", {}, ...items));
  setStatus(`${problems.length} ${problems.length === 1 ? "problem" : "problems"} found.`);
}

async function check(): Promise<void> {
  const problems = await run("Checking the workbook…", () => excel.check(readOptions()));
  if (problems) showProblems(problems);
}

async function repairOne(problem: TemplateDefect): Promise<void> {
  const outcome = await run("Repairing…", async () => {
    const done = await excel.repairOne(readOptions(), problem);
    return { done, problems: await excel.check(readOptions()) };
  });
  if (!outcome) return;
  showProblems(outcome.problems, outcome.done);
  focusFirstButton("check-controls");
  // The repaired line is what the analyst asked about: say it first.
  setStatus(outcome.done.join(" ") || "Repaired.");
}

function setUpCheck(): void {
  fill(byId("check-controls"), button("Check the workbook", () => void check()));
}

// ---- Rates -------------------------------------------------------------------------------

async function compareRates(): Promise<void> {
  const diff = await run("Comparing the rate cards…", () => excel.compareRates());
  if (!diff) return;
  const differs = diff.changed.length + diff.missing.length > 0;
  const apply = button("Apply the built-in rates", () => void applyRates(), { primary: true });
  fill(byId("rates-result"), lines(diff.lines), differs && apply);
  setStatus(differs ? `${diff.changed.length + diff.missing.length} rates differ from the built-in card.` : diff.lines[0] ?? "");
}

async function applyRates(): Promise<void> {
  const message = await run("Updating the rate card…", () => excel.applyRates());
  if (!message) return;
  fill(byId("rates-result"), h("p", {}, message));
  setStatus(message);
  focusFirstButton("rates-controls");
}

function setUpRates(): void {
  fill(byId("rates-controls"), button("Compare with the built-in rates", () => void compareRates()));
}

// ---- Insert ------------------------------------------------------------------------------

function insert(formula: string): void {
  void run("Inserting…", () => excel.insertFormula(formula)).then((address) => {
    if (address) setStatus(`Inserted ${formula} into ${address}.`);
  });
}

/** Wires the workbook sections; returns what the reference's Insert buttons call. */
export function setUpWorkbookSections(): (formula: string) => void {
  setUpBuild();
  setUpRefresh();
  setUpCheck();
  setUpRates();
  return insert;
}
