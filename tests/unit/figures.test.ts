// Figures on the staff pages and in the digest: a count a manager reads at a glance, a change
// with its sign.
import { describe, expect, it } from 'vitest';
import { count, signed } from '../../shared/figures.ts';

describe('figures as staff read them', () => {
  it('groups thousands in a count', () => {
    expect([0, 999, 1541, 12480, 1_250_000].map(count)).toEqual([
      '0',
      '999',
      '1,541',
      '12,480',
      '1,250,000',
    ]);
  });

  it('signs a change with plus, a true minus, or ± for none, keeping its decimals', () => {
    expect([1200, -29, 0, 1.2, -0.7].map(signed)).toEqual(['+1,200', '−29', '±0', '+1.2', '−0.7']);
  });
});
