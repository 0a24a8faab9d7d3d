// `npm run kiosk -- <command>`: tools for IT preparing a kiosk.
//   hash-pin            reads a PIN (6-12 digits) on stdin, prints the adminPinHash for the config
//   check-config FILE   validates a kiosk config file, prints each problem as "field: reason"
//   serve [--open]      runs the kiosk for a Chromium on this machine (browser-kiosk mode)
//   enrol --collector URL --code CODE
//                       trades an enrolment code for the device token and config, written to
//                       the kiosk's config file; the admin PIN it is to have comes on stdin
// Each command loads what it needs: serve must not wait for the schemas (zod) before it listens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../electron-binary.ts';

const [command, arg] = process.argv.slice(2);

if (command === 'hash-pin') {
  const [{ hashPin }, { AdminPin }] = await Promise.all([
    import('../../electron/core/pin.ts'),
    import('../../shared/bridge.ts'),
  ]);
  const pin = readFileSync(0, 'utf8').trim();
  const checked = AdminPin.safeParse(pin);
  if (!checked.success) {
    console.error(
      `the PIN ${checked.error.issues[0]?.message} (give it on standard input: echo 471108 | npm run kiosk -- hash-pin)`,
    );
    process.exit(2);
  }
  console.log(hashPin(pin));
} else if (command === 'check-config' && arg) {
  const { loadKioskConfig } = await import('../../electron/core/config-file.ts');
  const result = loadKioskConfig(arg);
  if (result.ok) {
    console.log(
      `${arg}: valid (kiosk ${result.config.kioskId}, survey ${result.config.survey.version})`,
    );
  } else {
    for (const p of result.problems) console.error(`${p.field}: ${p.reason}`);
    process.exit(1);
  }
} else if (command === 'serve') {
  const { serve } = await import('./kiosk-serve.ts');
  await serve(process.argv.slice(3), join(ROOT, 'dist', 'renderer'));
} else if (command === 'enrol') {
  const { enrolCommand } = await import('./kiosk-enrol.ts');
  process.exit(await enrolCommand(process.argv.slice(3)));
} else {
  console.error(
    'usage: npm run kiosk -- hash-pin | check-config <file> | serve [--port N] [--open] |\n' +
      '  enrol --collector <url> --code <code> (admin PIN on stdin)',
  );
  process.exit(2);
}
