// Where a screen is drawn: the current one, the next one drawn ahead (ScreenFrame's usePrepared)
// or the one just left (useLeaving). The two that are not current are hidden, inert and out of
// the accessibility tree.
import { createContext, useContext, type ReactNode } from 'react';

export type SlotPlace = 'current' | 'prepared' | 'leaving';

const Current = createContext(true);

/** False while the screen around the caller is drawn ahead, or on its way out. */
export function useIsCurrentScreen(): boolean {
  return useContext(Current);
}

export function ScreenSlot({ place, children }: { place: SlotPlace; children: ReactNode }) {
  const current = place === 'current';
  return (
    // aria-hidden besides inert: the same promise to tools that do not know inert yet.
    <div className={`slot ${place}`} inert={!current} aria-hidden={current ? undefined : true}>
      <Current.Provider value={current}>{children}</Current.Provider>
    </div>
  );
}
