import { houseTotalW } from '../../shared/house-total';
import type { RemoteNode } from '../../shared/mqtt-schema';
import { formatPower } from '../../shared/format';
import { useWords } from '../app-context';

interface OtherBoxesProps {
  others: readonly RemoteNode[];
  ownW: number | null;
}

const watts = (w: number, tag: string): string => {
  const p = formatPower(w, tag);
  return `${p.value} ${p.unit}`;
};

/** The other boxes on the broker beside this one, and what the house draws in all (stale boxes left out). */
export function OtherBoxes({ others, ownW }: OtherBoxesProps) {
  const { t, tag } = useWords();
  if (others.length === 0) return null;
  const { totalW } = houseTotalW(ownW, others);
  return (
    <ul className="other-boxes" data-testid="other-boxes" aria-label={t.mqtt.house}>
      <li className="other-box other-box-own">
        <span className="other-box-name">{t.main}</span>
        <span className="other-box-power">{ownW === null ? '—' : watts(ownW, tag)}</span>
      </li>
      {others.map((n) => (
        <li key={n.node} className={`other-box${n.stale ? ' other-box-stale' : ''}`} data-node={n.node} data-stale={n.stale}>
          <span className="other-box-name">{n.node}</span>
          <span className="other-box-power">{n.stale || n.powerW === null ? t.mqtt.stale : watts(n.powerW, tag)}</span>
        </li>
      ))}
      <li className="other-box other-box-total" data-testid="house-total" data-watts={Math.round(totalW)}>
        <span className="other-box-name">{t.mqtt.house}</span>
        <span className="other-box-power">{watts(totalW, tag)}</span>
      </li>
    </ul>
  );
}
