import { accountInquiryProduct } from './account-inquiry/account-inquiry.mjs';
import { accountLinkingProduct } from './account-linking/account-linking.mjs';
import { accountReceivableProduct } from './account-receivable/account-receivable.mjs';
import { balanceProduct } from './balance/balance.mjs';
import { billerProduct } from './biller/biller.mjs';
import { disbursementProduct } from './disbursement/disbursement.mjs';
import { eWalletProduct } from './e-wallet/e-wallet.mjs';
import { multiAccountProduct } from './multi-account/multi-account.mjs';
import { offlineProduct } from './offline/offline.mjs';
import { paymentCheckoutProduct } from './payment-checkout/payment-checkout.mjs';
import { paymentRoutingProduct } from './payment-routing/payment-routing.mjs';
import { transactionDataProduct } from './transaction-data/transaction-data.mjs';
import { transactionDetailProduct } from './transaction-detail/transaction-detail.mjs';
import { transactionSummaryProduct } from './transaction-summary/transaction-summary.mjs';
import { virtualAccountProduct } from './virtual-account/virtual-account.mjs';
import { whatsappProduct } from './whatsapp/whatsapp.mjs';
import type { ProductDefinition } from './product.mjs';

/** Catalogue Part D: payment routing, multi account, transaction summary and detail, WhatsApp, biller, e-wallet account linking. */
const PART_D_PRODUCTS: ProductDefinition[] = [
	paymentRoutingProduct,
	multiAccountProduct,
	transactionSummaryProduct,
	transactionDetailProduct,
	whatsappProduct,
	billerProduct,
	accountLinkingProduct,
];

/** Every product the sandbox serves. Add a new product's definition here. */
export const ALL_PRODUCTS: ProductDefinition[] = [
	balanceProduct,
	disbursementProduct,
	accountInquiryProduct,
	virtualAccountProduct,
	paymentCheckoutProduct,
	accountReceivableProduct,
	offlineProduct,
	transactionDataProduct,
	eWalletProduct,
	...PART_D_PRODUCTS,
];
