export * from './types';
export * from './state';
export * from './poll';
export { VA_HISTORY_DAYS, SINCE_MARGIN_MS } from './vaPayments';
