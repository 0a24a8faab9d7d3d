// Idle detection for one screen: restarts whenever `restartKey` changes (a new screen) or the
// customer touches anything; warns for the last `warnMs`, then calls onTimeout once.
import { useCallback, useEffect, useRef, useState } from 'react';

interface IdleOptions {
  active: boolean;
  timeoutMs: number;
  warnMs: number;
  restartKey: unknown;
  onTimeout: () => void;
}

const TICK_MS = 200;

export function useIdle({ active, timeoutMs, warnMs, restartKey, onTimeout }: IdleOptions) {
  const [warning, setWarning] = useState<{ key: unknown; seconds: number } | null>(null);
  const onTimeoutRef = useRef(onTimeout);
  const lastActivity = useRef(0);
  useEffect(() => {
    onTimeoutRef.current = onTimeout;
  });

  const poke = useCallback(() => {
    lastActivity.current = Date.now();
    setWarning(null);
  }, []);

  useEffect(() => {
    if (!active) return;
    lastActivity.current = Date.now();
    const timer = setInterval(() => {
      const left = timeoutMs - (Date.now() - lastActivity.current);
      if (left <= 0) {
        clearInterval(timer);
        setWarning(null);
        onTimeoutRef.current();
      } else if (left <= warnMs) {
        const seconds = Math.ceil(left / 1000);
        setWarning((w) =>
          w?.seconds === seconds && w.key === restartKey ? w : { key: restartKey, seconds },
        );
      }
    }, TICK_MS);
    window.addEventListener('pointerdown', poke, true);
    window.addEventListener('keydown', poke, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', poke, true);
      window.removeEventListener('keydown', poke, true);
    };
  }, [active, timeoutMs, warnMs, restartKey, poke]);

  const secondsLeft = active && warning && warning.key === restartKey ? warning.seconds : null;
  return { secondsLeft, poke };
}
