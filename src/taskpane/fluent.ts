/**
 * Fluent UI web components: only the ones the pane uses are registered (each define module
 * registers one element), so the rest of the library never reaches the bundle.
 */
import { webLightTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import "@fluentui/web-components/accordion.js";
import "@fluentui/web-components/accordion-item.js";
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/checkbox.js";
import "@fluentui/web-components/field.js";
import "@fluentui/web-components/message-bar.js";
import "@fluentui/web-components/progress-bar.js";
import "@fluentui/web-components/text-input.js";

/** The light theme's tokens as CSS custom properties on the document. */
export function applyTheme(): void {
  setTheme(webLightTheme);
}
