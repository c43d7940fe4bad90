// @ts-check
// A small round-robin HTTP proxy in front of n8n's webhook processes, as a load balancer would be
// in a real deployment: each request goes to the next process in turn; one that refuses the
// connection (stopped) is skipped, since it received nothing.
import { createServer, request } from 'node:http';

/**
 * @param {{ port: number, targets: string[] }} options `targets`: base URLs (http://127.0.0.1:5679)
 * @returns {Promise<{ url: string, served: number[], close: () => Promise<void> }>} `served[i]`: requests sent to target i
 */
export function startRoundRobin({ port, targets }) {
	let next = 0;
	const served = targets.map(() => 0);
	const server = createServer((incoming, outgoing) => {
		/** @type {Buffer[]} */
		const body = [];
		incoming.on('data', (chunk) => body.push(chunk));
		incoming.on('end', () => forward(Buffer.concat(body), next++ % targets.length, targets.length));

		/** @param {Buffer} payload @param {number} index @param {number} triesLeft */
		function forward(payload, index, triesLeft) {
			const target = new URL(incoming.url ?? '/', targets[index]);
			const upstream = request(
				target,
				{ method: incoming.method, headers: { ...incoming.headers, host: target.host } },
				(answer) => {
					served[index] += 1;
					outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(outgoing);
				},
			);
			upstream.on('error', (error) => {
				if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ECONNREFUSED' && triesLeft > 1) {
					forward(payload, (index + 1) % targets.length, triesLeft - 1);
					return;
				}
				if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
				outgoing.end(`webhook process ${targets[index]}: ${error.message}`);
			});
			upstream.end(payload);
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${port}`,
				served,
				close: () =>
					new Promise((done) => {
						server.close(() => done(undefined));
						server.closeAllConnections();
					}),
			}),
		);
	});
}
