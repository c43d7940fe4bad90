import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type * as jobs from '#oy/lib/jobs';

export interface SmtpSettings {
	host: string;
	port: number;
	secure: boolean;
	/** without `secure`: send nothing (and no password) unless STARTTLS encrypts the connection */
	requireTLS?: boolean;
	user?: string;
	password?: string;
	/** skip certificate checks: only for a local test server */
	allowSelfSigned?: boolean;
}

export interface MailSettings {
	from: string;
	/** SMTP when set; otherwise messages are written to `outbox` as .eml files */
	smtp?: SmtpSettings;
	outbox: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The ledger key as a Message-ID: the same message always has the same id, so receivers can drop repeats. */
export function messageIdFor(key: string): string {
	const readable = key.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 60);
	const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
	return `<${readable}.${hash}@oy-jobs>`;
}

/**
 * Errors nodemailer raises before the server took the message: nothing left the machine. Anything
 * else (a timeout or a broken connection during DATA) may have delivered it.
 */
const NOT_SENT = new Set([
	'EENVELOPE',
	'EAUTH',
	'ECONNECTION',
	'EDNS',
	'EMESSAGE',
	'ETLS',
	'ENOAUTH',
]);

function classify(error: unknown): Error & { certain: boolean } {
	const cause = error as {
		code?: string;
		responseCode?: number;
		message?: string;
		command?: string;
	};
	const certain =
		NOT_SENT.has(cause.code ?? '') ||
		(typeof cause.responseCode === 'number' && cause.responseCode >= 400);
	const text = `${cause.message ?? String(error)}${cause.code ? ` (${cause.code})` : ''}`;
	return Object.assign(new Error(text), { certain });
}

export class Mailer implements jobs.Notifier {
	/**
	 * nodemailer is loaded at the first message, not when the run starts: a job that sends one
	 * report at its end does not carry it (a few MB) through the whole run.
	 */
	private transport?: Promise<Transporter>;

	private closed = false;

	private readonly outbox?: string;

	constructor(private readonly settings: MailSettings) {
		if (!settings.smtp) this.outbox = settings.outbox;
	}

	private transporter(): Promise<Transporter> {
		this.transport ??= import('nodemailer').then(({ default: nodemailer }) => {
			const smtp = this.settings.smtp;
			const transport = smtp
				? nodemailer.createTransport({
						// A run may send thousands of reminders: a few kept-open connections, not one per message.
						pool: true,
						maxConnections: 4,
						host: smtp.host,
						port: smtp.port,
						secure: smtp.secure,
						requireTLS: smtp.requireTLS === true,
						auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
						tls: smtp.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
						connectionTimeout: 20_000,
						greetingTimeout: 20_000,
						socketTimeout: 60_000,
					})
				: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
			// close() came while nodemailer was loading: nothing may stay open.
			if (this.closed) transport.close();
			return transport;
		});
		return this.transport;
	}

	/** Where the messages go, for people: never the password. */
	describe(): string {
		const smtp = this.settings.smtp;
		return smtp
			? `SMTP ${smtp.host}:${smtp.port}${smtp.user ? ` as ${smtp.user}` : ''}`
			: `outbox folder ${this.outbox}`;
	}

	async send(message: jobs.MailMessage): Promise<jobs.MailReceipt> {
		const messageId = messageIdFor(message.key);
		let info: { messageId: string; accepted?: unknown[]; rejected?: unknown[]; message?: unknown };
		const transport = await this.transporter();
		try {
			info = await transport.sendMail({
				from: this.settings.from,
				to: [...message.to],
				subject: message.subject,
				text: message.text,
				messageId,
				headers: { 'X-OY-Jobs-Key': message.key },
				attachments: (message.attachments ?? []).map((file) => ({
					filename: file.filename,
					path: file.path,
					contentType: XLSX,
				})),
			});
		} catch (error) {
			throw classify(error);
		}
		if (this.outbox) {
			this.writeToOutbox(message.key, info.message as Buffer);
			return { messageId, accepted: [...message.to], rejected: [] };
		}
		const addresses = (list: unknown[] | undefined) =>
			(list ?? []).map((entry) =>
				typeof entry === 'string' ? entry : String((entry as { address?: string }).address),
			);
		return { messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
	}

	/** Written under a temporary name, then renamed: the outbox never holds half a message. */
	private writeToOutbox(key: string, raw: Buffer) {
		const folder = this.outbox!;
		mkdirSync(folder, { recursive: true });
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		const name = `${stamp}-${key.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80)}.eml`;
		const temporary = path.join(folder, `.${name}.tmp`);
		writeFileSync(temporary, raw);
		renameSync(temporary, path.join(folder, name));
	}

	close(): void {
		this.closed = true;
		void this.transport?.then((transport) => transport.close());
	}
}
