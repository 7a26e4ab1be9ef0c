import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Server configuration as read from the environment. */
export const EnvConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_FILE: z.string().min(1).default('./data/infusion.db'),
  DEMO_SIMULATOR: booleanFromEnv.default(true),
  DEMO_SESSIONS: z.coerce.number().int().min(0).max(48).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIR: z.string().default(''),
  SETUP_CODE: z.string().min(12, 'must be at least 12 characters').optional(),
  COOKIE_SECURE: booleanFromEnv.default(false),
  SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
});

/** What `buildServer` needs. Tests build it directly; `main` builds it from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseFile: string;
  logLevel: z.infer<typeof EnvConfig>['LOG_LEVEL'];
  /** Built client to serve, or null to serve the API only. */
  clientDir: string | null;
  /** How long after start-up a monitor may take to reconnect before it is reported missing. */
  monitorReconnectGraceMs?: number;
  /** Alarm clock period; tests may shorten it. */
  tickMs?: number;
  /** First-start code for creating the admin; random when not given. */
  setupCode?: string;
  /** Mark the sign-in cookie Secure (behind HTTPS). */
  cookieSecure?: boolean;
  signInPerMinute?: number;
}

/** Parses the environment, throwing a message that names each bad variable. */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  defaultClientDir: string,
): ServerConfig & { demo: boolean; demoSessions: number } {
  const parsed = EnvConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseFile: path.resolve(c.DATABASE_FILE),
    logLevel: c.LOG_LEVEL,
    clientDir: c.CLIENT_DIR ? path.resolve(c.CLIENT_DIR) : defaultClientDir,
    cookieSecure: c.COOKIE_SECURE,
    signInPerMinute: c.SIGN_IN_PER_MINUTE,
    ...(c.SETUP_CODE ? { setupCode: c.SETUP_CODE } : {}),
    demo: c.DEMO_SIMULATOR,
    demoSessions: c.DEMO_SESSIONS,
  };
}
