import type { LiveEvent } from '../../shared/contract';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

/**
 * Live events over SSE that survive a restart of serve. EventSource retries by
 * itself after a dropped connection, but gives up for good (readyState CLOSED)
 * when an attempt fails in certain ways (an HTTP error while serve starts up, a
 * wrong content type): then a fresh one is opened, backing off to 10 s.
 */
export function openLiveStream(url: string, listener: (e: LiveEvent) => void): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;
  let closed = false;
  const open = (): void => {
    const s = new EventSource(url);
    source = s;
    s.onopen = () => void (delay = FIRST_RETRY_MS);
    s.onmessage = (m: MessageEvent<string>) => listener(JSON.parse(m.data) as LiveEvent);
    s.onerror = () => {
      if (closed || s.readyState !== EventSource.CLOSED) return;
      timer = setTimeout(open, delay);
      delay = Math.min(MAX_RETRY_MS, delay * 2);
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}
