import { accountInquiryProduct } from './account-inquiry/account-inquiry.mjs';
import { balanceProduct } from './balance/balance.mjs';
import { disbursementProduct } from './disbursement/disbursement.mjs';
import { eWalletProduct } from './e-wallet/e-wallet.mjs';
import { offlineProduct } from './offline/offline.mjs';
import { paymentCheckoutProduct } from './payment-checkout/payment-checkout.mjs';
import { transactionDataProduct } from './transaction-data/transaction-data.mjs';
import { virtualAccountProduct } from './virtual-account/virtual-account.mjs';
import type { ProductDefinition } from './product.mjs';

/** Every product the sandbox serves. Add a new product's definition here. */
export const ALL_PRODUCTS: ProductDefinition[] = [balanceProduct, disbursementProduct, accountInquiryProduct, virtualAccountProduct, paymentCheckoutProduct, offlineProduct, transactionDataProduct, eWalletProduct];
