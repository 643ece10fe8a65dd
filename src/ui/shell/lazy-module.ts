/**
 * A module the screen needs soon but not for its first frame (a rule book, a computation): fetched
 * once, on the first ask, and kept; `loaded` is there synchronously once it has arrived, and
 * `useLazyModule` re-renders a screen when it does. The same idea as lazyScreen, for code that is
 * not a component.
 */
import { useEffect, useState } from 'preact/hooks';

export interface LazyModule<T> {
  load(): Promise<T>;
  /** The module, once it has arrived; null before. */
  readonly loaded: T | null;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let promise: Promise<T> | null = null;
  const m = {
    loaded: null as T | null,
    load(): Promise<T> {
      promise ??= importer().then((value) => (m.loaded = value));
      return promise;
    },
  };
  return m;
}

/** The module once it has arrived (null before), asking for it on mount. A failed fetch (offline before it was cached) leaves null: the next ask tries again. */
export function useLazyModule<T>(lazy: LazyModule<T>): T | null {
  // Wrapped: the module may itself be a function, which useState would call as an initialiser.
  const [value, setValue] = useState<T | null>(() => lazy.loaded);
  useEffect(() => {
    if (value !== null) return;
    let alive = true;
    lazy.load().then(
      (v) => alive && setValue(() => v),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [lazy, value]);
  return value;
}
