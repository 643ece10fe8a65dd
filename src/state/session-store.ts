/**
 * Who and where this tablet is: its device id, the plant and line it stands
 * at, the person signed in, and the measured clock offset to the server.
 *
 * Device, plant and line survive reloads and restarts (they are the tablet's
 * set-up). The person does not: it is a shared tablet, so after a reload or
 * restart whoever stands at it says who they are again, and a person idle
 * longer than the plant allows is signed out.
 */
import type { DeviceKind } from '../domain/people/people-types.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyValueStorage } from './key-value-storage.ts';
import { newDeviceId } from './device-id.ts';

export interface SessionState {
  deviceId: string;
  /** Set by enrollment: a wall screen shows the plant board and writes nothing. */
  deviceKind: DeviceKind;
  plantId: string;
  lineId: string;
  /** '' while nobody is signed in. */
  personId: string;
  /** Device time (ms) of the signed-in person's last tap. */
  lastActiveMs: number;
  /** Server minus device, ms. 0 until the sync client measures it. */
  clockOffsetMs: number;
  /**
   * The corrected clock may stamp tier steps ([A13]): false on an enrolled device until its offset
   * to the server is measured, and until the sync client has said (a tablet 5 h fast would
   * otherwise move every open escalation to the top of the ladder at once).
   */
  clockTrusted: boolean;
  /** Choosing a plant starts line choice over and signs out. */
  choosePlant(plantId: string): void;
  chooseLine(lineId: string): void;
  /** Back to line choice (About panel "Change line"); signs the person out. */
  changeLine(): void;
  signIn(personId: string, atMs: number): void;
  signOut(): void;
  /** Called on input so idle sign-out counts from the last tap. */
  touch(atMs: number): void;
  /** Signs out a person idle longer than the plant allows; true if it did. */
  expireIdle(nowMs: number, idleMinutes: number): boolean;
  setClockOffset(ms: number, trusted?: boolean): void;
  /** After enrollment the server's id for this device is the one every record carries. */
  adoptDeviceId(deviceId: string): void;
  adoptDeviceKind(kind: DeviceKind): void;
}

export type SessionStore = StoreApi<SessionState>;

export const SESSION_KEY = 'tierboard.session.v1';

type Persisted = Pick<SessionState, 'deviceId' | 'plantId' | 'lineId'> & { deviceKind?: DeviceKind };

function load(storage: KeyValueStorage): Partial<Persisted> {
  try {
    const raw = storage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Partial<Persisted>) : {};
  } catch {
    return {};
  }
}

export interface SessionStoreOptions {
  storage: KeyValueStorage;
  nowMs: number;
  random: () => number;
}

export function createSessionStore({ storage, nowMs, random }: SessionStoreOptions): SessionStore {
  const saved = load(storage);
  const store = createStore<SessionState>()((set, get) => ({
    deviceId: saved.deviceId || newDeviceId(nowMs, random),
    deviceKind: saved.deviceKind === 'wall_screen' ? 'wall_screen' : 'tablet',
    plantId: saved.plantId ?? '',
    lineId: saved.lineId ?? '',
    personId: '',
    lastActiveMs: 0,
    clockOffsetMs: 0,
    clockTrusted: false,
    choosePlant: (plantId) => set({ plantId, lineId: '', personId: '' }),
    chooseLine: (lineId) => set({ lineId }),
    changeLine: () => set({ lineId: '', personId: '' }),
    signIn: (personId, atMs) => set({ personId, lastActiveMs: atMs }),
    signOut: () => set({ personId: '' }),
    touch: (atMs) => set({ lastActiveMs: atMs }),
    expireIdle: (now, idleMinutes) => {
      const s = get();
      if (!s.personId || idleMinutes <= 0 || now - s.lastActiveMs <= idleMinutes * 60_000) return false;
      set({ personId: '' });
      return true;
    },
    setClockOffset: (clockOffsetMs, trusted) => set(trusted === undefined ? { clockOffsetMs } : { clockOffsetMs, clockTrusted: trusted }),
    adoptDeviceId: (deviceId) => set({ deviceId }),
    adoptDeviceKind: (deviceKind) => set({ deviceKind }),
  }));

  let last = '';
  const persist = (s: SessionState) => {
    const data: Persisted = { deviceId: s.deviceId, plantId: s.plantId, lineId: s.lineId, deviceKind: s.deviceKind };
    const json = JSON.stringify(data);
    if (json === last) return;
    last = json;
    try {
      storage.setItem(SESSION_KEY, json);
    } catch {
      // A full or blocked localStorage costs only the convenience of remembering; the db is the record.
    }
  };
  persist(store.getState());
  store.subscribe(persist);
  return store;
}
