/** The import section's on-demand work, in Node: reading a picked file and previewing it under a mapping. */
import fs from "fs";
import path from "path";
import { isSameFileRefusal, previewLog, readLog, type PickedLog } from "../../src/taskpane/import-work";
import { WORKBOOK_MESSAGES } from "../../src/messages/workbook";
import { IMPORT_MESSAGES } from "../../src/messages/import";

const FIXTURES = path.join(__dirname, "../import/fixtures");

async function pick(fixture: string): Promise<PickedLog> {
  const picked = await readLog(fixture, new Uint8Array(fs.readFileSync(path.join(FIXTURES, fixture))), false);
  if ("ok" in picked) throw new Error(picked.message);
  return picked;
}

test("outside Excel a picked log starts from the proposed mapping, and previews with the importer's counts", async () => {
  const picked = await pick("vendor-export.csv");
  expect(picked.saved).toBe(false);
  expect(picked.mapping).toEqual(picked.proposal.mapping);
  const preview = previewLog(picked.log, picked.mapping);
  if ("ok" in preview) throw new Error(preview.message);
  expect(preview.result.counts).toEqual({ read: 16, accepted: 7, rejected: 9, duplicates: 0, blankLines: 2 });
  expect(preview.questions).toEqual([]);
});

test("a mapping without the units is refused in the catalogue's words", async () => {
  const picked = await pick("vendor-export.csv");
  const columns = Object.fromEntries(Object.entries(picked.mapping.columns).filter(([field]) => field !== "units"));
  expect(previewLog(picked.log, { ...picked.mapping, columns })).toEqual({ ok: false, message: IMPORT_MESSAGES.refusal.unmappedRequired([IMPORT_MESSAGES.fields.units]) });
});

test("an empty file is refused", async () => {
  await expect(readLog("empty.csv", new Uint8Array(), false)).resolves.toEqual({ ok: false, message: IMPORT_MESSAGES.refusal.empty });
});

test("Import anyway is offered for the same-file refusal only", () => {
  expect(isSameFileRefusal(IMPORT_MESSAGES.refusal.alreadyImported("usage.csv", "2026-11-23 10:00", 3))).toBe(true);
  expect(isSameFileRefusal(IMPORT_MESSAGES.refusal.empty)).toBe(false);
  expect(isSameFileRefusal(WORKBOOK_MESSAGES.refusal.protectedSheet)).toBe(false);
});
