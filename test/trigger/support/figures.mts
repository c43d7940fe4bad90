import { recogniseCallback } from '../../../lib/callbacks/index.js';

/** Counts accepted and refused calls per callback kind, and prints them as a table. */
export class Figures {
	private readonly rows = new Map<
		string,
		{ accepted: number; refused: number; statuses: Set<number> }
	>();

	record(body: unknown, status: number): void {
		const kind = recogniseCallback(body)?.kind ?? '(not an OY! callback)';
		const row = this.rows.get(kind) ?? { accepted: 0, refused: 0, statuses: new Set<number>() };
		if (status === 200) row.accepted++;
		else row.refused++;
		row.statuses.add(status);
		this.rows.set(kind, row);
	}

	print(title: string): void {
		const lines = [...this.rows.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(
				([kind, row]) =>
					`  ${kind.padEnd(24)} accepted ${String(row.accepted).padStart(3)}   refused ${String(row.refused).padStart(3)}   HTTP ${[...row.statuses].sort().join('/')}`,
			);
		const accepted = [...this.rows.values()].reduce((sum, row) => sum + row.accepted, 0);
		const refused = [...this.rows.values()].reduce((sum, row) => sum + row.refused, 0);
		console.log(
			`${title}\n${lines.join('\n')}\n  ${'total'.padEnd(24)} accepted ${String(accepted).padStart(3)}   refused ${String(refused).padStart(3)}`,
		);
	}
}
