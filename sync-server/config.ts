/** Server settings from the environment, with the embedded defaults a newcomer gets. */
import { DEFAULT_SQLITE_PATH } from './demo-choice.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** `plant` servers replicate up to an enterprise server; `enterprise` servers are the top tier. */
  role: 'plant' | 'enterprise';
  /** PostgreSQL connection string; when empty the embedded SQLite file is used. */
  databaseUrl: string;
  sqlitePath: string;
  distDir: string;
  /**
   * [E9] Load the demo enterprise into an empty database at start: only when asked for
   * (`TIERBOARD_DEMO=1` or `--demo`; main.ts adds npm start's own new database, demo-choice.ts).
   */
  demo: boolean;
  /**
   * The URL devices use to reach this server (e.g. behind a reverse proxy),
   * put into enrollment links and QR codes. Empty: taken from each request.
   */
  publicUrl: string;
  /**
   * [O2] `TIERBOARD_OPS_TOKEN`: when set, /metrics and the health page ask for it (a bearer token,
   * or the password of HTTP basic auth in a browser); when empty, they answer the plant's own
   * network only (loopback and private addresses).
   */
  opsToken?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): ServerConfig {
  const role = env.TIERBOARD_ROLE ?? 'plant';
  if (role !== 'plant' && role !== 'enterprise') throw new Error(`TIERBOARD_ROLE must be "plant" or "enterprise", not "${role}"`);
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    role,
    databaseUrl: env.DATABASE_URL ?? '',
    sqlitePath: env.SQLITE_PATH || DEFAULT_SQLITE_PATH,
    distDir: env.DIST_DIR ?? 'dist',
    // Off unless asked for: an empty production database must never fill up with demo people.
    demo: env.TIERBOARD_DEMO === '1' || argv.includes('--demo'),
    publicUrl: (env.TIERBOARD_PUBLIC_URL ?? '').replace(/\/+$/, ''),
    opsToken: env.TIERBOARD_OPS_TOKEN ?? '',
  };
}
