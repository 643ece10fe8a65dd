/**
 * The small synchronous key-value store the session remembers itself in.
 * localStorage in the browser; an in-memory map in tests and where
 * localStorage is blocked (some kiosk browsers throw on access).
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** localStorage when it works, memory otherwise: a blocked localStorage must not stop the floor. */
export function browserStorage(): KeyValueStorage {
  try {
    const probe = '__tierboard_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return memoryStorage();
  }
}
