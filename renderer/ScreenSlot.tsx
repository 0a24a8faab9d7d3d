// Where a screen is drawn: the current one, the next one drawn ahead (ScreenFrame's usePrepared)
// or the one just left (useLeaving). The two that are not current take no room, and are inert
// and out of the accessibility tree.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { afterPaint } from './after-paint.ts';

export type SlotPlace = 'current' | 'prepared' | 'leaving';

const Current = createContext(true);

/** False while the screen around the caller is drawn ahead, or on its way out. */
export function useIsCurrentScreen(): boolean {
  return useContext(Current);
}

/**
 * A screen drawn ahead stays inert for the frame that shows it, and opens in the task after it:
 * inert is inherited, and lifting it inside the tap restyled every element of the new screen
 * before that frame (bench/tap-latency.ts traces: 61 elements on the CES tap, 6 now). Taps are
 * ignored in that frame anyway (SETTLE_MS in ScreenFrame.tsx). Synchronously, so that the
 * screen is open before ScreenFrame's announcer moves focus to its heading: a child's effects
 * run before its parent's, so this after-paint task is queued before the announcer's.
 */
function useOpenOncePainted(current: boolean): boolean {
  const [open, setOpen] = useState(current);
  useEffect(
    () => (current && !open ? afterPaint(() => flushSync(() => setOpen(true))) : undefined),
    [current, open],
  );
  return current && open;
}

export function ScreenSlot({ place, children }: { place: SlotPlace; children: ReactNode }) {
  const current = place === 'current';
  const open = useOpenOncePainted(current);
  return (
    // aria-hidden besides inert: the same promise to tools that do not know inert yet.
    <div className={`slot ${place}`} inert={!open} aria-hidden={open ? undefined : true}>
      <Current.Provider value={current}>{children}</Current.Provider>
    </div>
  );
}
