/**
 * Every catalogue of the app, German against English: the same keys, no German
 * left empty, the same `{placeholders}`, and German that is really German, except
 * for a short explicit list of words both languages write alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bm } from '../board/board-messages.ts';
import { et } from '../escalations/escalation-messages.ts';
import { th } from '../handover/handover-messages.ts';
import { tp } from '../people/people-messages.ts';
import { fm } from '../floor/floor-messages.ts';
import { photoText } from '../photo/photo-messages.ts';
import { sim } from '../readings/sign-in-messages.ts';
import { storageText } from '../shell/storage-messages.ts';
import { storageScreenText } from '../shell/storage-screen-messages.ts';
import { aboutText } from '../about/about-messages.ts';
import { setupText } from '../setup/setup-messages.ts';
import { padText } from '../readings/pad-messages.ts';
import { roleWords } from '../people/role-words.ts';
import { rt } from '../readings/rights-messages.ts';
import { rft } from '../readings/refused-messages.ts';
import { refusedWords } from '../refused/refused-entry-messages.ts';
import { okrText } from '../okr/okr-messages.ts';
import { OKR_REFUSAL_TEXT } from '../../domain/okr/okr-rules.ts';
import { OKR_WARNING_TEXT } from '../../domain/okr/okr-guardrails.ts';
import { ago, noun, sm, smCount, syncCatalogue } from '../sync/sync-messages.ts';
import { languageStore, type Language } from './language.ts';
import { messages, t } from './t.ts';

type Tables = Readonly<Record<Language, Readonly<Record<string, string>>>>;

const catalogues: Record<string, Tables> = {
  readings: messages.tables,
  sync: syncCatalogue.tables,
  escalations: et.tables,
  handover: th.tables,
  people: tp.tables,
  photo: photoText.tables,
  board: bm.tables,
  floor: fm.tables,
  signIn: sim.tables,
  storage: storageText.tables,
  storageScreen: storageScreenText.tables,
  about: aboutText.tables,
  setup: setupText.tables,
  pad: padText.tables,
  roles: roleWords.tables,
  rights: rt.tables,
  refusedReadings: rft.tables,
  refused: refusedWords.tables,
  okr: okrText.tables,
};

/** German words (or names) that are the same in English; anything else equal to English is a missing translation. */
const SAME_IN_BOTH: Record<string, readonly string[]> = {
  readings: [
    'app.name', // the product's name
    // The SQDCP letters are the board's letters in every language.
    'category.letter.safety',
    'category.letter.quality',
    'category.letter.delivery',
    'category.letter.cost',
    'category.letter.people',
  ],
  pad: ['pad.reasonText'], // "Details (optional)" is German too
  about: ['about.build'],
  sync: ['badge.online', 'badge.offline', 'details.server'],
  escalations: ['category.material', 'who.unknown'],
  board: ['cal.title'], // "SQDCP · {month}"
};

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
/** Only placeholders and punctuation ("{time} · {person}", "—"): nothing to translate. */
const hasWords = (s: string) => /\p{L}/u.test(s.replace(/\{\w+\}/g, ''));

afterEach(() => languageStore.getState().setLanguage('en'));

describe.each(Object.entries(catalogues))('the %s catalogue', (name, tables) => {
  const { en, de } = tables;
  const keys = Object.keys(en);

  it('has German for exactly the English keys', () => {
    expect(keys.length).toBeGreaterThan(0);
    expect(Object.keys(de).sort()).toEqual([...keys].sort());
  });

  it('leaves no German message empty (unless the English one is empty on purpose)', () => {
    const empty = keys.filter((k) => en[k] !== '' && !de[k]?.trim());
    expect(empty).toEqual([]);
  });

  it('uses the same {placeholders} in German as in English', () => {
    const differing = keys.filter((k) => placeholders(en[k] ?? '').join() !== placeholders(de[k] ?? '').join());
    expect(differing).toEqual([]);
  });

  it('translates every message with words, except the listed ones that are the same in both languages', () => {
    const allowed = SAME_IN_BOTH[name] ?? [];
    const untranslated = keys.filter((k) => en[k] === de[k] && hasWords(en[k] ?? '') && !allowed.includes(k));
    expect(untranslated).toEqual([]);
    // The list stays honest: every listed key exists and really is the same in both.
    for (const k of allowed) expect(de[k], `${name}: ${k}`).toBe(en[k]);
  });
});

describe('t() follows the chosen language', () => {
  it('reads the language on every call and fills placeholders in both', () => {
    expect(t('header.shift', { code: 'F', name: 'Early' })).toBe('Shift F · Early');
    languageStore.getState().setLanguage('de');
    expect(t('header.shift', { code: 'F', name: 'Frühschicht' })).toBe('Schicht F · Frühschicht');
    expect(t('app.loading')).toBe('Wird gestartet…');
    languageStore.getState().setLanguage('en');
    expect(t('app.loading')).toBe('Starting…');
  });

  it('keeps a missing parameter visible instead of blank', () => {
    languageStore.getState().setLanguage('de');
    expect(t('saved.toast', { value: '87,5 %', name: 'OEE' })).toBe('Gespeichert · 87,5 % OEE · {time}');
  });
});

describe('sync words follow the chosen language', () => {
  const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

  it('speaks German for counts, times ago and refused record kinds', () => {
    languageStore.getState().setLanguage('de');
    expect(smCount('badge.pending', 1)).toBe('1 Eintrag wartet auf Versand');
    expect(smCount('badge.pending', 3)).toBe('3 Einträge warten auf Versand');
    expect(ago(NOW - 5 * 60_000, NOW)).toBe('vor 5 Min.');
    expect(sm('badge.synced', { ago: ago(NOW - 3 * 3_600_000, NOW) })).toBe('Abgeglichen vor 3 Std.');
    expect(sm('details.refusedLine', { count: 2, noun: noun('kpi_readings', 2), message: 'x' })).toBe('2 Messwerte vom Server abgelehnt: x');
    expect(noun('handovers', 1)).toBe('Schichtübergabe');
  });

  it('still speaks English when English is chosen', () => {
    expect(smCount('revoked.kept', 2)).toBe('2 entries are kept on this device and will be sent after enrollment.');
    expect(noun('kpi_readings', 1)).toBe('reading');
  });
});

describe('the OKR catalogue and the domain', () => {
  it('[K2] [K3] has every refusal and warning of the domain, the English word for word what the server says', () => {
    const en = okrText.tables.en as Readonly<Record<string, string>>;
    for (const [code, text] of Object.entries(OKR_REFUSAL_TEXT)) expect(en[`refusal.${code}`], code).toBe(text);
    for (const [code, text] of Object.entries(OKR_WARNING_TEXT)) expect(en[`warning.${code}`], code).toBe(text);
  });
});
