/**
 * Two projects: `unit` (the engine, functions, template, import and pane logic: fast, needs
 * nothing built) and `integration` (the built bundle, LibreOffice, headless Chromium).
 * `npm test` builds and runs both; `npm run test:unit` runs the fast one alone.
 */
const transform = {
  "^.+\\.ts$": [
    "ts-jest",
    // Type checking is `npm run lint`'s job (tsc --noEmit); here files are only transpiled, fast.
    { tsconfig: { isolatedModules: true, module: "commonjs", moduleResolution: "node", target: "ES2020", esModuleInterop: true, resolveJsonModule: true } },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/integration/"],
      transform,
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      roots: ["<rootDir>/test/integration"],
      testMatch: ["**/*.test.ts"],
      transform,
    },
  ],
};
