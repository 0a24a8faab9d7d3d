// IT alert routing: the shipped examples parse, a bad IT routing is refused with its field
// errors and stores nothing, and the CLI stores a good one and shows it with its secret and URL
// path masked. (What IT is told with it: it-alerts.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setItRoutingCommand, showItRoutingCommand } from '../../server/alerts/cli-commands.ts';
import { getItDefault, parseItDefault } from '../../server/alerts/it-routing-store.ts';
import { parseRouting, RoutingError } from '../../server/alerts/routing-store.ts';
import { LOCATION, startAlertCollector } from '../support/alert-collector.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('IT alerts: routing', () => {
  it('takes the examples, and refuses a bad IT routing with field errors, storing nothing', async () => {
    const example = (name: string) =>
      JSON.parse(readFileSync(join(ROOT, 'server/alerts', name), 'utf8')) as unknown;
    expect(parseItDefault(example('it-routing.example.json')).it.remindEveryMinutes).toBe(240);
    expect(parseRouting(example('routing.example.json')).it?.notify).toEqual(['store-it']);

    const problems = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(RoutingError);
        return (error as Error).message.split('\n');
      }
      throw new Error('accepted');
    };
    const channels = [{ name: 'it', kind: 'slack', url: 'https://hooks.slack.com/x' }];
    expect(
      problems(() =>
        parseItDefault({
          channels,
          it: { notify: ['pager'], statuses: ['offline', 'sleepy'], remindEveryMinutes: 5 },
          thresholds: {},
        }),
      ).sort(),
    ).toEqual([
      '(routing): Unrecognized key: "thresholds"',
      'it.remindEveryMinutes: Too small: expected number to be >=15',
      expect.stringMatching(/^it\.statuses\.1: Invalid option: expected one of "offline"/),
    ]);
    expect(problems(() => parseItDefault({ channels, it: { notify: ['pager'] } }))).toEqual([
      'it.notify: no channel named "pager"',
    ]);
    expect(problems(() => parseItDefault({ channels, it: { notify: [] } }))).toEqual([
      'it.notify: name at least one channel',
    ]);
    expect(
      problems(() =>
        parseRouting({ thresholds: {}, channels, it: { notify: ['it'], page: true } }),
      ),
    ).toEqual([expect.stringMatching(/^it: Unrecognized key: "page"/)]);

    const c = await startAlertCollector({ start: '2026-11-23T08:00:00.000Z' });
    const dir = tempDir('lastword-it-routing-');
    try {
      const file = join(dir.path, 'it.json');
      writeFileSync(
        file,
        JSON.stringify({
          channels: [{ ...channels[0], url: 'http://x.example/h' }],
          it: { notify: ['it'] },
        }),
      );
      await expect(setItRoutingCommand(c.storage, file, () => {})).rejects.toThrow(
        /^channels\.it\.url: /,
      );
      expect(await getItDefault(c.storage.db)).toBeNull();
      // A good one is stored, and shown with its secret and URL path masked.
      writeFileSync(file, readFileSync(join(ROOT, 'server/alerts/it-routing.example.json')));
      const said: string[] = [];
      await setItRoutingCommand(c.storage, file, (l) => said.push(l));
      expect(said[0]).toMatch(
        /^IT alert routing set for every location without its own: it-teams, it-pager told of offline, silent/,
      );
      said.length = 0;
      await showItRoutingCommand(c.storage, LOCATION, (l) => said.push(l));
      const shown = said.join('\n');
      expect(JSON.parse(shown)).toMatchObject({ it: { notify: ['it-teams', 'it-pager'] } });
      expect(shown).toContain('"secret": "whsec_…"');
      expect(shown).not.toMatch(/MfKQ9r8|IT-XXXX/);
    } finally {
      dir.remove();
      await c.close();
    }
  });
});
