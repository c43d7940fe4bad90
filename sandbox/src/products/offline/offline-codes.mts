/** "API Offline Response Codes" (OY API docs: API Offline transaction status codes): transaction states, then rejections. */
export const OFFLINE_MESSAGES = {
	'000': 'Success',
	'102': 'Request is In Progress (Waiting for Deposit or Withdrawal)',
	'222': 'Transaction Expired',
	'297': 'Cash out/in in-progress',
	'299': 'Transaction Canceled',
	'300': 'Transaction Failed',
	'201': 'Request is Rejected (User ID is not Found)',
	'202': 'Request is Rejected (User ID is not Active)',
	'203': 'Request is Rejected (Duplicate Partner Tx ID)',
	'204': 'Request is Rejected (Partner Tx ID is Not Found)',
	'206': 'Request is Rejected (Partner Deposit Balance is Not Enough)',
	'208': 'Request is Rejected (API Key is not Valid)',
	'215': 'Request is Rejected (Invalid denom amount request)',
	'220':
		'Request is Rejected (Offline channel is not valid or not elegible to process Withdrawal/Deposit Transaction)',
	'221': 'Request is Rejected (Invalid transaction type)',
	'224': 'Request is Rejected (Amount disburse does not reach Min amount)',
	'225': 'Request is Rejected (Max amount per transaction exceed for disburse)',
	'296': 'There is still an active transaction for this phone number',
	'298': 'Transaction cannot be cancelled',
	'429': 'Request Rejected (Too Many Request to specific endpoint)',
	'990': 'Parameter / object is not valid',
} as const;

export type OfflineResponseCode = keyof typeof OFFLINE_MESSAGES;

/** A transaction's state is one of the S1 codes. */
export type OfflineState = '102' | '297' | '000' | '222' | '299' | '300';

export function isFinalState(state: OfflineState): boolean {
	return state !== '102' && state !== '297';
}
