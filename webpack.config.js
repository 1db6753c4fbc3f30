const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation, sources } = require("webpack");
const { DEV_BASE_URL, finishMetadata, renderReferenceHtml } = require("./build/metadata");

/** Where the add-in is served from in production: set AWU_BASE_URL (ending in "/") when building for it. */
const BASE_URL = process.env.AWU_BASE_URL ?? DEV_BASE_URL;

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
    // The pane's on-demand file writer stays one chunk (exceljs and jszip inside), loaded only on a download.
    optimization: { splitChunks: { cacheGroups: { default: false, defaultVendors: false } } },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new FinishMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
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
          // office.js served locally (these machines reach no CDN); already minified, so terser skips it.
          { from: "node_modules/@microsoft/office-js/dist", to: "assets/office-js", info: { minimized: true } },
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
