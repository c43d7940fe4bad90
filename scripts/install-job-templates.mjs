// Sets up the job templates in your running n8n (2.x) in one step: the ledger's Data Table
// `oy_jobs_ledger` with a lock row per job, the reconciliation list `oy_expected_transactions` (empty),
// `oy_callbacks_once` with its lock row (examples/oy-callbacks-once-across-processes.json), and the
// templates, inactive. Safe to run again.
//   N8N_PASSWORD=… npm run jobs:templates -- --url https://n8n.example.co.id --email you@example.co.id
import { installJobTemplates } from '../jobs/workflows/install.mjs';
import { restCall, signIn } from './n8n/session.mjs';

const option = (name) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : undefined;
};
const url = option('url')?.replace(/\/+$/, '');
const email = option('email');
const password = process.env.N8N_PASSWORD;
if (!url || !email || !password) {
	console.error(
		'Usage: N8N_PASSWORD=<your n8n password> npm run jobs:templates -- --url <n8n URL> --email <your n8n login>\n' +
			'Signs in as that user (no two-factor login), creates the Data Table oy_jobs_ledger in their personal project and imports the job templates there.',
	);
	process.exit(2);
}

try {
	const cookie = await signIn(url, { email, password });
	const { table, list, callbacks, imported, present } = await installJobTemplates(
		(method, pathname, body) => restCall(url, cookie, method, pathname, body),
	);
	console.log(
		`Data Table oy_jobs_ledger: ${table.created ? 'created' : 'already there'}${table.locksAdded.length ? `, lock rows added for ${table.locksAdded.join(', ')}` : ''}`,
	);
	console.log(
		`Data Table oy_expected_transactions (the reconciliation's list): ${list.created ? 'created, empty' : 'already there'}`,
	);
	console.log(
		`Data Table oy_callbacks_once (one run per OY! callback event across n8n processes): ${callbacks.created ? 'created' : 'already there'}${callbacks.lockAdded ? ', lock row added' : ''}`,
	);
	for (const { name, id } of imported) console.log(`imported "${name}": ${url}/workflow/${id}`);
	for (const name of present) console.log(`already there, left as it is: "${name}"`);
	console.log(
		'\nIn each template: pick the OY! API credential on its OY! nodes and an SMTP credential on its e-mail nodes, change the recipients and thresholds, then publish (activate) it. docs/jobs-in-n8n.md explains each.',
	);
} catch (error) {
	const reason = error instanceof Error ? error.message : String(error);
	console.error(
		`Nothing more was done at ${url}: ${reason === 'fetch failed' ? 'n8n could not be reached' : reason}`,
	);
	process.exit(1);
}
