/**
 * Connect this device to its plant: server address (this site's own by
 * default) and the one-time code from the plant admin, filled in already
 * when the device was opened from the QR link (`#enroll=CODE`). Each error
 * of the contract gets its own plain sentence.
 */
import { useState } from 'preact/hooks';
import { SyncHttpError } from '../../sync/api-client.ts';
import type { Enrollment } from '../../sync/enrollment.ts';
import { sm, type SyncMessageKey } from './sync-messages.ts';
import './sync.css';

export interface EnrollScreenProps {
  /** The sync client (or anything with its enroll); it starts replication on success. */
  client: { enroll(serverUrl: string, code: string): Promise<Enrollment> };
  /** Default: the site this app was served from (the plant server serves the PWA). */
  defaultServerUrl?: string;
  /** From the QR link: enrollmentCodeFromHash(location.hash). */
  initialCode?: string;
  onEnrolled?(enrollment: Enrollment): void;
}

const KNOWN = ['unknown_enrollment_code', 'enrollment_code_used', 'enrollment_code_expired', 'invalid_body', 'too_many_attempts'];

export function enrollErrorText(err: unknown): string {
  if (err instanceof SyncHttpError) {
    if (err.isNetwork) return sm('enroll.err.network');
    if (KNOWN.includes(err.code)) return sm(`enroll.err.${err.code}` as SyncMessageKey);
    return sm('enroll.err.other', { message: err.serverMessage || err.code });
  }
  return sm('enroll.err.other', { message: err instanceof Error ? err.message : String(err) });
}

export function EnrollScreen({ client, defaultServerUrl, initialCode = '', onEnrolled }: EnrollScreenProps) {
  const [serverUrl, setServerUrl] = useState(defaultServerUrl ?? (typeof location !== 'undefined' ? location.origin : ''));
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!code.trim()) {
      setError(sm('enroll.err.invalid_body'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const e = await client.enroll(serverUrl, code.trim().toUpperCase());
      setDone(true);
      onEnrolled?.(e);
    } catch (err) {
      setError(enrollErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="screen enroll-screen" onSubmit={(ev) => void submit(ev)} data-testid="enroll-screen">
      <h1>{sm('enroll.title')}</h1>
      <p class="hint">{sm('enroll.intro')}</p>
      <label class="field">
        {sm('enroll.server')}
        <input
          type="url"
          inputMode="url"
          autoComplete="url"
          value={serverUrl}
          onInput={(e) => setServerUrl((e.target as HTMLInputElement).value)}
          data-testid="enroll-server"
        />
      </label>
      <label class="field enroll-code">
        {sm('enroll.code')}
        <input
          type="text"
          autoCapitalize="characters"
          autoComplete="one-time-code"
          autoCorrect="off"
          spellcheck={false}
          // The code's shape ([E1]): five groups of four; dashes, spaces and case do not matter.
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          data-testid="enroll-code"
        />
      </label>
      {error && (
        <p class="hint-error" role="alert" data-testid="enroll-error">
          {error}
        </p>
      )}
      {done && (
        <p class="hint" role="status" data-testid="enroll-done">
          {sm('enroll.done')}
        </p>
      )}
      <div class="row-buttons">
        <button type="submit" class="btn btn-primary btn-big" disabled={busy} data-testid="enroll-submit">
          {busy ? sm('enroll.busy') : sm('enroll.submit')}
        </button>
      </div>
    </form>
  );
}
