/**
 * The SQDCP letter calendar: for each of Safety, Quality, Delivery, Cost and
 * People, the month's days on the strokes of its letter (or as a month grid),
 * each day green (criteria met), red (missed), grey (no data) or faint (to
 * come), today ringed, and the count of red days in big figures.
 *
 * Never by colour alone: a red day is also hatched and carries a cross, a
 * green day a tick, a day without data a dashed outline, so the calendar reads
 * for colour-blind people and in glare. Day states come from the domain
 * (sqdcp-calendar.ts); this file only places them.
 */
import { memo } from 'preact/compat';
import { letterLayout, monthGridLayout, type LayoutCell } from '../../domain/board/sqdcp-letters.ts';
import type { SqdcpCalendar, SqdcpCategoryMonth, SqdcpDay } from '../../domain/board/sqdcp-calendar.ts';
import { SQDCP } from '../../domain/kpi/kpi-types.ts';
import { bm, type BoardMessageKey } from './board-messages.ts';
import { boardMonth } from './board-format.ts';

const STATE_WORD: Record<SqdcpDay['state'], BoardMessageKey> = {
  green: 'cal.legend.green',
  red: 'cal.legend.red',
  none: 'cal.legend.none',
  future: 'cal.legend.future',
};

const MARK: Record<SqdcpDay['state'], string> = { green: '✓', red: '✕', none: '', future: '' };

function Cell({ cell, day }: { cell: LayoutCell; day: SqdcpDay | undefined }) {
  if (cell === null) return <span class="cal-cell cal-empty" aria-hidden="true" />;
  if (cell === 'spare' || !day) return <span class="cal-cell cal-spare" aria-hidden="true" />;
  return (
    <span
      class={`cal-cell cal-${day.state}${day.today ? ' cal-today' : ''}`}
      data-testid={`cal-day-${day.date}`}
      data-state={day.state}
      data-today={day.today ? 'true' : undefined}
      role="img"
      aria-label={bm('cal.day', { day: day.day, state: `${bm(STATE_WORD[day.state])}${day.today ? `, ${bm('cal.today')}` : ''}` })}
    >
      <span class="cal-num">{day.day}</span>
      {MARK[day.state] && <span class="cal-mark" aria-hidden="true">{MARK[day.state]}</span>}
    </span>
  );
}

interface CategoryProps {
  month: SqdcpCategoryMonth;
  monthKey: string;
  layout: 'letters' | 'grid';
}

function CategoryImpl({ month, monthKey, layout }: CategoryProps) {
  const rows = layout === 'letters' ? letterLayout(month.category, month.days.length) : monthGridLayout(monthKey);
  return (
    <section class="cal-category" data-testid={`cal-${month.category}`} aria-label={bm(`cat.${month.category}`)}>
      <h2 class="cal-name">
        <span class="cal-letter" aria-hidden="true">
          {month.category.charAt(0).toUpperCase()}
        </span>
        {bm(`cat.${month.category}`)}
      </h2>
      <div class={`cal-grid cal-grid-${layout}`} style={{ gridTemplateRows: `repeat(${rows.length}, 1fr)` }}>
        {rows.flatMap((row, r) => row.map((cell, c) => <Cell key={`${r}-${c}`} cell={cell} day={typeof cell === 'number' ? month.days[cell - 1] : undefined} />))}
      </div>
      <p class={`cal-reddays${month.redDays > 0 ? ' has-red' : ''}`} data-testid={`cal-red-${month.category}`}>
        <span class="cal-red-count">{month.redDays}</span>
        <span class="cal-red-word">{month.redDays === 1 ? bm('cal.redDays.one') : bm('cal.redDays.other', { n: month.redDays })}</span>
      </p>
      {month.noDataDays > 0 && <p class="cal-nodata">{month.noDataDays === 1 ? bm('cal.noData.one') : bm('cal.noData.other', { n: month.noDataDays })}</p>}
    </section>
  );
}

const Category = memo(CategoryImpl);

export interface CalendarPageProps {
  calendar: SqdcpCalendar;
  layout: 'letters' | 'grid';
  locale: string;
}

export function CalendarPage({ calendar, layout, locale }: CalendarPageProps) {
  return (
    <div class="board-page cal-page" data-testid="board-page-calendar">
      <h1 class="board-page-title">{bm('cal.title', { month: boardMonth(calendar.month, locale) })}</h1>
      <div class="cal-letters">
        {SQDCP.map((c) => (
          <Category key={c} month={calendar.categories[c]} monthKey={calendar.month} layout={layout} />
        ))}
      </div>
      <ul class="cal-legend" aria-hidden="true">
        {(['green', 'red', 'none', 'future'] as const).map((s) => (
          <li key={s}>
            <span class={`cal-cell cal-${s} cal-swatch`}>
              <span class="cal-mark">{MARK[s]}</span>
            </span>
            {bm(STATE_WORD[s])}
          </li>
        ))}
      </ul>
    </div>
  );
}
