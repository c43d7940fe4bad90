/** What the queue-mode global setup hands to every test file of test/e2e/queue. */
export interface QueueContext {
	/** the main process: editor, REST and public API */
	mainPort: number;
	mainUserFolder: string;
	encryptionKey: string;
	owner: { email: string; password: string; firstName: string; lastName: string };
	/** each webhook process, called directly */
	webhookUrls: string[];
	/** the round-robin proxy in front of them (n8n's WEBHOOK_URL) */
	proxyUrl: string;
	/** each worker's log, where n8n writes "Worker started execution <id>" */
	workerLogs: string[];
	/** each worker's process (group) id, for the crash test */
	workerPids: number[];
	sandbox: { url: string; username: string; apiKey: string };
	/** n8n's PostgreSQL: loopback, no password; the jobs' ledger tests make databases of their own there */
	postgres: { host: string; port: number; user: string };
}

declare module 'vitest' {
	export interface ProvidedContext {
		queue: QueueContext;
	}
}
