/** The workbook options the pane's form holds: used by the build and by both downloads. */
import type { Checkbox, TextInput } from "@fluentui/web-components";
import { byId } from "./ui";

export interface PaneOptions {
  readonly examples: boolean;
  readonly currency: string;
}

/** Reads the form; a blank currency falls back to the template's USD, and a code is read in any case (eur → EUR). */
export function readOptions(): PaneOptions {
  const currency = (byId<TextInput>("currency").value ?? "").trim().toUpperCase();
  return { examples: byId<Checkbox>("examples").checked, currency: currency === "" ? "USD" : currency };
}
