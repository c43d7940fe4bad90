/**
 * The ledger's tables, one text for both databases so they cannot drift apart; only what the two
 * spell differently differs. On PostgreSQL keys sort byte by byte (COLLATE "C"), as SQLite's do.
 */
export function ledgerSchema(dialect: 'sqlite' | 'postgres'): string {
	const postgres = dialect === 'postgres';
	return `
CREATE TABLE IF NOT EXISTS effects (
	job TEXT NOT NULL,
	key TEXT${postgres ? ' COLLATE "C"' : ''} NOT NULL,
	state TEXT NOT NULL,
	run_id TEXT NOT NULL,
	at TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 1,
	detail TEXT NOT NULL DEFAULT '{}',
	PRIMARY KEY (job, key)
)${postgres ? '' : ' WITHOUT ROWID'};
CREATE INDEX IF NOT EXISTS effects_by_state ON effects (job, state);
CREATE TABLE IF NOT EXISTS events (
	id ${postgres ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
	at TEXT NOT NULL,
	job TEXT NOT NULL,
	key TEXT NOT NULL,
	state TEXT NOT NULL,
	run_id TEXT NOT NULL,
	detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS locks (
	job TEXT PRIMARY KEY,
	run_id TEXT NOT NULL,
	pid INTEGER NOT NULL,
	host TEXT NOT NULL,
	acquired_at TEXT NOT NULL,
	expires_at ${postgres ? 'BIGINT' : 'INTEGER'} NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
	id TEXT PRIMARY KEY,
	job TEXT NOT NULL,
	dry_run INTEGER NOT NULL,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	status TEXT NOT NULL,
	pid INTEGER NOT NULL,
	host TEXT NOT NULL,
	summary TEXT
);
`;
}
