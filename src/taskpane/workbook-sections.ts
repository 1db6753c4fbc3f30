/**
 * The sections that work on the open workbook (Excel only): build, refresh scenarios,
 * check and repair, update rates. The writer and actions return data; every sentence shown
 * here comes from the catalogue, and the sections branch on codes, never on text.
 */
import {
  WORKBOOK_MESSAGES as W,
  buildProgressMessage,
  builtMessage,
  defectMessage,
  isWorkbookRefusal,
  rateCardMessage,
  refreshMessages,
  repairedMessage,
  type BuildProgress,
  type Repaired,
  type TemplateDefect,
  type WorkbookItem,
  type WorkbookRefusal,
} from "../messages/workbook";
import { refusalMessage } from "../messages/refusals";
import * as excel from "./excel-actions";
import { readOptions } from "./options";
import { button, byId, fill, h, runTask, setStatus, showMessage, type Progress } from "./ui";
import { Refusal, type BuildChoice } from "../template/actions/index";

/** A list of plain sentences (or one paragraph for a single one). */
function lines(items: readonly string[]): HTMLElement {
  return items.length === 1 ? h("p", {}, items[0] ?? "") : h("ul", {}, ...items.map((item) => h("li", {}, item)));
}

const run = <T>(working: string, task: (progress: Progress) => Promise<T>): Promise<T | undefined> => runTask(working, task, excel.explain);

// ---- Build -------------------------------------------------------------------------------

/** Where focus goes when the control that had it is hidden or replaced: the section's main button. */
const focusFirstButton = (container: string): void => byId(container).querySelector<HTMLElement>("fluent-button")?.focus();

/** How far the build is at each step, for the progress bar. */
const BUILD_SHARE: Readonly<Record<BuildProgress["code"], number>> = { inspect: 0.1, write: 0.5, verify: 0.9, done: 1 };

/** Refusals the build section answers with a choice (rebuild, write beside) rather than an error alone. */
type Answerable = Extract<WorkbookRefusal, { readonly code: "conflicts" | "rebuildWouldTouch" }>;
const answerable = (problem: { readonly code: string }): problem is Answerable =>
  isWorkbookRefusal(problem) && (problem.code === "conflicts" || problem.code === "rebuildWouldTouch");

/** Shows the choice (rebuild in place, write beside, or cancel), focused on the likeliest answer. */
function askHowToBuild(focus: "build-rebuild" | "build-beside", items?: readonly WorkbookItem[]): void {
  if (items) byId("build-choice-text").textContent = W.pane.choose(items);
  byId("build-choice").hidden = false;
  byId(focus).focus();
}

/** Builds fresh first: if the template is already there, the refusal says what, and the pane asks how to build. */
async function build(choice: BuildChoice): Promise<void> {
  byId("build-choice").hidden = true;
  focusFirstButton("build-controls");
  fill(byId("build-result"));
  const outcome = await run(W.pane.building, async (progress) => {
    const built = await excel.build(readOptions(), choice, (p) => progress(BUILD_SHARE[p.code], buildProgressMessage(p)));
    if (!built.ok && !answerable(built.problem)) throw new Refusal(built.problem);
    return built;
  });
  if (!outcome) return;
  if (outcome.ok) {
    const text = builtMessage(outcome.value.built);
    fill(byId("build-result"), lines([text]));
    setStatus(text);
    return;
  }
  if (!answerable(outcome.problem)) return;
  switch (outcome.problem.code) {
    case "conflicts":
      askHowToBuild("build-rebuild", outcome.problem.items);
      setStatus(W.pane.chooseStatus);
      break;
    case "rebuildWouldTouch": {
      // Rebuild can't go ahead, but writing beside can: the choice stays one key away.
      const text = refusalMessage(outcome.problem);
      showMessage(text);
      askHowToBuild("build-beside");
      setStatus(text);
      break;
    }
  }
}

