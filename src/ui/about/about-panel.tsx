/**
 * About this device: app version and build, device id, plant and line,
 * whether the browser keeps storage, how much is used, and the service
 * worker's state; the language switch; plus "Change line", which a shift
 * lead or the plant admin allows with their PIN (change-line.tsx). Loaded lazily.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import { findPlantAndLine } from '../../db/plant/plant-queries.ts';
import { APP_VERSION, BUILD_ID } from '../../pwa/build-info.ts';
import { serviceWorkerStatus, storageReport, type ServiceWorkerStatus, type StorageReport } from '../../pwa/storage-persistence.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { formatBytes } from '../format.ts';
import { languageStore } from '../i18n/language.ts';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { ChangeLine } from './change-line.tsx';
import { aboutText } from './about-messages.ts';

export interface AboutPanelProps {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
  onClose(): void;
}

export function AboutPanel({ db, session, ui, onClose }: AboutPanelProps) {
  const deviceId = useStore(session, (s) => s.deviceId);
  const plantId = useStore(session, (s) => s.plantId);
  const lineId = useStore(session, (s) => s.lineId);
  const updateAvailable = useStore(ui, (s) => s.updateAvailable);
  // Its own subscription, so the panel speaks the new language at once wherever it is mounted.
  useStore(languageStore, (s) => s.language);
  const [names, setNames] = useState({ plant: plantId, line: lineId, locale: 'en' });
  const [storage, setStorage] = useState<StorageReport | null>(null);
  const [sw, setSw] = useState<ServiceWorkerStatus | null>(null);
  const [changingLine, setChangingLine] = useState(false);

  useEffect(() => {
    let alive = true;
    void findPlantAndLine(db, plantId, lineId).then(({ plant: p, line: l }) => {
      if (alive) setNames({ plant: p?.name ?? plantId, line: l?.name ?? lineId, locale: p?.locale ?? 'en' });
    });
    void storageReport().then((r) => alive && setStorage(r));
    void serviceWorkerStatus().then((s) => alive && setSw(s), () => alive && setSw('unsupported'));
    return () => {
      alive = false;
    };
  }, [db, plantId, lineId]);

  const persisted = storage?.persisted;
  const usage =
    storage && storage.usage !== null && storage.quota !== null
      ? aboutText('about.usageValue', { used: formatBytes(storage.usage, names.locale), quota: formatBytes(storage.quota, names.locale) })
      : aboutText('about.persistedUnknown');
  const swText = sw === null ? aboutText('about.loading') : sw === 'active' && updateAvailable ? aboutText('about.sw.waiting') : aboutText(`about.sw.${sw}`);

  return (
    <div class="overlay">
      <div class="panel about-panel" role="dialog" aria-modal="true" aria-label={aboutText('about.title')} data-testid="about-panel">
        <div class="pad-head">
          <h2>{aboutText('about.title')}</h2>
          <button type="button" class="btn btn-secondary" data-testid="about-close" onClick={onClose}>
            {aboutText('about.close')}
          </button>
        </div>
        <dl class="facts">
          <dt>{aboutText('about.version')}</dt>
          <dd data-testid="about-version">{APP_VERSION}</dd>
          <dt>{aboutText('about.build')}</dt>
          <dd data-testid="about-build">{BUILD_ID}</dd>
          <dt>{aboutText('about.device')}</dt>
          <dd data-testid="about-device">{deviceId}</dd>
          <dt>{aboutText('about.plantLine')}</dt>
          <dd data-testid="about-plant-line">
            {names.plant} · {names.line}
          </dd>
          <dt>{aboutText('about.persisted')}</dt>
          <dd data-testid="about-persisted">
            {persisted === true ? aboutText('about.persistedYes') : persisted === false ? aboutText('about.persistedNo') : aboutText('about.persistedUnknown')}
          </dd>
          <dt>{aboutText('about.usage')}</dt>
          <dd data-testid="about-usage">{usage}</dd>
          <dt>{aboutText('about.sw')}</dt>
          <dd data-testid="about-sw">{swText}</dd>
        </dl>
        <LanguageSwitch />
        {changingLine ? (
          <ChangeLine
            db={db}
            plantId={plantId}
            lineName={names.line}
            onChanged={() => {
              session.getState().changeLine();
              onClose();
            }}
            onCancel={() => setChangingLine(false)}
          />
        ) : (
          <button type="button" class="btn btn-primary btn-big" data-testid="about-change-line" onClick={() => setChangingLine(true)}>
            {aboutText('about.changeLine')}
          </button>
        )}
      </div>
    </div>
  );
}
