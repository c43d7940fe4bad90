// Benchmark of the daily reconciliation (issue 16): one Jakarta day of 100,000 transactions
// (payouts read by id, VA payments read from OY's lists) against a 100,000-row list, the job in its
// own process, printing rows, wall time and peak RSS. Needs `npm run build` first.
// Usage: npm run bench:reconciliation [-- --transactions 100000 --va-payments 10000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchConfig, runScenario, startSandboxProcess, startSmtpSink } from './processes.mjs';

const argument = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TRANSACTIONS = argument('transactions', 100_000);
const VA_PAYMENTS = argument('va-payments', 10_000);
const PAYOUTS = TRANSACTIONS - VA_PAYMENTS;
const VAS = 50;
const RSS_TARGET_MB = 150;

const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-reconciliation-bench-'));
const sandbox = await startSandboxProcess();
const smtp = await startSmtpSink();
const control = async (method, controlPath, body) => {
	const response = await fetch(`${sandbox.url}/__sandbox${controlPath}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`${controlPath}: ${JSON.stringify(answer)}`);
	return answer;
};
try {
	const started = Date.now();
	await control('POST', '/seed', {
		'virtual-account': Array.from({ length: VAS }, (_, index) => ({
			partner_user_id: `BENCH-USER-${index}`,
			bank_code: '002',
			is_open: true,
			is_lifetime: true,
			partner_trx_id: `BENCH-VA-${index}`,
		})),
	});
	// The VAs exist before the day reconciled: yesterday, seen from the sandbox clock two days on.
	await control('POST', '/clock/advance', { days: 2 });
	const now = Date.parse((await control('GET', '/clock')).now);
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
		new Date(now - 86_400_000),
	);
	const start = Date.parse(`${day}T00:00:00+07:00`);
	const at = (index, count) => start + Math.floor((index * 86_000_000) / count);
	const rows = ['date,amount,id,product,description'];
	for (let first = 0; first < PAYOUTS; first += 10_000) {
		const payouts = [];
		for (let index = first; index < Math.min(PAYOUTS, first + 10_000); index++) {
			const amount = 10_000 + (index % 1_000) * 100;
			payouts.push({
				partner_trx_id: `BENCH-P-${index}`,
				amount,
				created: at(index, PAYOUTS),
				code: index % 500 === 7 ? '300' : index % 700 === 3 ? '301' : '000',
			});
			// Every 1,000th row expects another amount; every 2,000th is missing at OY.
			const listed = index % 1_000 === 5 ? amount + 1 : amount;
			rows.push(
				`${day},${listed},${index % 2_000 === 11 ? 'BENCH-NEVER-' : 'BENCH-P-'}${index},,Payout ${index}`,
			);
		}
		await control('POST', '/seed', { disbursement: payouts });
	}
	const vas = (await control('GET', '/state?product=virtual-account')).virtual_accounts;
	let next = 0;
	const payVas = async () => {
		while (next < VA_PAYMENTS) {
			const index = next++;
			const va = vas[index % VAS];
			await control('POST', '/virtual-account/payments', {
				va_number: va.va_number,
				amount: 25_000 + index,
				paid_at: new Date(at(index, VA_PAYMENTS)).toISOString(),
			});
		}
	};
	await Promise.all(Array.from({ length: 8 }, payVas));
	// The list names each VA once (its first payment of the day); the others are "unknown to us".
	for (let index = 0; index < VAS; index++)
		rows.push(`${day},${25_000 + index},BENCH-VA-${index},va,VA ${index}`);
	writeFileSync(path.join(dir, 'expected.csv'), rows.join('\n'));
	console.log(
		`reconciliation benchmark: ${day} (Asia/Jakarta), ${PAYOUTS.toLocaleString('en')} payouts and ${VA_PAYMENTS.toLocaleString('en')} VA payments in the sandbox, a ${(rows.length - 1).toLocaleString('en')}-row list (set up in ${((Date.now() - started) / 1000).toFixed(1)} s); node ${process.version}, ${os.cpus().length} cores`,
	);
	const config = benchConfig(sandbox, smtp, {
		reconciliation: {
			expected: 'expected.csv',
			to: ['finance@example.co.id'],
			products: ['disbursement', 'va'],
		},
	});
	const figures = await runScenario('reconciliation', { config, dir });
	const transactions = Object.values(figures.counts).reduce((sum, value) => sum + value, 0);
	// Baseline: the same number of rows through the streaming Excel writer alone, nothing read.
	const excel = await runScenario('excel-streaming', { dir, rows: transactions });
	console.log('');
	console.log(
		`${'scenario'.padEnd(52)} ${'rows'.padStart(8)} ${'wall s'.padStart(8)} ${'peak RSS MB'.padStart(12)}`,
	);
	for (const [label, run] of [
		['reconciliation (read, classify, report, mail)', figures],
		['baseline: the same rows through the Excel writer', excel],
	])
		console.log(
			`${label.padEnd(52)} ${String(transactions).padStart(8)} ${(run.wallMs / 1000).toFixed(1).padStart(8)} ${run.peakRssMb.toFixed(0).padStart(12)}`,
		);
	console.log(
		`reconciliation vs the Excel writer alone: time ${(figures.wallMs / excel.wallMs).toFixed(2)}x, peak RSS ${(figures.peakRssMb / excel.peakRssMb).toFixed(2)}x`,
	);
	console.log(
		`classes: ${JSON.stringify(figures.counts)}; status ${figures.status}; e-mails received ${smtp.count()}`,
	);
	console.log(
		`${(transactions / (figures.wallMs / 1000)).toFixed(0)} transactions/s; target: peak RSS < ${RSS_TARGET_MB} MB: ${figures.peakRssMb < RSS_TARGET_MB ? 'met' : 'NOT MET'}`,
	);
} finally {
	sandbox.stop();
	await smtp.close();
	rmSync(dir, { recursive: true, force: true });
}
