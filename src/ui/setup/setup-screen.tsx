/**
 * First start on a tablet: put the plant data on it, then choose the plant
 * and the line it stands at, with big buttons. Loaded lazily: it runs once
 * per tablet, so it stays out of the operator's main chunk.
 *
 * The plant data comes either from the plant server (the device is enrolled
 * with a one-time code and replication brings the plant's records) or, to
 * try Tierboard without a server, from the demo dataset kept on this tablet.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import { watchActiveLines, watchPlants } from '../../db/setup/setup-queries.ts';
import { seedIfEmpty } from '../../db/seed.ts';
import { demoDataset } from '../../demo/demo-data.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { setupText } from './setup-messages.ts';

export interface SetupScreenProps {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
}

export function SetupScreen({ db, session, ui }: SetupScreenProps) {
  const plantId = useStore(session, (s) => s.plantId);
  const [plants, setPlants] = useState<Plant[] | null>(null);
  const [lines, setLines] = useState<Line[] | null>(null);
  const [failed, setFailed] = useState('');
  const [connecting, setConnecting] = useState(false);

  // Reactive, so plants pulled from the server after enrollment appear by themselves.
  useEffect(() => watchPlants(db, setPlants, (err) => setFailed(String(err))), [db]);

  const useDemo = (): void => {
    seedIfEmpty(db, demoDataset()).catch((err: unknown) => setFailed(String(err)));
  };
  const connect = (): void => {
    setConnecting(true);
    ui.getState().setEnrollOpen(true);
  };

  // Reactive too: after enrollment the plant is chosen before its lines have arrived by sync.
  useEffect(() => {
    setLines(null);
    if (!plantId) return;
    return watchActiveLines(db, plantId, setLines, (err) => setFailed(String(err)));
  }, [db, plantId]);

  const plant = plants?.find((p) => p.id === plantId) ?? null;

  return (
    <main class="screen setup-screen" data-testid="screen-setup">
      <h1>{setupText('setup.title')}</h1>
      {failed && (
        <p class="hint hint-error" role="alert">
          {failed}
        </p>
      )}
      {!plants ? (
        <p class="loading" aria-busy="true">
          {setupText('setup.preparing')}
        </p>
      ) : plants.length === 0 ? (
        <section aria-labelledby="setup-how">
          <h2 id="setup-how">{setupText('setup.howTitle')}</h2>
          {connecting && <p class="hint" role="status">{setupText('setup.waitingForData')}</p>}
          <ul class="choice-grid">
            <li>
              <button type="button" class="btn btn-choice" data-testid="setup-connect" onClick={connect}>
                <span class="choice-main">{setupText('setup.connect')}</span>
                <span class="choice-sub">{setupText('setup.connectSub')}</span>
              </button>
            </li>
            <li>
              <button type="button" class="btn btn-choice" data-testid="setup-demo" onClick={useDemo}>
                <span class="choice-main">{setupText('setup.demo')}</span>
                <span class="choice-sub">{setupText('setup.demoSub')}</span>
              </button>
            </li>
          </ul>
        </section>
      ) : !plant ? (
        <section aria-labelledby="choose-plant">
          <h2 id="choose-plant">{setupText('setup.choosePlant')}</h2>
          <ul class="choice-grid">
            {plants.map((p) => (
              <li key={p.id}>
                <button type="button" class="btn btn-choice" data-testid={`plant-${p.id}`} onClick={() => session.getState().choosePlant(p.id)}>
                  <span class="choice-main">{p.name}</span>
                  <span class="choice-sub">{setupText('setup.plantLine', { code: p.code, timeZone: p.timeZone })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section aria-labelledby="choose-line">
          <h2 id="choose-line">
            {plant.name}: {setupText('setup.chooseLine')}
          </h2>
          {lines && lines.length === 0 && <p class="hint">{setupText('setup.noLines')}</p>}
          <ul class="choice-grid">
            {(lines ?? []).map((l) => (
              <li key={l.id}>
                <button type="button" class="btn btn-choice" data-testid={`line-${l.id}`} onClick={() => session.getState().chooseLine(l.id)}>
                  <span class="choice-main">{l.name}</span>
                  <span class="choice-sub">
                    {l.area} · {l.code}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn-secondary" data-testid="setup-back" onClick={() => session.getState().choosePlant('')}>
            {setupText('setup.back')}
          </button>
        </section>
      )}
    </main>
  );
}
