import { useState } from 'react';
import { addDays, daysInMonth, dateKey } from '../../shared/local-time';
import { useWords } from '../app-context';
import { formatMonth, weekdayNames } from '../locale-format';

interface TouchCalendarProps {
  today: string;
  from: string | null;
  to: string | null;
  /** First tap sets from, second sets to (swapped when earlier). */
  onChange: (from: string | null, to: string | null) => void;
}

/** A month of big day buttons, Monday first; days after today cannot be picked. */
export function TouchCalendar({ today, from, to, onChange }: TouchCalendarProps) {
  const { t, tag } = useWords();
  const [month, setMonth] = useState(() => (from ?? today).slice(0, 7));
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = dateKey(y, m, 1);
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: daysInMonth(y, m) }, (_, i) => addDays(first, i))];
  const shift = (n: number): void => setMonth(addDays(`${month}-15`, n * 30).slice(0, 7));
  const tap = (d: string): void => {
    if (!from || to) return onChange(d, null);
    onChange(d < from ? d : from, d < from ? from : d);
  };
  const picked = (d: string): boolean => d === from || d === to || (!!from && !!to && d > from && d < to);
  return (
    <div className="calendar" data-testid="calendar">
      <div className="calendar-head">
        <button type="button" className="btn btn-icon" aria-label={t.prevMonth} onClick={() => shift(-1)}>
          ‹
        </button>
        <span className="calendar-month">{formatMonth(y, m, tag)}</span>
        <button type="button" className="btn btn-icon" aria-label={t.nextMonth} onClick={() => shift(1)} disabled={month >= today.slice(0, 7)}>
          ›
        </button>
      </div>
      <div className="calendar-grid">
        {weekdayNames(tag).map((w, i) => (
          <span key={`w${i}`} className="calendar-weekday">
            {w}
          </span>
        ))}
        {cells.map((d, i) =>
          d ? (
            <button key={d} type="button" className={`day${picked(d) ? ' day-picked' : ''}`} disabled={d > today} onClick={() => tap(d)} data-date={d}>
              {Number(d.slice(8))}
            </button>
          ) : (
            <span key={`e${i}`} />
          ),
        )}
      </div>
    </div>
  );
}
