import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Recover, RECOVER_MS } from '../../renderer/components/Recover.tsx';

function Fragile() {
  const [broken, setBroken] = useState(false);
  if (broken) throw new Error('render bug');
  return (
    <button type="button" onClick={() => setBroken(true)}>
      Break
    </button>
  );
}

describe('a crash while rendering a screen', () => {
  it('shows an apology instead of a blank panel, then starts over', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onRecover = vi.fn();
    render(
      <Recover message={() => 'Sorry, something went wrong. Starting over…'} onRecover={onRecover}>
        <Fragile />
      </Recover>,
    );
    act(() => screen.getByRole('button', { name: 'Break' }).click());
    expect(screen.getByRole('alert').textContent).toBe(
      'Sorry, something went wrong. Starting over…',
    );
    act(() => vi.advanceTimersByTime(RECOVER_MS));
    expect(onRecover).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Break' })).toBeTruthy();
  });
});
