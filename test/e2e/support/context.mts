/** What the global setup hands to every end-to-end test file. */
export interface StackContext {
	n8nUrl: string;
	n8nPort: number;
	userFolder: string;
	encryptionKey: string;
	owner: { email: string; password: string; firstName: string; lastName: string };
	sandbox: { url: string; username: string; apiKey: string };
	/** where screenshots and other things to look at go */
	artifacts: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		stack: StackContext;
	}
}
