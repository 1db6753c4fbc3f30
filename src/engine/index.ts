/** The pricing engine: pure TypeScript, no Office types; runs in Excel, the browser, Node and tests. */
export * from "./problems";
export * from "./dates";
export * from "./rates";
export * from "./token-prices";
export * from "./stats";
export * from "./pricing";
export * from "./labor";
export * from "./governance";
export * from "./ledger-types";
export * from "./ledger";
export * from "./ledger-wallet";
export * from "./hash";
export * from "./budget";
export * from "./plans";
export * from "./plan-pricing";
