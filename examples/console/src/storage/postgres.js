// PostgreSQL through pg, for several app processes on one database: the compare-and-swap
// UPDATEs and the counting upserts hold across them. The queries are SQLite's, with `?`
// numbered as PostgreSQL's `$1, $2, …`.
import pg from 'pg';
import { storageOver } from './queries.js';
import { CHECK, OLD_SCHEMA, schema } from './schema.js';

// BIGINT (milliseconds) comes back as a string by default: these values fit a double exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

const numbered = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function openPostgres(url) {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // Two processes may start at once: one creates the tables, the other waits for the lock.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4226)');
    await client.query(schema('SERIAL PRIMARY KEY'));
    await client.query(CHECK).catch(() => {
      throw new Error(`PostgreSQL: ${OLD_SCHEMA}`);
    });
  } finally {
    await client.query('SELECT pg_advisory_unlock(4226)').catch(() => {});
    client.release();
  }
  const query = (sql, params) => pool.query(numbered(sql), params);
  return storageOver('postgres', {
    run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount }),
    get: async (sql, params) => (await query(sql, params)).rows[0] ?? null,
    all: async (sql, params) => (await query(sql, params)).rows,
    close: () => pool.end(),
  });
}
