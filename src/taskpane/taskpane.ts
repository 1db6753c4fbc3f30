/**
 * The task pane: builds, refreshes, checks and updates the budgeting workbook in Excel;
 * outside Office (a plain browser) it is a preview with the live function reference and
 * the downloads. It shares the functions' runtime but not their module instances.
 */
import { WORKBOOK_MESSAGES } from "../messages/workbook";
import { downloadWorkbook } from "./download";
import { applyTheme } from "./fluent";
import { readOptions } from "./options";
import { loadMetadata, renderReference } from "./reference";
import { button, byId, fill, runTask, setStatus, showMessage } from "./ui";
import { setUpImport } from "./import-section";
import { setUpWorkbookSections } from "./workbook-sections";

const P = WORKBOOK_MESSAGES.pane;

/** What a thrown error says of itself (the detail the catalogue's sentence quotes). */
const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const explainPlain = (error: unknown): string => P.somethingWrong(detailOf(error));

/** A download touches no workbook, so its failures are ours, not Excel's refusals. */
async function download(portable: boolean): Promise<void> {
  const name = await runTask(P.writingWorkbook(portable), () => downloadWorkbook({ portable, ...readOptions() }), explainPlain);
  if (name) setStatus(P.downloaded(name));
}

function setUpDownloads(): void {
  fill(
    byId("download-controls"),
    button("Workbook with AWU formulas", () => void download(false), { primary: true, label: "Download the workbook with AWU formulas" }),
    button("Portable workbook", () => void download(true), { label: "Download the portable workbook (plain Excel formulas)" }),
  );
}

async function start(inExcel: boolean): Promise<void> {
  const mode = byId("mode");
  // In Excel: the workbook sections, and Insert in the reference.
  const insert = inExcel ? setUpWorkbookSections() : undefined;
  mode.textContent = inExcel ? P.connected : P.preview;
  for (const section of document.querySelectorAll<HTMLElement>("[data-needs-excel]")) section.hidden = !inExcel;
  setUpImport(inExcel);
  setUpDownloads();
  try {
    renderReference(byId("reference"), await loadMetadata(), insert ? { insert } : {});
    setStatus(P.ready);
  } catch (error) {
    showMessage(P.referenceFailed(detailOf(error)));
  }
}

applyTheme();
// No Office at all (office.js failed to load) is a preview too; Office.onReady says host null outside Office.
if (typeof Office === "undefined") void start(false);
else void Office.onReady((info) => start(info.host === Office.HostType.Excel));
