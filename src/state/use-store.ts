/**
 * A tiny Preact binding for zustand's vanilla stores: re-render only when the
 * selected slice changes. (zustand's own hook imports React; binding it here
 * keeps preact/compat out of the main chunk.)
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, selector: (s: S) => T): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const value = selector(store.getState());
  const latest = useRef({ selector, value });
  latest.current = { selector, value };
  useEffect(() => {
    const check = (s: S) => {
      if (!Object.is(latest.current.selector(s), latest.current.value)) rerender(0);
    };
    const unsubscribe = store.subscribe(check);
    // The store may have changed between render and subscribe.
    check(store.getState());
    return unsubscribe;
  }, [store]);
  return value;
}
