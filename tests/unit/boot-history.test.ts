// The kiosk's start history file (electron/core/updates/boot-history.ts): kept private between
// starts, a crash loop after an update reported from it, and a damaged file taken as no history.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noteBoot } from '../../electron/core/updates/boot-history.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-boots-');
afterAll(() => dir.remove());
const t0 = Date.UTC(2026, 11, 2, 3, 0);
const at = (min: number) => new Date(t0 + min * 60_000);

describe('boot history', () => {
  it('reports a crash loop after an update across starts, and keeps the file private', () => {
    const path = join(dir.path, 'boots.json');
    expect(noteBoot(path, '1.3.0', at(0))).toBeNull();
    expect(noteBoot(path, '1.4.0', at(60))).toBeNull();
    expect(noteBoot(path, '1.4.0', at(61))).toBeNull();
    expect(noteBoot(path, '1.4.0', at(63))).toBe(
      'crash loop after the update from 1.3.0 to 1.4.0: 3 starts in 3 min',
    );
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('starts a new history from a damaged file', () => {
    const path = join(dir.path, 'damaged.json');
    writeFileSync(path, '{"not": "a list"');
    expect(noteBoot(path, '1.4.0', at(0))).toBeNull();
    expect(noteBoot(path, '1.4.0', at(1))).toBeNull();
  });
});
