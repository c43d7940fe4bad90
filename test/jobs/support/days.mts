import type { RunningSandbox } from '../../../sandbox/src/index.mjs';

/** `yyyy-MM-dd` in Jakarta, `days` from the sandbox's now. */
export function jakartaDay(sandbox: RunningSandbox, days = 0): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
		new Date(sandbox.control.clock.now() + days * 86_400_000),
	);
}
