/**
 * The built-in token price list: the generated JSON (scripts/token-prices.ts). The task pane's
 * bundle swaps this module for price-list-shared.ts (webpack.config.js), so the page that loads
 * both functions.js and the pane carries the list once, in functions.js.
 */
import listJson from "./token-price-list.json";
import type { TokenPriceList } from "./token-prices";

export const loadBuiltInPriceList = (): TokenPriceList | undefined => listJson;
