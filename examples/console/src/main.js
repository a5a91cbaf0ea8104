// npm start: the console on 127.0.0.1:${PORT:-3000}, with the SQLite file DATABASE
// (default data/console.db) or PostgreSQL at DATABASE_URL.
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openStorage } from './storage/index.js';

const config = loadConfig();
const storage = await openStorage(config);
const app = await buildApp({ ...config, storage, logger: process.env.LOG === '1', secureCookies: process.env.COOKIE_SECURE === '1' });
const close = async () => {
  await app.close();
  await storage.close();
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);
await app.listen({ host: '127.0.0.1', port: config.port });
console.log(`otpkit console: http://127.0.0.1:${app.server.address().port}/ (${storage.kind})`);
