import type { LedgerEntry, MailMessage, MailReceipt, Notifier } from '../../../lib/jobs/types';

const RECEIPT = ['messageId', 'accepted', 'rejected'];

/**
 * Takes the messages a job decides to send instead of sending them: in n8n the template sends them
 * with its e-mail node once their claims are recorded. The job records each one as sent; `claims`
 * turns those records back into the claims the template writes before sending.
 */
export class CapturedMail implements Notifier {
	readonly messages = new Map<string, MailMessage>();

	async send(message: MailMessage): Promise<MailReceipt> {
		this.messages.set(message.key, message);
		return { messageId: message.key, accepted: [...message.to], rejected: [] };
	}

	/** A message's ledger entry as it must be written before the message is sent. */
	claim(entry: LedgerEntry): LedgerEntry {
		const message = this.messages.get(entry.key);
		if (!message || entry.state !== 'done') return entry;
		// What the job recorded as the receipt is not known until the template has sent it.
		const detail = Object.fromEntries(
			Object.entries(entry.detail).filter(([key]) => !RECEIPT.includes(key)),
		);
		const attached = (message.attachments ?? [])
			.filter((report) => report.rows > 0)
			.map((report) => report.filename);
		return {
			...entry,
			state: 'claimed',
			detail: {
				...detail,
				to: message.to.join(', '),
				subject: message.subject,
				text: message.text,
				// The template attaches these workbooks (made from the plan's report rows) when it sends.
				...(attached.length > 0 ? { attachments: attached } : {}),
			},
		};
	}
}
