import { describe, expect, it } from 'vitest';
import { demoChoice } from './demo-choice.ts';

const files = (...present: string[]) => (path: string) => present.includes(path);

describe('[E9] whether a start loads the demo', () => {
  it('[E9] asked for by TIERBOARD_DEMO=1 or --demo, anywhere; by nothing else outside npm start', () => {
    expect(demoChoice({ TIERBOARD_DEMO: '1' }, [], files()).demo).toBe(true);
    expect(demoChoice({ DATABASE_URL: 'postgres://x/y' }, ['--demo'], files()).demo).toBe(true);
    // An empty production database, on either engine, started without the flag: no demo.
    expect(demoChoice({}, [], files())).toEqual({ demo: false, markerToWrite: null });
    expect(demoChoice({ DATABASE_URL: 'postgres://x/y' }, [], files())).toEqual({ demo: false, markerToWrite: null });
  });

  it('[E9] npm start loads it into a SQLite file it creates itself, and marks that file so a restart gets codes again', () => {
    expect(demoChoice({}, ['--npm-start'], files())).toEqual({ demo: true, markerToWrite: 'data/tierboard.sqlite.demo' });
    expect(demoChoice({ SQLITE_PATH: '/srv/plant.sqlite' }, ['--npm-start'], files())).toEqual({ demo: true, markerToWrite: '/srv/plant.sqlite.demo' });
    expect(demoChoice({}, ['--npm-start'], files('data/tierboard.sqlite', 'data/tierboard.sqlite.demo'))).toEqual({ demo: true, markerToWrite: null });
  });

  it('[E9] npm start leaves alone a file that was there before, PostgreSQL, and TIERBOARD_DEMO=0', () => {
    expect(demoChoice({}, ['--npm-start'], files('data/tierboard.sqlite')).demo).toBe(false);
    expect(demoChoice({ DATABASE_URL: 'postgres://x/y' }, ['--npm-start'], files()).demo).toBe(false);
    expect(demoChoice({ TIERBOARD_DEMO: '0' }, ['--npm-start'], files()).demo).toBe(false);
  });
});
