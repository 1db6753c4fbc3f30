/**
 * The pane's DOM helpers: elements built with text only (workbook and user text never
 * reaches innerHTML), one busy state with a progress bar shown after half a second, the
 * status line screen readers hear, and the message bar for what went wrong.
 */
type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Readonly<Record<string, string | boolean>>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Readonly<Record<string, string | boolean>>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Readonly<Record<string, string | boolean>> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) element.setAttribute(name, "");
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The pane has no #${id}`);
  return element as T;
}

/** Replaces an element's children (text stays text). */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

/** A button in the Fluent style, disabled while a task runs; `label` names it for screen readers (starting with its text). */
export function button(text: string, onClick: () => void, options: { primary?: boolean; small?: boolean; label?: string } = {}): HTMLElement {
  const element = h("fluent-button", { appearance: options.primary ? "primary" : "secondary", size: options.small ? "small" : false, "data-action": true }, text);
  if (options.label) element.setAttribute("aria-label", options.label);
  element.addEventListener("click", onClick);
  return element;
}

export function setStatus(text: string): void {
  byId("status").textContent = text;
}

/** Shows what went wrong (or a success worth keeping on screen) above the sections; empty text clears it. */
export function showMessage(text: string, intent: "error" | "warning" | "success" | "info" = "error"): void {
  const area = byId("message");
  if (text === "") {
    area.replaceChildren();
    return;
  }
  // role=alert so an error is announced at once, not after the polite status line.
  fill(area, h("fluent-message-bar", { intent, layout: "multiline", ...(intent === "error" ? { role: "alert" } : {}) }, text));
}

/** How long work may run before the progress bar appears. */
export const PROGRESS_AFTER_MS = 500;

export interface Progress {
  /** A share of the work done (0–1) and what is happening now. */
  (done: number, label?: string): void;
}

let busy = false;

/**
 * Runs one task at a time: action buttons are disabled while it runs, and the progress bar
 * and status appear if it takes longer than half a second (`ownProgress`: the task shows its
 * own, beside its Cancel, and the status only). Returns undefined when the task failed (its
 * message is shown) or another task was running.
 */
export async function runTask<T>(working: string, task: (progress: Progress) => Promise<T>, explain: (error: unknown) => string, options: { ownProgress?: boolean } = {}): Promise<T | undefined> {
  if (busy) return undefined;
  busy = true;
  // Disabling the buttons drops keyboard focus to the page: it goes back where it was afterwards.
  const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  const bar = byId("progress");
  const main = byId("main");
  main.setAttribute("aria-busy", "true");
  for (const control of document.querySelectorAll("[data-action]")) control.setAttribute("disabled", "");
  showMessage("");
  // Indeterminate until the task reports how far it is.
  bar.removeAttribute("value");
  let shown = false;
  let label = working;
  const timer = window.setTimeout(() => {
    shown = true;
    bar.hidden = options.ownProgress === true;
    setStatus(label);
  }, PROGRESS_AFTER_MS);
  const progress: Progress = (done, now) => {
    bar.setAttribute("value", String(Math.round(Math.min(1, Math.max(0, done)) * 100)));
    if (now) label = now;
    if (now && shown) setStatus(now);
  };
  try {
    return await task(progress);
  } catch (error) {
    const text = explain(error);
    showMessage(text);
    setStatus(text);
    return undefined;
  } finally {
    window.clearTimeout(timer);
    bar.hidden = true;
    main.removeAttribute("aria-busy");
    for (const control of document.querySelectorAll("[data-action]")) control.removeAttribute("disabled");
    busy = false;
    if (focused?.isConnected && (document.activeElement === null || document.activeElement === document.body)) focused.focus();
  }
}
