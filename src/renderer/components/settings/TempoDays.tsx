import { useEffect, useState } from 'react';
import { useApi, useWords } from '../../app-context';
import { formatDateKey } from '../../locale-format';
import { Choices, type FieldContext, Row } from './fields';

type Colour = 'blue' | 'white' | 'red';
type Days = { date: string; colour: Colour | null }[];

/** Today's and tomorrow's Tempo colour, entered by touch (EDF announces tomorrow's each day). */
export function TempoDays({ pin, ctx }: { pin: string | null; ctx: FieldContext }) {
  const api = useApi();
  const { t, tag } = useWords();
  const [days, setDays] = useState<Days>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void api.getTempoDays({}).then((r) => setDays(r.days));
  }, [api]);
  const set = (date: string, colour: Colour): void => {
    void api
      .setTempoColour({ date, colour, ...(pin ? { pin } : {}) })
      .then((r) => {
        setDays(r.days);
        setProblem(null);
      })
      .catch((e: Error) => setProblem(e.message));
  };
  return (
    <>
      {days.map((d) => (
        <Row key={d.date} label={formatDateKey(d.date, tag)} field={`tempo.${d.date}`} ctx={{ ...ctx, problems: problem ? { [`tempo.${d.date}`]: problem } : {} }}>
          <Choices<Colour | 'none'>
            items={['blue', 'white', 'red']}
            value={d.colour ?? 'none'}
            label={(c) => (c === 'none' ? '?' : t.colours[c])}
            onPick={(c) => c !== 'none' && set(d.date, c)}
            testId={`tempo-${d.date}`}
          />
        </Row>
      ))}
    </>
  );
}
