import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	/** the SMTP envelope: who the message was really sent to */
	recipients: string[];
	from: string;
	subject: string;
	text: string;
	/** the HTML part, when the message has one */
	html: string;
	messageId: string;
	/** the ledger key the jobs put in X-OY-Jobs-Key */
	key: string;
	attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
	/** the login used, when the client authenticated */
	user?: string;
}

/** The data of n8n's SMTP credential for a server of `startSmtp` (no login, no TLS: loopback only). */
export function loopbackSmtpData(port: number) {
	return { user: '', password: '', host: '127.0.0.1', port, secure: false, disableStartTls: true };
}

/**
 * A real SMTP server on loopback (smtp-server), parsing every message it accepts (mailparser).
 * `onMessage` runs before the server answers 250: a test can kill the sender right there.
 */
export async function startSmtp(
	options: {
		user?: string;
		password?: string;
		onMessage?: (mail: ReceivedMail, index: number) => void | Promise<void>;
	} = {},
) {
	const received: ReceivedMail[] = [];
	const logins: string[] = [];
	const server = new SMTPServer({
		authOptional: options.user === undefined,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, callback) {
			logins.push(`${auth.username}:${auth.password}`);
			if (auth.username === options.user && auth.password === options.password)
				return callback(null, { user: auth.username });
			return callback(new Error('Invalid username or password'));
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then(async (parsed) => {
					const mail: ReceivedMail = {
						recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						messageId: parsed.messageId ?? '',
						key: String(parsed.headers.get('x-oy-jobs-key') ?? ''),
						attachments: parsed.attachments.map((attachment) => ({
							filename: attachment.filename ?? '',
							contentType: attachment.contentType,
							content: attachment.content,
						})),
						user: typeof session.user === 'string' ? session.user : undefined,
					};
					received.push(mail);
					await options.onMessage?.(mail, received.length - 1);
					callback();
				})
				.catch((error: Error) => callback(error));
		},
	});
	// A sender killed mid-conversation leaves a dead socket behind: not the server's problem.
	server.on('error', () => undefined);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		received,
		/** every user:password the clients tried (to prove the password reached the server and nowhere else) */
		logins,
		byKey: (prefix: string) => received.filter((mail) => mail.key.startsWith(prefix)),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtp>>;
