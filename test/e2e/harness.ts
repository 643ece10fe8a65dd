/**
 * End-to-end harness: the real sync server as a child process serving a built
 * app, and Debian's Chromium driven by playwright-core (which never downloads
 * a browser of its own).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without these flags Chromium knocks on the network at every start (component updates, sync,
// first-run checks), and the test machines' network is closed to the outside.
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const launchOptions: LaunchOptions = { executablePath: CHROMIUM, headless: true, args: QUIET_FLAGS };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

/** A browser profile on disk, so a test can close the browser and start it again like a person would. */
export async function launchPersistent(userDataDir: string, options: { offline?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...launchOptions,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    offline: options.offline ?? false,
    hasTouch: true,
  });
  // Benchmarks run under tsx, whose esbuild wraps functions in `__name(...)`; functions passed to
  // page.evaluate then reference a helper that exists only in Node. Give the page a no-op one.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `tierboard-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `sync-server/main.ts` on a free port and resolves once its output
 * says it is ready: `ready` reads everything printed so far and returns what
 * the caller needs from it (always the URL), or null to wait for more.
 */
function spawnServer<T extends { url: string }>(
  env: Record<string, string>,
  timeoutMs: number,
  ready: (output: string) => T | null,
): Promise<RunningServer & T> {
  const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'sync-server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  let output = '';
  let started = false;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server was not ready in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (started) return;
      const found = ready(output);
      if (!found) return;
      clearTimeout(timer);
      started = true;
      resolvePromise({ ...found, url: found.url.replace('localhost', '127.0.0.1'), process: child, stop });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.E2E_DEBUG) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

const urlIn = (output: string): string | undefined => /server: (http:\/\/[^\s]+)/.exec(output)?.[1];

/** Starts the server and resolves once it prints its URL. */
export function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return spawnServer(env, 30_000, (output) => {
    const url = urlIn(output);
    return url ? { url } : null;
  });
}

/**
 * A RAM disk of `megabytes` (needs root, as on CI and the dev machines), for a browser profile
 * whose storage can really run full.
 */
export function smallDisk(megabytes: number): { path: string; remove: () => void } {
  const dir = tempDir('small-disk');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir.path]);
  if (mount.status !== 0) {
    dir.remove();
    throw new Error(`cannot mount a ${megabytes} MB tmpfs for the storage-full test (run as root): ${mount.stderr.toString()}`);
  }
  return {
    path: dir.path,
    remove: () => {
      spawnSync('umount', ['-l', dir.path]);
      dir.remove();
    },
  };
}

/** Runs in the page: writes 1 MB blobs to a throwaway database until the browser refuses. */
export async function fillStorage(): Promise<{ megabytes: number; error: string | null }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('disk-filler', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('blobs');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const chunk = new Uint8Array(1024 * 1024);
  crypto.getRandomValues(chunk.subarray(0, 65536));
  for (let i = 0; i < 1024; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').put(new Blob([chunk, String(i)]), i);
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
    } catch (err) {
      db.close();
      return { megabytes: i, error: (err as DOMException | null)?.name ?? 'unknown' };
    }
  }
  db.close();
  return { megabytes: 1024, error: null };
}

/** Codes a demo server prints at start (sync-server/main.ts), one per line. */
export interface DemoCodes {
  plantId: string;
  lineId: string;
  /** One per tablet (TIERBOARD_DEMO_TABLETS, default 1). */
  tablets: string[];
  wallScreen: string;
}

/** Like startServer, with the demo on, and resolves once the enrollment codes are printed too. */
export function startDemoServer(env: Record<string, string> = {}): Promise<RunningServer & { codes: DemoCodes }> {
  // The first start loads a week of demo readings before it prints the codes.
  return spawnServer({ ...env, TIERBOARD_DEMO: '1' }, 60_000, (output) => {
    const url = urlIn(output);
    const wall = /Enroll a wall screen \(plant [^)]+\): code (\S+)/.exec(output)?.[1];
    if (!url || !wall) return null;
    const tablets = [...output.matchAll(/Enroll a line tablet \(plant ([^,]+), line ([^)]+)\): code (\S+)/g)];
    const first = tablets[0];
    if (!first?.[1] || !first[2]) return null;
    return { url, codes: { plantId: first[1], lineId: first[2], tablets: tablets.map((m) => m[3] ?? ''), wallScreen: wall } };
  });
}

/** Runs in the page: the device token the sync client keeps in IndexedDB (src/sync/sync-store.ts, key `enrollment`). */
export async function storedDeviceToken(): Promise<string | null> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes('tierboard-sync-state'));
  for (const name of names) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      for (const storeName of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error);
        });
        for (const row of all) {
          const doc = row as { id?: string; value?: { token?: string } };
          if (doc.id === 'enrollment' && doc.value?.token) return doc.value.token;
        }
      }
    } finally {
      db.close();
    }
  }
  return null;
}

/** An axe-core finding, as much of it as a failing test needs to say what is wrong and where. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (node_modules/axe-core, injected into the page) over the whole document and returns
 * the violations of impact 'serious' or 'critical': the ones that stop a person from using the screen.
 */
export async function seriousAxeViolations(page: import('playwright-core').Page): Promise<AxeFinding[]> {
  const hasAxe = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  // Evaluated, not added as a script tag: the app's Content-Security-Policy ([W1]) refuses inline
  // scripts, and rightly so; the test's own evaluation is not the page's script.
  if (!hasAxe) await page.evaluate(readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
