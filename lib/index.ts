export * from './types';
export * from './amounts';
export * from './catalogue';
export * from './client';
export * from './dates';
export * from './envelopes';
export * from './environments';
export * from './errors';
export * from './outcomes';
export * from './request';
export * from './transport';
export * from './validation';
export * from './tables/disbursementBanks';
export {
	adviceForFailedDisbursement,
	DISBURSEMENT_FAILED_REASONS,
} from './operations/disbursement';
export { VA_BANKS, VA_STATUSES } from './operations/virtualAccount';
export { INVOICE_STATUSES } from './operations/accountInquiry';
export * from './records';
export * from './optionTables';
