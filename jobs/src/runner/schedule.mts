import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { JOB_NAMES } from '../config/config.mjs';
import type { JobName, JobsConfig } from '../config/config.mjs';
import type { Output } from './output.mjs';
import { runJob } from './runJob.mjs';

/** The next time a cron expression fires in the zone, for `list` and `start`. */
export function nextRun(expression: string, timeZone: string): Date | null {
	const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
	try {
		// node-cron computes the next run only for a started task; it is destroyed before it can fire.
		void task.start();
		return task.getNextRun();
	} finally {
		void task.destroy();
	}
}

/**
 * `oy-jobs start`: every enabled job on its cron schedule until SIGINT/SIGTERM. A tick while the
 * job still runs here is skipped (noOverlap); a run another runner holds is skipped by the job
 * lock. On a signal, running jobs finish before the process ends.
 */
export async function startScheduler(config: JobsConfig, output: Output): Promise<void> {
	const enabled = JOB_NAMES.filter((name) => config.jobs[name].enabled);
	if (enabled.length === 0) {
		output.line('No job is enabled in the configuration; nothing to schedule.');
		return;
	}
	const running = new Set<Promise<unknown>>();
	const tasks: ScheduledTask[] = [];
	const tick = (name: JobName) => {
		const run = runJob(config, name, { dryRun: false, output }).catch((error: unknown) => {
			output.line(`!! ${name}: ${error instanceof Error ? error.message : String(error)}`);
		});
		running.add(run);
		void run.finally(() => running.delete(run));
		return run;
	};
	for (const name of enabled) {
		const { schedule } = config.jobs[name];
		tasks.push(
			cron.schedule(schedule, () => tick(name), {
				timezone: config.timeZone,
				name,
				noOverlap: true,
			}),
		);
		output.line(
			`scheduled ${name.padEnd(17)} "${schedule}" (${config.timeZone}); next run ${nextRun(schedule, config.timeZone)?.toISOString() ?? 'never'}`,
		);
	}
	output.line(
		`oy-jobs started (pid ${process.pid}); Ctrl+C stops it after the running jobs finish.`,
	);
	await new Promise<void>((resolve) => {
		const stop = (signal: string) => {
			output.line(
				`${signal}: stopping the schedules${running.size > 0 ? `, waiting for ${running.size} running job(s)` : ''}`,
			);
			for (const task of tasks) void task.stop();
			void Promise.allSettled([...running]).then(() => resolve());
		};
		process.once('SIGINT', () => stop('SIGINT'));
		process.once('SIGTERM', () => stop('SIGTERM'));
	});
}
