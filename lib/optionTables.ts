import { VA_BANKS } from './operations/virtualAccount';
import { BILLER_PRODUCTS } from './tables/billerProducts';
import { CHECKOUT_BANKS } from './tables/checkoutBanks';
import { CHECKOUT_EWALLETS } from './tables/checkoutEWallets';
import { CHECKOUT_PAYMENT_METHODS } from './tables/checkoutPaymentMethods';
import { DISBURSEMENT_BANKS } from './tables/disbursementBanks';
import { EWALLET_AGGREGATOR_ISSUERS } from './tables/eWalletAggregatorIssuers';
import { OFFLINE_CHANNELS } from './tables/offlineChannels';
import { PAYMENT_ROUTING_METHODS, PAYMENT_ROUTING_SOURCES } from './tables/paymentRoutingMethods';
import { TRANSACTION_DATA_BANKS } from './tables/transactionDataBanks';
import type { OptionTable, ParameterOption } from './types';

const byCode = (rows: ReadonlyArray<{ code: string; name: string }>): ParameterOption[] =>
	rows.map((row) => ({ value: row.code, name: `${row.name} (${row.code})` }));

/** The value lists behind `optionsFrom`, for dropdowns and for checking code lists. */
export const OPTION_TABLES: Record<OptionTable, readonly ParameterOption[]> = {
	disbursementBanks: byCode(DISBURSEMENT_BANKS),
	vaBanks: byCode(VA_BANKS),
	customizedVaBanks: byCode(VA_BANKS.filter((bank) => bank.customized)),
	eWallets: byCode(EWALLET_AGGREGATOR_ISSUERS),
	checkoutBanks: byCode(CHECKOUT_BANKS),
	checkoutEWallets: byCode(CHECKOUT_EWALLETS),
	paymentMethods: byCode(CHECKOUT_PAYMENT_METHODS),
	billerProducts: BILLER_PRODUCTS.map((product) => ({
		value: product.id,
		name: `${product.name} (${product.id})`,
		description: product.category,
	})),
	offlineChannels: byCode(OFFLINE_CHANNELS),
	transactionDataBanks: byCode(TRANSACTION_DATA_BANKS),
	paymentRoutingMethods: PAYMENT_ROUTING_METHODS.map((method) => ({
		value: method.value,
		name: method.name,
	})),
	paymentRoutingSources: byCode(PAYMENT_ROUTING_SOURCES),
};

/** The options a parameter offers: its own list, or the table it names (narrowed to its own list). */
export function optionsOf(parameter: {
	options?: readonly (string | ParameterOption)[];
	optionsFrom?: OptionTable;
}): ParameterOption[] | undefined {
	const own = parameter.options?.map((option) =>
		typeof option === 'string' ? { value: option, name: option } : option,
	);
	if (!parameter.optionsFrom) return own;
	const table = OPTION_TABLES[parameter.optionsFrom];
	if (!own) return [...table];
	const allowed = new Set(own.map((option) => option.value));
	return table.filter((option) => allowed.has(option.value));
}

/** How OY's docs name each table, for errors. */
const TABLE_NAMES: Record<OptionTable, string> = {
	disbursementBanks: 'Disbursement Bank Codes',
	vaBanks: 'VA bank codes',
	customizedVaBanks: 'customized VA bank codes',
	eWallets: 'e-wallet codes',
	checkoutBanks: 'payment link bank codes',
	checkoutEWallets: 'payment link e-wallet codes',
	paymentMethods: 'payment methods',
	billerProducts: 'biller products',
	offlineChannels: 'offline channels',
	transactionDataBanks: 'API Transactions Data bank codes',
	paymentRoutingMethods: 'payment routing methods',
	paymentRoutingSources: 'payment routing sources of fund',
};

export function tableName(table: OptionTable): string {
	return TABLE_NAMES[table];
}

/**
 * Whether a value outside the table is refused before sending. The biller product list changes at
 * OY! (Get Many Products is the live source; our copy may be stale), so it only suggests.
 */
export function isClosedTable(table: OptionTable): boolean {
	return table !== 'billerProducts';
}
