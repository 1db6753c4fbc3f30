/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      // Type checking is `npm run lint`'s job (tsc --noEmit); here files are only transpiled, fast.
      { tsconfig: { isolatedModules: true, module: "commonjs", moduleResolution: "node", target: "ES2020", esModuleInterop: true, resolveJsonModule: true } },
    ],
  },
};
