import { useEffect, useState } from 'react';
import type { Status } from '../shared/contract';
import type { PowerApi } from '../shared/power-api';
import { type ReadingStore, createReadingStore } from './reading-store';

/**
 * The status and the readings, from one subscription for the whole page (in a
 * browser each is an HTTP connection). The status is React state (it changes
 * now and then); readings go to a store that the gauge, the status line and the
 * live chart each listen to, so a reading does not re-render the page.
 */
export function useLiveReadings(api: PowerApi): { status: Status | null; readings: ReadingStore } {
  const [status, setStatus] = useState<Status | null>(null);
  const [readings] = useState(createReadingStore);
  useEffect(() => {
    const off = api.subscribe((event) => {
      if (event.type === 'reading') return readings.push(event.reading);
      setStatus(event.status);
      // Something to show before the first reading event comes.
      if (event.status.lastReading && readings.latest() === null) readings.push(event.status.lastReading);
    });
    void api
      .getStatus({})
      .then((s) => setStatus((prev) => prev ?? s))
      .catch(() => undefined);
    return off;
  }, [api, readings]);
  return { status, readings };
}
