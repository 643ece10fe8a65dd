/** Server settings from the environment, with the embedded defaults a newcomer gets. */
export interface ServerConfig {
  port: number;
  host: string;
  /** `plant` servers replicate up to an enterprise server; `enterprise` servers are the top tier. */
  role: 'plant' | 'enterprise';
  /** PostgreSQL connection string; when empty the embedded SQLite file is used. */
  databaseUrl: string;
  sqlitePath: string;
  distDir: string;
  /** Load the demo enterprise into an empty database at start. */
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

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const role = env.TIERBOARD_ROLE ?? 'plant';
  if (role !== 'plant' && role !== 'enterprise') throw new Error(`TIERBOARD_ROLE must be "plant" or "enterprise", not "${role}"`);
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    role,
    databaseUrl: env.DATABASE_URL ?? '',
    sqlitePath: env.SQLITE_PATH ?? 'data/tierboard.sqlite',
    distDir: env.DIST_DIR ?? 'dist',
    demo: env.TIERBOARD_DEMO !== '0',
    publicUrl: (env.TIERBOARD_PUBLIC_URL ?? '').replace(/\/+$/, ''),
    opsToken: env.TIERBOARD_OPS_TOKEN ?? '',
  };
}
