// The console in this test process, on a temporary database and a free port: for the hostile
// tests, which need the route table, many sessions, and the database to check what changed.
import { join } from 'node:path';
import { after, before } from 'node:test';
import { openConsole } from '../src/server.js';
import { testEnv, workDir } from './helpers.js';

/** Registers a console for a test file; `shared` gets { app, storage, url, port, dir, env }. */
export function useConsole(extra = {}, { beforeListen } = {}) {
  const shared = {};
  before(async () => {
    shared.dir = workDir();
    shared.env = testEnv({ DATABASE: join(shared.dir, 'console.db'), ...extra });
    const opened = await openConsole(shared.env);
    Object.assign(shared, opened);
    await beforeListen?.(opened.app);
    await opened.app.listen({ host: '127.0.0.1', port: 0 });
    shared.port = opened.app.server.address().port;
    shared.url = `http://127.0.0.1:${shared.port}`;
  });
  after(async () => shared.close?.());
  return shared;
}
