import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Boot } from '../../renderer/Boot.tsx';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import { createFakeBridge } from './support/fake-bridge.ts';

describe('before the kiosk can run', () => {
  it('lists every problem of a broken config file, field by field', async () => {
    const problems = [
      { field: 'kioskId', reason: 'must be 1-64 letters, digits, ".", "_" or "-"' },
      { field: 'survey.smiley.labels', reason: 'needs exactly 5 labels, one per face' },
    ];
    const fake = createFakeBridge({
      getConfig: async () => {
        throw new BridgeError({ code: 'unavailable', message: 'invalid kiosk config', problems });
      },
    });
    render(<Boot client={fake.client} reloadPage={vi.fn()} />);
    expect(
      await screen.findByRole('heading', { name: 'This kiosk is not set up correctly' }),
    ).toBeTruthy();
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(problems.map((p) => p.field + p.reason));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('says the host cannot be reached instead of showing a blank page', async () => {
    const fake = createFakeBridge({
      getConfig: async () => {
        throw new BridgeError({ code: 'internal', message: 'kiosk host unreachable' });
      },
    });
    render(<Boot client={fake.client} reloadPage={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'The kiosk cannot start' })).toBeTruthy();
    expect(screen.getByText(/kiosk host unreachable/)).toBeTruthy();
  });

  it('starts on the config asked for before the page rendered, without asking again', async () => {
    const fake = createFakeBridge();
    const firstConfig = fake.client.getConfig({});
    render(<Boot client={fake.client} reloadPage={vi.fn()} firstConfig={firstConfig} />);
    expect(await screen.findByRole('heading', { name: 'How was your visit today?' })).toBeTruthy();
    expect(fake.calls.filter(([channel]) => channel === 'getConfig')).toHaveLength(1);
  });

  it('explains a page opened without the kiosk token', () => {
    render(<Boot client={null} reloadPage={vi.fn()} />);
    expect(screen.getByText(/opened without the kiosk's access token/)).toBeTruthy();
  });
});
