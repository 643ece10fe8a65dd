/**
 * [E9] Whether this start loads the demo enterprise (whose admin has PIN 1234).
 * Only when asked for: `TIERBOARD_DEMO=1` or `--demo`; or by `npm start`
 * (`--npm-start`) for a SQLite file it creates itself, which it marks with
 * `<file>.demo` so a restarted demo gets fresh codes. Never into a database
 * that was there before, never on PostgreSQL unless asked, never against
 * `TIERBOARD_DEMO=0`. Before this, every empty database got the demo
 * silently, a production one included.
 */
export interface DemoChoice {
  demo: boolean;
  /** The marker to write once the new database exists, or null. */
  markerToWrite: string | null;
}

export const DEFAULT_SQLITE_PATH = 'data/tierboard.sqlite';

export function demoChoice(env: NodeJS.ProcessEnv, argv: readonly string[], exists: (path: string) => boolean): DemoChoice {
  const no = { demo: false, markerToWrite: null };
  if (env.TIERBOARD_DEMO === '1' || argv.includes('--demo')) return { demo: true, markerToWrite: null };
  // Any other value (`0`) is a no that npm start does not override.
  if (env.TIERBOARD_DEMO !== undefined && env.TIERBOARD_DEMO !== '') return no;
  if (!argv.includes('--npm-start') || env.DATABASE_URL) return no;
  const sqlitePath = env.SQLITE_PATH || DEFAULT_SQLITE_PATH;
  const marker = `${sqlitePath}.demo`;
  if (!exists(sqlitePath)) return { demo: true, markerToWrite: marker };
  return { demo: exists(marker), markerToWrite: null };
}
