/**
 * The built-in token price list in the browser bundles (webpack.config.js puts this module in
 * place of price-list-data.ts): the list functions.js publishes on the page's global object as
 * it loads (functions.ts), before the task pane's script runs. Undefined until then.
 */
import type { TokenPriceList } from "./token-prices";

/** The global functions.js publishes the list under. */
export const PRICE_LIST_GLOBAL = "awuTokenPriceList";

export const loadBuiltInPriceList = (): TokenPriceList | undefined => (globalThis as { [PRICE_LIST_GLOBAL]?: TokenPriceList })[PRICE_LIST_GLOBAL];
