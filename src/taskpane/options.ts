/** The workbook options the pane's form holds: used by the build and by both downloads. */
import type { Checkbox, TextInput } from "@fluentui/web-components";
import { byId } from "./ui";

export interface PaneOptions {
  readonly examples: boolean;
  readonly currency: string;
}

/** Reads the form; a blank currency label falls back to the template's USD. */
export function readOptions(): PaneOptions {
  const currency = (byId<TextInput>("currency").value ?? "").trim();
  return { examples: byId<Checkbox>("examples").checked, currency: currency === "" ? "USD" : currency };
}
