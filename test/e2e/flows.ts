/**
 * What a person does on the tablet, as reusable steps for end-to-end tests and benchmarks.
 * Steps find things the way the screens name them: data-testid for repeated items, roles and
 * accessible names elsewhere.
 */
import type { Page } from 'playwright-core';

/** Every demo person's PIN (only its salted hash is in the demo data). */
export const DEMO_PIN = '1234';

declare global {
  interface Window {
    __tierboard?: { ready?: boolean };
    __tbLastTap?: number;
  }
}

/** Waits for the reading screen to be interactive; returns ms from navigation start (the app's `tb-interactive` mark). */
export async function waitInteractive(page: Page, timeout = 30_000): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('tb-interactive').length > 0, null, { timeout });
  return page.evaluate(() => (performance.getEntriesByName('tb-interactive')[0] as PerformanceEntry).startTime);
}

/** First start on a new device with the demo data: choose plant and line (the first of each unless named). */
export async function completeSetup(page: Page, choice: { plantId?: string; lineId?: string } = {}): Promise<void> {
  await page.getByTestId('setup-demo').click();
  const plant = choice.plantId ? page.getByTestId(`plant-${choice.plantId}`) : page.locator('[data-testid^="plant-"]').first();
  await plant.click();
  const line = choice.lineId ? page.getByTestId(`line-${choice.lineId}`) : page.locator('[data-testid^="line-"]').first();
  await line.click();
}

/** Picks a person from the roster (the first one unless named) and waits for the reading screen. */
export async function signInFirstOperator(page: Page, personId?: string, pin = DEMO_PIN): Promise<void> {
  const person = personId ? page.getByTestId(`person-${personId}`) : page.locator('[data-testid^="person-"]').first();
  await person.click();
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
  await page.waitForFunction(() => window.__tierboard?.ready === true);
  await page.locator('[data-testid^="kpi-"][data-input="true"]').first().waitFor();
}

/**
 * Records a value as an operator does, on a KPI that is typed in (not computed): on the KPI named,
 * else on the first one with no value this shift (else the first). A KPI that has one opens as a
 * correction, which asks for a reason: the first reason is chosen, as a tap would. With `measure`,
 * returns ms from the last tap (Save, or the confirmation of an implausible value) to the app's
 * `tb-reading-durable` mark.
 */
export async function recordReading(page: Page, opts: { value: string; kpiTestId?: string; measure?: boolean }): Promise<number | null> {
  const inputs = page.locator('[data-testid^="kpi-"][data-input="true"]');
  const open = inputs.and(page.locator('[data-recorded="false"]'));
  const row = opts.kpiTestId ? page.getByTestId(opts.kpiTestId) : (await open.count()) > 0 ? open.first() : inputs.first();
  await row.click();
  const pad = page.getByRole('dialog');
  await pad.waitFor();
  const reasons = pad.locator('[data-testid^="reason-"]:not([data-testid="reason-text"])');
  if ((await reasons.count()) > 0) await reasons.first().click();
  for (const ch of opts.value) await page.getByTestId(ch === '.' || ch === ',' ? 'pad-dot' : `pad-${ch}`).click();
  const marksBefore = await page.evaluate(() => {
    window.__tbLastTap = 0;
    const stamp = (e: Event): void => {
      const id = (e.target as Element | null)?.closest('[data-testid]')?.getAttribute('data-testid');
      if (id === 'pad-save' || id === 'pad-confirm') window.__tbLastTap = performance.now();
    };
    document.addEventListener('click', stamp, { capture: true });
    return performance.getEntriesByName('tb-reading-durable').length;
  });
  await page.getByTestId('pad-save').click();
  // An implausible value asks for confirmation first; otherwise the save goes straight through.
  const durable = page.waitForFunction((n) => performance.getEntriesByName('tb-reading-durable').length > n, marksBefore, { timeout: 10_000 });
  const confirm = page.getByTestId('pad-confirm');
  const asked = await Promise.race([durable.then(() => false), confirm.waitFor({ timeout: 10_000 }).then(() => true)]);
  if (asked) await confirm.click();
  await durable;
  await page.getByTestId('saved-toast').waitFor();
  if (!opts.measure) return null;
  return page.evaluate(() => {
    const marks = performance.getEntriesByName('tb-reading-durable');
    const last = marks[marks.length - 1];
    return last && window.__tbLastTap ? last.startTime - window.__tbLastTap : null;
  });
}

/**
 * First start on a new device, connected to the plant server: enroll it with a one-time code,
 * typed on the enrollment screen (from setup's "Connect to the plant server") or opened from the
 * QR code's link (`#enroll=CODE`, which opens the enrollment screen with the code filled in).
 * The enrolled plant is chosen at once; a line tablet's line once the plant's data has arrived by
 * sync, so signInFirstOperator comes next. A device enrolled without a line stays at line choice.
 */
export async function enrollDevice(page: Page, serverUrl: string, code: string, via: 'typed' | 'link'): Promise<void> {
  if (via === 'link') {
    await page.goto(`${serverUrl}/#enroll=${code}`);
    const field = page.getByTestId('enroll-code');
    await field.waitFor();
    if ((await field.inputValue()) !== code) throw new Error(`the QR link did not fill in the code ${code}`);
  } else {
    await page.goto(serverUrl);
    await page.getByTestId('setup-connect').click();
    await page.getByTestId('enroll-code').fill(code);
  }
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('enroll-screen').waitFor({ state: 'detached', timeout: 15_000 });
}

declare global {
  interface Window {
    __tbTaps?: number;
  }
}

/**
 * Starts counting the person's taps on this page: every trusted click from now on, wherever it lands.
 * Call `tapsSince` afterwards to read the count; calling this again starts from zero.
 */
export async function startCountingTaps(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__tbTaps === undefined) {
      document.addEventListener('click', (e) => {
        if (e.isTrusted) window.__tbTaps = (window.__tbTaps ?? 0) + 1;
      }, { capture: true });
    }
    window.__tbTaps = 0;
  });
}

/** Taps counted since startCountingTaps. */
export async function tapsSince(page: Page): Promise<number> {
  return page.evaluate(() => window.__tbTaps ?? 0);
}

/** Signs the current person out from the shift header; the roster shows again. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.locator('[data-testid^="person-"]').first().waitFor();
}

/** Types a PIN on the pin pad shown (testids `pin-key-N`) and taps its submit button. */
export async function typePin(page: Page, pin = DEMO_PIN): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}
