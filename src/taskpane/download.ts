/**
 * Downloads of the template as an .xlsx: with AWU formulas (needs the add-in), or portable
 * (plain Excel formulas). The file writer brings exceljs, so it is imported only when a
 * download is asked for and lands in its own chunk; the pane's first load stays small.
 */
import { describeTemplate } from "../template/sheets/template";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface DownloadChoice {
  readonly portable: boolean;
  readonly examples: boolean;
  readonly currency: string;
}

/** The file name offered for a download. */
export const fileNameFor = (portable: boolean): string => (portable ? "AWU Budget (portable).xlsx" : "AWU Budget.xlsx");

/** Writes the workbook and hands it to the browser as a download; works in Excel's pane and in a plain browser. */
export async function downloadWorkbook(choice: DownloadChoice): Promise<string> {
  const { writeWorkbook } = await import(/* webpackChunkName: "file-writer" */ "../template/writers/file");
  const bytes = await writeWorkbook(describeTemplate({ examples: choice.examples, currency: choice.currency }), { portable: choice.portable });
  // A copy into a fresh ArrayBuffer: Blob wants ArrayBuffer-backed parts, and bytes may be a view on a larger or shared buffer.
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: XLSX_TYPE }));
  const name = fileNameFor(choice.portable);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
