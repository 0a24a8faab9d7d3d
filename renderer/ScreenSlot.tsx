// Where a screen is drawn: the current one, or the next one drawn ahead (ScreenFrame's
// usePrepared), hidden, inert and out of the accessibility tree until it becomes current.
import { createContext, useContext, type ReactNode } from 'react';

const Current = createContext(true);

/** False while the screen around the caller is drawn ahead and not yet shown. */
export function useIsCurrentScreen(): boolean {
  return useContext(Current);
}

export function ScreenSlot({ current, children }: { current: boolean; children: ReactNode }) {
  return (
    // aria-hidden besides inert: the same promise to tools that do not know inert yet.
    <div
      className={current ? 'slot' : 'slot prepared'}
      inert={!current}
      aria-hidden={current ? undefined : true}
    >
      <Current.Provider value={current}>{children}</Current.Provider>
    </div>
  );
}
