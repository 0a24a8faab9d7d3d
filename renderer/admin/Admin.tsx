// Admin mode: closed, asking for the PIN, or open with a session. Opening it ends any customer's
// answer (kept as partial) and it closes itself when left alone.
import { useState } from 'react';
import { useIdle } from '../hooks/useIdle.ts';
import { useFlow, useKiosk } from '../state/context.tsx';
import { AdminCorner } from './AdminCorner.tsx';
import { AdminPanel } from './AdminPanel.tsx';
import { PinPad } from './PinPad.tsx';

type Mode =
  { kind: 'closed' } | { kind: 'pin'; expired?: boolean } | { kind: 'panel'; session: string };

const PANEL_IDLE_MS = 120_000;

export function Admin({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const { config } = useKiosk();
  const reset = useFlow((f) => f.reset);
  const [mode, setModeState] = useState<Mode>({ kind: 'closed' });
  const setMode = (m: Mode) => {
    setModeState(m);
    onOpenChange(m.kind !== 'closed');
    // Back to a fresh attract screen, in the (possibly new) default language.
    if (m.kind === 'closed') reset();
  };
  useIdle({
    active: mode.kind !== 'closed',
    timeoutMs: mode.kind === 'panel' ? PANEL_IDLE_MS : config.idleTimeoutSeconds * 1000,
    warnMs: 0,
    restartKey: mode.kind,
    onTimeout: () => setMode({ kind: 'closed' }),
  });

  return (
    <>
      <AdminCorner
        onOpen={() => {
          reset();
          setMode({ kind: 'pin' });
        }}
      />
      {mode.kind === 'pin' && (
        <PinPad
          expired={mode.expired}
          onUnlocked={(session) => setMode({ kind: 'panel', session })}
          onCancel={() => setMode({ kind: 'closed' })}
        />
      )}
      {mode.kind === 'panel' && (
        <AdminPanel
          session={mode.session}
          onClose={() => setMode({ kind: 'closed' })}
          onSessionEnded={() => setMode({ kind: 'pin', expired: true })}
        />
      )}
    </>
  );
}
