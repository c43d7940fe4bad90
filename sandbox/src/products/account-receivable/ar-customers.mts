import { EMAIL_PATTERN } from '../shared/validation.mjs';
import { AR_ERRORS } from './ar-envelope.mjs';

export const TAX_TYPES = new Set([
	'NO_TAX',
	'PPN_11_INCLUSIVE',
	'PPN_11_EXCLUSIVE',
	'PPN_10_INCLUSIVE',
	'PPN_10_EXCLUSIVE',
]);
export const PPH_TAXES = new Set(['NO_TAX', 'PPH_23_NON_NPWP', 'PPH_23_NPWP']);

export interface Customer {
	id: string;
	partner_customer_id: string | null;
	name: string;
	tax_type: string;
	address: string | null;
	email: string | null;
	/** The docs' own edit example sends a number and gets it echoed (OY API docs: Account Receivable › Edit Customer), so any JSON scalar is kept as sent. */
	pic_name: string | number | null;
	phone_number: string | null;
	pph_tax: string;
	status: 'ACTIVE' | 'INACTIVE';
}

/** Outstanding (unpaid, uncancelled) invoices of a customer, kept up to date so reads stay O(1). */
export interface Receivable {
	count: number;
	amount: number;
}

/** Create / Edit Customer checks (OY API docs: Account Receivable › Create New Customer › request parameters, Account Receivable › Edit Customer › request parameters); throws the documented ArError. */
export function checkCustomer(
	body: Record<string, unknown>,
	requireStatus: boolean,
): Omit<Customer, 'id'> {
	if (typeof body.name !== 'string' || body.name.trim() === '') throw AR_ERRORS.nameMissing();
	if (body.tax_type == null || body.tax_type === '') throw AR_ERRORS.taxTypeMissing();
	if (!TAX_TYPES.has(body.tax_type as string)) throw AR_ERRORS.taxTypeInvalid();
	if (body.pph_tax == null || body.pph_tax === '') throw AR_ERRORS.pphTaxMissing();
	if (!PPH_TAXES.has(body.pph_tax as string)) throw AR_ERRORS.pphTaxInvalid();
	const email = optionalText(body.email, 'email');
	if (email) {
		const addresses = email.split(';').filter((address) => address.trim() !== '');
		if (addresses.length > 6) throw AR_ERRORS.tooManyEmails();
		if (!addresses.every((address) => EMAIL_PATTERN.test(address.trim())))
			throw AR_ERRORS.emailInvalid();
	}
	const phone = optionalText(body.phone_number, 'phone_number');
	if (phone && !/^\d+$/.test(phone)) throw AR_ERRORS.phoneInvalid();
	if (requireStatus && body.status !== 'ACTIVE' && body.status !== 'INACTIVE') {
		throw AR_ERRORS.badRequest('Status must be ACTIVE or INACTIVE');
	}
	const picName = body.pic_name;
	if (
		picName !== undefined &&
		picName !== null &&
		typeof picName !== 'string' &&
		typeof picName !== 'number'
	) {
		throw AR_ERRORS.badRequest('pic_name must be a string');
	}
	return {
		partner_customer_id: optionalText(body.partner_customer_id, 'partner_customer_id'),
		name: body.name,
		tax_type: body.tax_type as string,
		address: optionalText(body.address, 'address'),
		email,
		pic_name: (picName as string | number | undefined) ?? null,
		phone_number: phone,
		pph_tax: body.pph_tax as string,
		status: (body.status as Customer['status'] | undefined) ?? 'ACTIVE',
	};
}

function optionalText(value: unknown, name: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw AR_ERRORS.badRequest(`${name} must be a string`);
	return value;
}

/** Create / Edit Customer answer (OY API docs: Account Receivable › Create New Customer). */
export function customerView(customer: Customer): Record<string, unknown> {
	const {
		id,
		name,
		partner_customer_id,
		tax_type,
		address,
		email,
		pic_name,
		phone_number,
		pph_tax,
		status,
	} = customer;
	return {
		id,
		name,
		partner_customer_id,
		tax_type,
		address,
		email,
		pic_name,
		phone_number,
		pph_tax,
		status,
	};
}

/** Retrieve / Filter Customers answer (OY API docs: Account Receivable › Retrieve Customer’s Details), with the receivables figures. */
export function customerDetailView(
	customer: Customer,
	receivable: Receivable | undefined,
): Record<string, unknown> {
	return {
		...customerView(customer),
		total_piutang: receivable?.amount ?? 0,
		can_be_deactivated: !receivable || receivable.count === 0,
	};
}
