import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Reading, Status } from '../shared/contract';
import type { PowerApi } from '../shared/power-api';

/**
 * The status and the latest reading, from one subscription for the whole page
 * (in a browser each is an HTTP connection); `onReading` lets the live chart
 * hear every reading without a subscription of its own.
 */
export function useLiveReadings(api: PowerApi) {
  const [status, setStatus] = useState<Status | null>(null);
  const [latest, setLatest] = useState<Reading | null>(null);
  const listeners = useRef(new Set<(reading: Reading) => void>());
  useEffect(() => {
    const off = api.subscribe((event) => {
      if (event.type === 'status') {
        setStatus(event.status);
        if (event.status.lastReading) setLatest((prev) => prev ?? event.status.lastReading);
      } else {
        // The gauge is cheap and is the point of the screen: draw it now, before
        // the chart's heavier redraw (queued for the next animation frame).
        flushSync(() => setLatest(event.reading));
        for (const listener of listeners.current) listener(event.reading);
      }
    });
    void api
      .getStatus({})
      .then((s) => setStatus((prev) => prev ?? s))
      .catch(() => undefined);
    return off;
  }, [api]);
  const onReading = useCallback((listener: (reading: Reading) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  return { status, latest, onReading };
}
