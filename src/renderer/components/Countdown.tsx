import { useEffect, useState } from 'react';
import { formatAge } from '../../shared/format';

/**
 * "3 s" to an instant, counted down once a second. Mounted only while there is
 * something to count down to (a retry), so a healthy screen runs no clock for it.
 */
export function Countdown({ to }: { to: number }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <>{formatAge(Math.max(0, to - now))}</>;
}
