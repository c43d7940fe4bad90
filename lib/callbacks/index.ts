export * from './types';
export * from './catalogue';
export * from './confirm';
export * from './event';
export * from './ipAllowList';
export * from './tracking';
export { linkStatus } from './kinds/paymentLink';
export { WHATSAPP_MESSAGE_STATES } from './kinds/whatsappStatus';
export { ACCOUNT_LINKING_STATES } from './kinds/accountLinking';
