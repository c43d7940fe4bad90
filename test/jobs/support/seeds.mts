import { jakartaDay } from './days.mjs';
import type { World } from './world.mjs';

/** Five customers, each with one invoice overdue enough for a reminder today (steps 1, 3, 7, 14). */
export function seedOverdueInvoices(world: Pick<World, 'sandbox'>, count = 5): string[] {
	const customers = Array.from({ length: count }, (_, index) => ({
		id: `cust-${index}`,
		name: `PT Customer ${index}`,
		email: `ap${index}@customer${index}.co.id`,
		tax_type: 'NO_TAX',
		pph_tax: 'NO_TAX',
	}));
	const invoices = customers.map((customer, index) => ({
		id: `inv-${index}`,
		invoice_number: `INV/${index}`,
		customer_id: customer.id,
		amount: 100_000 * (index + 1),
		invoice_date: jakartaDay(world.sandbox, -40),
		due_date: jakartaDay(world.sandbox, -(1 + index * 3)),
	}));
	world.sandbox.control.seed({ 'account-receivable': { customers, invoices } });
	return invoices.map((invoice) => invoice.id);
}

/** Reminder keys received, with how many times each arrived. */
export function receivedCounts(
	world: Pick<World, 'smtp'>,
	prefix = 'remind:',
): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const mail of world.smtp.byKey(prefix)) counts[mail.key] = (counts[mail.key] ?? 0) + 1;
	return counts;
}
