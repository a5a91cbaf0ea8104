// npm start: the console on 127.0.0.1:${PORT:-3000}, with the SQLite file DATABASE
// (default data/console.db) or PostgreSQL at DATABASE_URL.
import { openConsole } from './server.js';

let opened;
try {
  opened = await openConsole(process.env, { logger: process.env.LOG === '1' });
} catch (error) {
  console.error(`otpkit console: ${error.message}`);
  process.exit(1);
}
const close = async () => {
  await opened.close();
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);
await opened.app.listen({ host: '127.0.0.1', port: opened.config.port });
console.log(`otpkit console: http://127.0.0.1:${opened.app.server.address().port}/ (${opened.storage.kind})`);
