/**
 * A tiny lazy loader: the component's chunk is fetched on first render and
 * a placeholder shows meanwhile. Avoids preact/compat (Suspense) in the main
 * chunk, which must stay lean: the reading screen is all it should carry.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t.ts';

export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** What shows while the chunk loads: "Starting…" for screens, nothing for parts of a screen. */
  { quiet = false }: { quiet?: boolean } = {},
): ((props: P) => JSX.Element | null) & { preload(): Promise<unknown> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const get = () => (pending ??= load().then((c) => (loaded = c)));
  // Once preloaded, the component renders at once when it mounts: no placeholder, no flash.
  return Object.assign(Lazy, { preload: get });
  function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<string>('');
    useEffect(() => {
      if (Component) return;
      let alive = true;
      get().then(
        (c) => alive && setComponent(() => c),
        (err: unknown) => {
          pending = null;
          if (alive) setFailed(String(err));
        },
      );
      return () => {
        alive = false;
      };
    }, [Component]);
    if (failed) return <p class="hint hint-error" role="alert">{failed}</p>;
    if (!Component) return quiet ? null : <p class="loading" aria-busy="true">{t('app.loading')}</p>;
    return <Component {...props} />;
  }
}
