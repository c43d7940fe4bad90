// The processes of the jobs benchmarks: the sandbox and an SMTP sink beside the benchmark, and each
// scenario in a process of its own, so that its peak RSS is its own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startSandboxProcess() {
	const child = spawn(process.execPath, [path.join(root, 'sandbox/dist/main.mjs')], {
		env: { ...process.env, OY_SANDBOX_PORT: '0' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise((resolve, reject) => {
		let text = '';
		child.stdout.on('data', (chunk) => {
			text += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(text);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
	});
	return { url, stop: () => child.kill('SIGTERM') };
}

export async function startSmtpSink() {
	let messages = 0;
	let bytes = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			stream.on('data', (chunk) => (bytes += chunk.length));
			stream.on('end', () => {
				messages++;
				callback();
			});
		},
	});
	server.on('error', () => undefined);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: server.server.address().port,
		count: () => messages,
		bytes: () => bytes,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** The V8 flag the `oy-jobs` command runs with (jobs/bin/oy-jobs.mjs). */
export const JOBS_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size'];

export function runScenario(name, settings, flags = JOBS_FLAGS) {
	const child = spawn(
		process.execPath,
		[...flags, path.join(root, 'bench/jobs/scenario.mjs'), name, JSON.stringify(settings)],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	child.stderr.on('data', (chunk) => (err += chunk));
	return new Promise((resolve, reject) =>
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(out.trim().split('\n').pop()))
				: reject(new Error(`${name} failed (${code}):\n${err}`)),
		),
	);
}

/** The config of a scenario: the sandbox, the SMTP sink, a ledger and reports in the scenario's folder. */
export function benchConfig(sandbox, smtp, jobs) {
	return {
		oy: { environment: 'sandbox', baseUrl: sandbox.url },
		ledger: 'ledger.sqlite',
		reports: 'reports',
		email: {
			from: 'OY! jobs <jobs@example.co.id>',
			smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
		},
		jobs,
	};
}
