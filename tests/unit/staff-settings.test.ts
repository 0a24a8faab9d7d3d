// The collector's settings for the staff side, from the environment as main.ts reads them: which
// reverse proxies to believe about client addresses, and how many live screens may be open.
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../server/settings.ts';

describe('staff settings', () => {
  it('believes X-Forwarded-For only from the proxies named, or the one on this machine', () => {
    expect(settingsFromEnv({})).toMatchObject({ behindProxy: false, trustProxy: false });
    expect(settingsFromEnv({ LASTWORD_BEHIND_PROXY: '1' })).toMatchObject({
      behindProxy: true,
      trustProxy: 'loopback',
    });
    expect(
      settingsFromEnv({ LASTWORD_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,2001:db8::/48' }),
    ).toMatchObject({ behindProxy: true, trustProxy: '10.0.0.5,10.1.0.0/16,2001:db8::/48' });
    for (const bad of ['1', 'true', '*', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/2'])
      expect(() => settingsFromEnv({ LASTWORD_TRUSTED_PROXIES: bad }), bad).toThrow(
        /LASTWORD_TRUSTED_PROXIES: addresses or CIDRs/,
      );
  });

  it('caps live screens per account and in all, 5 and 200 unless told otherwise', () => {
    expect(settingsFromEnv({}).streamLimits).toEqual({ perUser: 5, total: 200 });
    expect(
      settingsFromEnv({
        LASTWORD_STAFF_STREAMS_PER_USER: '2',
        LASTWORD_STAFF_STREAMS_TOTAL: '50',
      }).streamLimits,
    ).toEqual({ perUser: 2, total: 50 });
    expect(() => settingsFromEnv({ LASTWORD_STAFF_STREAMS_TOTAL: '0' })).toThrow(
      /LASTWORD_STAFF_STREAMS_TOTAL/,
    );
  });
});
