// Opens the console: settings from the environment, the storage, the app (not yet listening).
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openStorage } from './storage/index.js';

export async function openConsole(env = process.env, { logger = false } = {}) {
  const config = loadConfig(env);
  const storage = await openStorage(config);
  const app = await buildApp(config, storage, { logger });
  return {
    app,
    storage,
    config,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}
