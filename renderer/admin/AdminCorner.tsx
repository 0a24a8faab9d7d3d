// The hidden way in for the admin: five taps in the top-left corner within three seconds. The corner
// swallows its taps, so trying it on the attract screen does not start a survey.
import { useRef } from 'react';

export const CORNER_TAPS = 5;
export const CORNER_WINDOW_MS = 3000;

export function AdminCorner({ onOpen }: { onOpen: () => void }) {
  const taps = useRef<number[]>([]);
  return (
    <div
      className="admin-corner"
      data-testid="admin-corner"
      aria-hidden="true"
      onPointerDown={(e) => {
        e.preventDefault();
        e.stopPropagation();
        const now = Date.now();
        taps.current = [...taps.current.filter((t) => now - t < CORNER_WINDOW_MS), now];
        if (taps.current.length >= CORNER_TAPS) {
          taps.current = [];
          onOpen();
        }
      }}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
