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
  const demo = config.demo ? await startDemo(server, `http://127.0.0.1:${config.port}`, config.demoSessions) : null;

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    server.app.log.info(`${signal}: shutting down`);
    demo?.stop();
    server.app.close().then(
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
