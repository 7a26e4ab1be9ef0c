import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app.js';
import { configFromEnv } from './config/config.js';
import { startDemo } from './demo/demo.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv(process.env, path.resolve(here, '../../client/dist'));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const server = await buildServer(config);
  const address = await server.app.listen({ port: config.port, host: config.host });
  server.app.log.info(`Infusion monitor listening on ${address} (store: ${config.databaseFile})`);
  const setupCode = server.setupCode();
  if (setupCode) {
    const base = `http://localhost:${config.port}`;
    console.log(
      `\nFirst start: no accounts yet. Create the administrator account at\n\n    ${base}/setup?code=${setupCode}\n\n` +
        'This one-time code works until the first account is made (a new one is printed at each start until then).\n',
    );
  }
  const demo = config.demo ? await startDemo(server, `http://127.0.0.1:${config.port}`, config.demoSessions) : null;

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    server.app.log.info(`${signal}: shutting down`);
    Promise.resolve(demo?.stop())
      .then(() => server.app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
