// `npm run kiosk -- enrol --collector URL --code CODE`: what the setup screen does, headless, for
// scripted rollouts. The kiosk's admin PIN comes on stdin (never on the command line, where other
// users see it in the process list); the config goes where the kiosk reads it (LASTWORD_CONFIG,
// or kiosk.json in LASTWORD_DATA_DIR or the per-user app-data folder).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { enrolWithCode } from '../../electron/core/enrolment.ts';
import { kioskPaths, resolveDataDir } from '../../electron/core/paths.ts';
import { AdminPin } from '../../shared/bridge.ts';

export async function enrolCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { collector: { type: 'string' }, code: { type: 'string' } },
  });
  if (!values.collector || !values.code) {
    console.error(
      'usage: echo <admin PIN> | npm run kiosk -- enrol --collector <url> --code <code>',
    );
    return 2;
  }
  const pin = AdminPin.safeParse(readFileSync(0, 'utf8').trim());
  if (!pin.success) {
    console.error(
      `the admin PIN ${pin.error.issues[0]?.message} (give it on standard input: echo 471108 | npm run kiosk -- enrol …)`,
    );
    return 2;
  }
  const { config } = kioskPaths(
    resolveDataDir(process.env, process.platform, homedir()),
    process.env,
  );
  const outcome = await enrolWithCode({
    collector: values.collector,
    code: values.code,
    pin: pin.data,
    configPath: config,
  });
  if (!outcome.ok) {
    console.error(`not enrolled (${outcome.reason}): ${outcome.message}`);
    return 1;
  }
  console.log(`enrolled as kiosk ${outcome.kioskId}; config written to ${config}`);
  return 0;
}
