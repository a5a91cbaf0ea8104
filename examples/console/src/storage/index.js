// Picks the storage: PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE.
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

export async function openStorage({ database, databaseUrl }) {
  return databaseUrl ? openPostgres(databaseUrl) : openSqlite(database);
}
