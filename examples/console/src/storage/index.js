// Picks the storage: PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE.
export async function openStorage({ database, databaseUrl }) {
  if (databaseUrl) return (await import('./postgres.js')).openPostgres(databaseUrl);
  return (await import('./sqlite.js')).openSqlite(database);
}
