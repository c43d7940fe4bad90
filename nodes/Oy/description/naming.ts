const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	va: 'VA',
	url: 'URL',
	urls: 'URLs',
	sof: 'SOF',
	qris: 'QRIS',
	pph: 'PPh',
	ppn: 'PPN',
	trx: 'Transaction',
	tx: 'Transaction',
	api: 'API',
	otp: 'OTP',
	nik: 'NIK',
	npwp: 'NPWP',
};

/** `partner_trx_id` → `Partner Transaction ID` */
export function displayNameOf(wireName: string): string {
	const last = wireName.split('.').pop() ?? wireName;
	return last
		.split(/_|(?=[A-Z])/)
		.filter((word) => word !== '')
		.map(
			(word) =>
				ACRONYMS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
		)
		.join(' ');
}

/** `additional_data.partner_merchant_id` → `additionalDataPartnerMerchantId`: a property name n8n accepts. */
export function propertyNameOf(wireName: string): string {
	const words = wireName.split(/[._]/).filter((word) => word !== '');
	return words
		.map((word, index) =>
			index === 0
				? word.charAt(0).toLowerCase() + word.slice(1)
				: word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join('');
}

/** `virtualAccount.getMany` → `getMany`: an operation's value within its resource. */
export function operationValueOf(operationId: string): string {
	return operationId.split('.')[1];
}
