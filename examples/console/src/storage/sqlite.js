// SQLite through better-sqlite3, the embedded default: one machine, one file. The file is made
// 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createPrivateFile } from '../config.js';
import { storageOver } from './queries.js';
import { CHECK, OLD_SCHEMA, schema } from './schema.js';

export function openSqlite(file) {
  if (file !== ':memory:' && !existsSync(file)) createPrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema('INTEGER PRIMARY KEY AUTOINCREMENT'));
  try {
    db.prepare(CHECK).all();
  } catch {
    throw new Error(`${file}: ${OLD_SCHEMA}`);
  }
  const statements = new Map();
  const prepared = (sql) => {
    if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
    return statements.get(sql);
  };
  return storageOver('sqlite', {
    run: async (sql, params) => ({ changes: prepared(sql).run(...params).changes }),
    get: async (sql, params) => prepared(sql).get(...params) ?? null,
    all: async (sql, params) => prepared(sql).all(...params),
    close: async () => db.close(),
  });
}