function setUpBuild(): void {
  fill(byId("build-controls"), button("Build the workbook", () => void build("fresh"), { primary: true }));
  const rebuild = button("Rebuild in place", () => void build("rebuild"), { label: "Rebuild in place (replaces the template's sheets)" });
  rebuild.id = "build-rebuild";
  const cancel = button("Cancel", () => {
    byId("build-choice").hidden = true;
    focusFirstButton("build-controls");
    setStatus(W.pane.cancelled);
  });
  const beside = button("Write beside (new names)", () => void build("beside"));
  beside.id = "build-beside";
  fill(byId("build-choice-buttons"), rebuild, beside, cancel);
}

// ---- Refresh scenarios -------------------------------------------------------------------

function setUpRefresh(): void {
  fill(
    byId("refresh-controls"),
    button("Refresh scenarios", () => {
      void run(W.pane.refreshing, () => excel.refresh(readOptions())).then((result) => {
        if (!result) return;
        const { headline, lines: changes } = refreshMessages(result);
        fill(byId("refresh-result"), h("p", {}, headline), lines(changes));
        setStatus(headline);
      });
    }),
  );
}

// ---- Check and repair --------------------------------------------------------------------

function showProblems(problems: readonly TemplateDefect[], done: readonly Repaired[] = []): void {
  const result = byId("check-result");
  const repaired = done.length > 0 ? lines(done.map(repairedMessage)) : null;
  if (problems.length === 0) {
    fill(result, repaired, h("p", {}, W.problem.none));
    setStatus(W.problem.none);
    return;
  }
  const items = problems.map((problem) => {
    const text = defectMessage(problem);
    return h("li", {}, h("span", {}, text), " ", button("Repair", () => void repairOne(problem), { label: W.pane.repairLabel(text) }));
  });
  fill(result, repaired, h("p", {}, W.pane.problemsHeading(problems.length)), h("ul", {}, ...items));
  setStatus(W.pane.problemsFound(problems.length));
}

async function check(): Promise<void> {
  const problems = await run(W.pane.checking, () => excel.check(readOptions()));
  if (problems) showProblems(problems);
}

async function repairOne(problem: TemplateDefect): Promise<void> {
  const outcome = await run(W.pane.repairing, async () => {
    const done = await excel.repairOne(readOptions(), problem);
    return { done, problems: await excel.check(readOptions()) };
  });
  if (!outcome) return;
  showProblems(outcome.problems, outcome.done);
  focusFirstButton("check-controls");
  // The repaired line is what the analyst asked about: say it first.
  setStatus(outcome.done.map(repairedMessage).join(" "));
}

function setUpCheck(): void {
  fill(byId("check-controls"), button("Check the workbook", () => void check()));
}

// ---- Rates -------------------------------------------------------------------------------

async function compareRates(): Promise<void> {
  const diff = await run(W.pane.comparingRates, () => excel.compareRates());
  if (!diff) return;
  const differing = diff.changed.length + diff.missing.length;
  const apply = button("Apply the built-in rates", () => void applyRates(), { primary: true });
  fill(byId("rates-result"), lines(diff.lines.map(rateCardMessage)), differing > 0 && apply);
  setStatus(differing > 0 ? W.rateCard.differ(differing) : rateCardMessage(diff.lines[0] ?? { code: "same" }));
}

async function applyRates(): Promise<void> {
  const applied = await run(W.pane.updatingRates, () => excel.applyRates());
  if (!applied) return;
  const text = rateCardMessage(applied);
  fill(byId("rates-result"), h("p", {}, text));
  setStatus(text);
  focusFirstButton("rates-controls");
}

function setUpRates(): void {
  fill(byId("rates-controls"), button("Compare with the built-in rates", () => void compareRates()));
}

// ---- Insert ------------------------------------------------------------------------------

function insert(formula: string): void {
  void run(W.pane.inserting, () => excel.insertFormula(formula)).then((address) => {
    if (address) setStatus(W.pane.inserted(formula, address));
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
