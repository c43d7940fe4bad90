import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const USERNAME = 'bench-partner';
export const API_KEY = 'bench-key';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchSandbox {
	url: string;
	stop: () => void;
}

/** The sandbox in its own process, as OY! is a server elsewhere; resolves with its base URL. */
export function startSandboxProcess(): Promise<BenchSandbox> {
	const child = spawn(process.execPath, [path.join(root, 'sandbox/dist/main.mjs')], {
		env: {
			...process.env,
			OY_SANDBOX_PORT: '0',
			OY_SANDBOX_USERNAME: USERNAME,
			OY_SANDBOX_API_KEY: API_KEY,
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) =>
			reject(new Error(`the sandbox exited (${code}); run npm run build first`)),
		);
	});
}

export async function control(
	url: string,
	method: string,
	route: string,
	body?: unknown,
): Promise<any> {
	const response = await fetch(`${url}/__sandbox${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${JSON.stringify(answer)}`);
	return answer;
}

interface BookedPayout {
	partner_trx_id: string;
	amount: number;
}

interface Account {
	balance: number;
	pending: number;
}

/** Money moved from the partner's own account: settled plus held. */
const moved = (before: Account, after: Account) =>
	before.balance - after.balance + after.pending - before.pending;

/**
 * What the sandbox booked since `before`: payouts, ids booked more than once, and money that left
 * the account beyond the booked payouts (a payout paid twice without a second record).
 */
export async function booked(url: string, before: Account) {
	const state = await control(url, 'GET', '/state');
	const payouts = state.products.disbursement.payouts as BookedPayout[];
	const ids = new Set(payouts.map((payout) => payout.partner_trx_id));
	const sum = payouts.reduce((total, payout) => total + Number(payout.amount), 0);
	return {
		payouts: payouts.length,
		ids,
		paidTwice: payouts.length - ids.size,
		movedBeyondBooked: moved(before, state.ledger.own) - sum,
	};
}

export async function ownAccount(url: string): Promise<Account> {
	return (await control(url, 'GET', '/state')).ledger.own as Account;
}
