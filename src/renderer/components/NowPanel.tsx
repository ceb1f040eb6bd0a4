import type { RemoteNode } from '../../shared/mqtt-schema';
import { useWords } from '../app-context';
import { alertLevel } from '../power-alert-level';
import { type ReadingStore, useReading } from '../reading-store';
import { Gauge } from './Gauge';
import { OtherBoxes } from './OtherBoxes';
import { PowerAlert } from './PowerAlert';

interface NowPanelProps {
  readings: ReadingStore;
  gaugeMaxW: number;
  subscribedVa: number;
  others: readonly RemoteNode[];
}

/**
 * What the house draws now: the alert near the subscribed power, the gauge and
 * the other boxes. The gauge follows every reading by itself; the alert and the
 * boxes re-render with a reading only while they are on screen.
 */
export function NowPanel({ readings, gaugeMaxW, subscribedVa, others }: NowPanelProps) {
  const { t } = useWords();
  const alerting = useReading(readings, (r) => (alertLevel(r?.powerW ?? null, subscribedVa) === 'none' ? null : (r?.powerW ?? null)));
  const ownW = useReading(readings, (r) => (others.length === 0 ? null : (r?.powerW ?? null)));
  return (
    <>
      <PowerAlert watts={alerting} subscribedVa={subscribedVa} />
      <section className="now" aria-label={t.now}>
        <Gauge readings={readings} maxW={gaugeMaxW} />
        <OtherBoxes others={others} ownW={ownW} />
      </section>
    </>
  );
}
