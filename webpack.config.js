const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation, NormalModuleReplacementPlugin, sources } = require("webpack");
const { DEV_BASE_URL, finishMetadata, renderReferenceHtml } = require("./build/metadata");

/** Microsoft's CDN copy of Office.js: the supported source (the npm package's README says the package is not). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The local copy served by the dev server, so `npm start` works offline. */
const OFFICE_JS_LOCAL = "assets/office-js/office.js";

/**
 * The production pane's Content-Security-Policy: its own origin, and Microsoft's for Office.js
 * (the loader and the host scripts it loads from its own folder, and its telemetry). Styles
 * allow inline: the page's own <style>, and Office on the web injects styles (office-js #1687).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://appsforoffice.microsoft.com https://browser.pipe.aria.microsoft.com",
  "frame-src 'self' https://telemetryservice.firstpartyapps.oaspapps.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/**
 * Where the add-in is served from: AWU_BASE_URL when building for a host, else the dev
 * server's. Checked here, at build time: an https URL ending in "/", or the build fails.
 */
function baseUrlFrom(value) {
  if (value === undefined) return DEV_BASE_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`AWU_BASE_URL must be an https URL ending in "/", such as https://budget.example.com/ (got ${JSON.stringify(value)}).`);
  }
  if (url.protocol !== "https:") throw new Error(`AWU_BASE_URL must be https: Office loads add-ins only over https (got ${JSON.stringify(value)}).`);
  if (!value.endsWith("/")) throw new Error(`AWU_BASE_URL must end in "/": it is the folder the add-in's files are served from (got ${JSON.stringify(value)}; try ${JSON.stringify(`${value}/`)}).`);
  if (url.search !== "" || url.hash !== "") throw new Error(`AWU_BASE_URL must have no query or fragment (got ${JSON.stringify(value)}).`);
  return value;
}

const BASE_URL = baseUrlFrom(process.env.AWU_BASE_URL);

/** Fills defaults into functions.json, rewrites URLs for the base, and writes the reference page from the same metadata. */
class FinishMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FinishMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "FinishMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return; // the metadata plugin reported an error already
        const finished = finishMetadata(asset.source.source().toString(), BASE_URL);
        compilation.updateAsset("functions.json", new sources.RawSource(finished));
        const { examples } = JSON.parse(fs.readFileSync(path.join(__dirname, "src/functions/examples.json"), "utf8"));
        compilation.emitAsset("reference.html", new sources.RawSource(renderReferenceHtml(JSON.parse(finished), examples)));
      });
    });
  }
}

/** The dev server's certificate: office-addin-dev-certs' files when installed, else webpack-dev-server's own. */
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = ["localhost.key", "localhost.crt", "ca.crt"].map((name) => path.join(dir, name));
  if (!files.every((file) => fs.existsSync(file))) return { type: "https" };
  const [key, cert, ca] = files.map((file) => fs.readFileSync(file));
  return { type: "https", options: { key, cert, ca } };
}

/**
 * Every production build loads Office.js from Microsoft's CDN and declares the CSP, whatever
 * its base URL: the artefact the tests check is the one that ships. The dev server keeps the
 * local copy and no CSP (its live-reload client talks over a websocket).
 */
module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true } } }],
    },
    performance: { hints: false },
    optimization: {
      splitChunks: {
        cacheGroups: {
          default: false,
          defaultVendors: false,
          // exceljs (about 940 KB) and jszip once each, in on-demand chunks shared by the download (file writer) and the .xlsx import.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: "exceljs", chunks: "async", enforce: true },
          jszip: { test: /[\\/]node_modules[\\/]jszip[\\/]/, name: "jszip", chunks: "async", enforce: true },
        },
      },
    },
    plugins: [
      // The token price list (about 25 KB gzipped) ships once, in functions.js, which publishes it for the pane's bundle on the same page.
      new NormalModuleReplacementPlugin(/^\.\/price-list-data$/, "./price-list-shared"),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new FinishMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        templateParameters: {
          officeJs: dev ? OFFICE_JS_LOCAL : OFFICE_JS_CDN,
          contentSecurityPolicy: dev ? "" : CONTENT_SECURITY_POLICY,
        },
        // The shared runtime page: the functions register first, then the pane's UI.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // URLs first, then the bare origin (AppDomain).
            transform: (content) =>
              BASE_URL === DEV_BASE_URL
                ? content
                : content.toString().replaceAll(DEV_BASE_URL, BASE_URL).replaceAll(new URL(DEV_BASE_URL).origin, new URL(BASE_URL).origin),
          },
          // office.js served locally by the dev server (offline); already minified, so terser skips it. Production loads the CDN's.
          ...(dev ? [{ from: "node_modules/@microsoft/office-js/dist", to: "assets/office-js", info: { minimized: true } }] : []),
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: devServerHttps(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist"), watch: false },
      client: { overlay: false },
    },
  };
};

// For the build's own tests (test/integration/bundle.test.ts).
Object.assign(module.exports, { baseUrlFrom, CONTENT_SECURITY_POLICY, OFFICE_JS_CDN, OFFICE_JS_LOCAL });
