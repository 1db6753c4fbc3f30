/** Types for build/metadata.js (plain CommonJS so webpack.config.js can require it). */
export const DEV_BASE_URL: string;
export function finishMetadata(metadataJson: string, baseUrl: string): string;
export function formulaOf(example: { id: string; args: unknown[] }): string;
export function renderReferenceHtml(metadata: unknown, examples: readonly unknown[]): string;
export function renderReferenceMarkdown(metadata: unknown, examples: readonly unknown[]): string;
