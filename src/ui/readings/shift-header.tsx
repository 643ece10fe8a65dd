/**
 * Where and when: plant, line, the current shift instance (code, name,
 * production date in the plant's calendar, crew on rotating patterns, time
 * left), and who is signed in.
 */
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import { formatProductionDate, timeLeft } from '../format.ts';
import { t } from '../i18n/t.ts';

export interface ShiftHeaderProps {
  plant: Plant;
  line: Line;
  shift: ShiftInstance | null;
  shiftName: string;
  now: Date;
  person: Person | null;
  onSignOut(): void;
  onAbout(): void;
}

export function ShiftHeader({ plant, line, shift, shiftName, now, person, onSignOut, onAbout }: ShiftHeaderProps) {
  const left = shift ? timeLeft(now, shift.endsAt) : null;
  const leftText = left && (left.h > 0 ? t('time.hoursMinutes', { h: left.h, m: String(left.m).padStart(2, '0') }) : t('time.minutes', { m: left.m }));
  return (
    <header class="app-header" data-testid="shift-header">
      <div class="where">
        <span class="plant-name" data-testid="header-plant">
          {plant.name}
        </span>
        <span class="line-name" data-testid="header-line">
          {line.name}
        </span>
      </div>
      <div class="when" data-testid="header-shift">
        {shift ? (
          <>
            <strong>{t('header.shift', { code: shift.shiftCode, name: shiftName })}</strong>
            <span data-testid="header-production-date">{formatProductionDate(shift.productionDate, plant.locale)}</span>
            {shift.crew && <span>{t('header.crew', { crew: shift.crew })}</span>}
            <span class="time-left">{leftText ? t('header.timeLeft', { time: leftText }) : t('header.shiftOver')}</span>
          </>
        ) : (
          <strong>{t('header.noShift')}</strong>
        )}
      </div>
      <div class="who">
        {person && (
          <>
            <span class="person-name" data-testid="header-person">
              {person.name}
            </span>
            <button type="button" class="btn btn-secondary" data-testid="sign-out" onClick={onSignOut}>
              {t('header.signOut')}
            </button>
          </>
        )}
        <button type="button" class="btn btn-secondary" data-testid="open-about" aria-label={t('header.aboutLabel')} onClick={onAbout}>
          {t('header.about')}
        </button>
      </div>
    </header>
  );
}
