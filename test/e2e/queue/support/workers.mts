import { readFile } from 'node:fs/promises';

/** The execution ids each worker's log says it started ("Worker started execution 12 (job 7)"). */
export async function startedBy(logFile: string): Promise<Set<string>> {
	const log = await readFile(logFile, 'utf8');
	return new Set([...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}
