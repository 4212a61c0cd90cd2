// The booth forgets a person who walked away: after `seconds` without a touch it asks "are you still there?",
// and after `warningSeconds` more it starts over. Any touch or key resets the clock.
import { useEffect, useRef, useState } from 'react';

export function useIdle(
  enabled: boolean,
  seconds: number,
  warningSeconds: number,
  onTimeout: () => void,
): { warningLeft: number | null; stillHere: () => void } {
  const [warningLeft, setWarningLeft] = useState<number | null>(null);
  const [epoch, setEpoch] = useState(0);
  const timeoutRef = useRef(onTimeout);
  useEffect(() => {
    timeoutRef.current = onTimeout;
  });

  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    const touched = () => {
      last = Date.now();
      setWarningLeft(null);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, touched, { passive: true }));
    const tick = window.setInterval(() => {
      const idle = (Date.now() - last) / 1000;
      if (idle >= seconds + warningSeconds) {
        window.clearInterval(tick);
        timeoutRef.current();
      } else if (idle >= seconds) {
        setWarningLeft(Math.ceil(seconds + warningSeconds - idle));
      }
    }, 250);
    return () => {
      window.clearInterval(tick);
      events.forEach((e) => window.removeEventListener(e, touched));
      setWarningLeft(null);
    };
  }, [enabled, seconds, warningSeconds, epoch]);

  return { warningLeft, stillHere: () => setEpoch((n) => n + 1) };
}
