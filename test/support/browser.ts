/**
 * The harness the pane's browser tests share: dist/ served read-only by a tiny static
 * server, and Debian's Chromium driven by playwright-core with a fresh profile.
 * `npm test` builds dist/ first. The built page loads Office.js from Microsoft's CDN, which
 * this machine cannot reach: the harness answers those requests with the same files from
 * node_modules/@microsoft/office-js, so the page runs as built. Every Content-Security-Policy
 * violation is reported as a console error, which the tests collect.
 */
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { chromium, type BrowserContext } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");
export const RESULTS = path.join(ROOT, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PANE_WIDTH = 320;
/** The folder on Microsoft's CDN that a production build's office.js comes from (webpack.config.js), with the scripts it loads next to it. */
export const OFFICE_JS_CDN_FOLDER = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** Office.js's own telemetry frame (the pane's CSP allows it in frame-src): it loads a while after Office.js, outside Excel too. */
export const OFFICE_TELEMETRY = "https://telemetryservice.firstpartyapps.oaspapps.com/";
const OFFICE_JS_LOCAL = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
/** The route a test uses to stand in for office.js: the CDN's (production build) or the local copy (development build). */
export const OFFICE_JS_ROUTE = "**/office.js";

/**
 * The start of an office.js stand-in for a pane test: a CustomFunctions runtime that accepts
 * the functions, and Office.onReady saying Excel. Each test adds its own Excel after it.
 */
export const OFFICE_IN_EXCEL = `window.CustomFunctions = { associate() {}, Error: class { constructor(code, message) { this.code = code; this.message = message; } },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
  window.Office = { HostType: { Excel: "Excel" }, onReady(callback) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    setTimeout(() => callback && callback(info));
    return Promise.resolve(info);
  } };`;
// toolchain.md: what Debian's Chromium needs to run headless here, with nothing phoning home.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
};

/** Serves dist/ read-only; anything outside it or missing is a 404 (and shows as a console error). */
function serveDist(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.join(DIST, pathname === "/" ? "taskpane.html" : pathname);
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface PaneBrowser {
  readonly context: BrowserContext;
  /** The served site's base URL, ending in "/". */
  readonly base: string;
  close(): Promise<void>;
}

/** Starts the server and a browser at the pane's width; fails loudly when Chromium or dist/ is missing. */
export async function openPaneBrowser(options: { acceptDownloads?: boolean } = {}): Promise<PaneBrowser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: the task pane tests need it. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first (npm test does).");
  fs.mkdirSync(RESULTS, { recursive: true });
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // A fresh profile each run (playwright passes it as --user-data-dir).
  const userDataDir = fs.mkdtempSync(path.join(RESULTS, "chromium-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: { width: PANE_WIDTH, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  // Microsoft's CDN, answered from the npm copy; a test's own route for office.js (OFFICE_JS_ROUTE) takes precedence.
  await context.route(`${OFFICE_JS_CDN_FOLDER}**`, async (route) => {
    const file = path.join(OFFICE_JS_LOCAL, decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(OFFICE_JS_CDN_FOLDER).pathname.length)));
    if (!file.startsWith(OFFICE_JS_LOCAL + path.sep) || !fs.existsSync(file)) await route.fulfill({ status: 404 });
    else await route.fulfill({ path: file });
  });
  // No network here: the telemetry frame gets an empty page, not a failed request a test would count.
  await context.route(`${OFFICE_TELEMETRY}**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>telemetry</title>" }));
  // A blocked load or inline style is a console error, so each test's "no console errors" covers the policy.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`)),
  );
  return {
    context,
    base,
    close: async () => {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
