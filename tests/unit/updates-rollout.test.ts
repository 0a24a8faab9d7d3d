// Which release a kiosk is offered (server/updates/rollout.ts): staged rollouts that keep the same
// kiosks in as they grow and start each release on a different share of the fleet, channels,
// pins (the kiosk's own over its location's), and withdrawn releases that send kiosks back.
import { describe, expect, it } from 'vitest';
import {
  chooseRelease,
  inRollout,
  rolloutSlot,
  type KioskUpdateView,
  type Release,
} from '../../server/updates/rollout.ts';

const fleet = Array.from({ length: 10_000 }, (_, i) => `kiosk-${i}`);
const release = (version: string, percent = 100, extra: Partial<Release> = {}): Release => ({
  version,
  channel: 'stable',
  percent,
  withdrawn: false,
  ...extra,
});
const view = (kioskId: string, extra: Partial<KioskUpdateView> = {}): KioskUpdateView => ({
  kioskId,
  kiosk: null,
  location: null,
  ...extra,
});
/** A kiosk inside (or outside) `r`'s rollout. */
const kioskWhere = (r: Release, inside: boolean) => fleet.find((k) => inRollout(k, r) === inside)!;

describe('staged rollout', () => {
  it('takes about the share asked for, and the same kiosks on every call', () => {
    const r = release('1.4.0', 10);
    const inside = fleet.filter((k) => inRollout(k, r));
    expect(inside.length / fleet.length).toBeGreaterThan(0.09);
    expect(inside.length / fleet.length).toBeLessThan(0.11);
    expect(fleet.filter((k) => inRollout(k, r))).toEqual(inside);
  });

  it('keeps the first kiosks in as the rollout grows', () => {
    const at10 = fleet.filter((k) => inRollout(k, release('1.4.0', 10)));
    const at50 = new Set(fleet.filter((k) => inRollout(k, release('1.4.0', 50))));
    expect(at10.every((k) => at50.has(k))).toBe(true);
    expect(at50.size / fleet.length).toBeGreaterThan(0.48);
  });

  it('starts each release on a different share of the fleet', () => {
    const first = new Set(fleet.filter((k) => inRollout(k, release('1.4.0', 10))));
    const next = fleet.filter((k) => inRollout(k, release('1.5.0', 10)));
    const both = next.filter((k) => first.has(k)).length;
    // Independent 10 % shares overlap on about 1 % of the fleet, not 10 %.
    expect(both / fleet.length).toBeLessThan(0.02);
  });

  it('gives slots from 0 to 99 only', () => {
    const slots = new Set(fleet.map((k) => rolloutSlot(k, '2.0.0')));
    expect(Math.min(...slots)).toBe(0);
    expect(Math.max(...slots)).toBe(99);
  });
});

describe('the release a kiosk is offered', () => {
  const old = release('1.3.0');
  const staged = release('1.4.0', 20);

  it('is the newest it may have; outside the rollout, the one before', () => {
    expect(chooseRelease(view(kioskWhere(staged, true)), [old, staged])?.version).toBe('1.4.0');
    expect(chooseRelease(view(kioskWhere(staged, false)), [old, staged])?.version).toBe('1.3.0');
  });

  it('is none when nothing is published or rolled out to it', () => {
    expect(chooseRelease(view('kiosk-1'), [])).toBeNull();
    expect(chooseRelease(view('kiosk-1'), [release('1.4.0', 0)])).toBeNull();
  });

  it('orders versions as semver does, pre-releases before their release', () => {
    const releases = [release('1.10.0'), release('1.9.0'), release('1.10.0-rc.1')];
    expect(chooseRelease(view('kiosk-1'), releases)?.version).toBe('1.10.0');
  });

  it('offers beta releases only to kiosks on the beta channel, which take stable ones too', () => {
    const beta = release('1.5.0-beta.1', 100, { channel: 'beta' });
    const releases = [old, beta];
    expect(chooseRelease(view('kiosk-1'), releases)?.version).toBe('1.3.0');
    const onBeta = { channel: 'beta' as const, version: null };
    expect(chooseRelease(view('kiosk-1', { location: onBeta }), releases)?.version).toBe(
      '1.5.0-beta.1',
    );
    expect(
      chooseRelease(view('kiosk-1', { kiosk: onBeta }), [...releases, release('1.6.0')]),
    ).toMatchObject({ version: '1.6.0' });
  });

  it("follows a pin, the kiosk's own before its location's, whatever the rollout", () => {
    const outside = kioskWhere(staged, false);
    const releases = [old, staged, release('1.2.0')];
    const location = { channel: null, version: '1.2.0' };
    expect(chooseRelease(view(outside, { location }), releases)?.version).toBe('1.2.0');
    const kiosk = { channel: null, version: '1.4.0' };
    expect(chooseRelease(view(outside, { location, kiosk }), releases)?.version).toBe('1.4.0');
  });

  it('sends kiosks back from a withdrawn release, pinned ones too', () => {
    const bad = release('1.4.0', 100, { withdrawn: true });
    expect(chooseRelease(view('kiosk-1'), [old, bad])?.version).toBe('1.3.0');
    const pinned = { channel: null, version: '1.4.0' };
    expect(chooseRelease(view('kiosk-1', { kiosk: pinned }), [old, bad])?.version).toBe('1.3.0');
  });
});
