// Administration (locations, kiosks, alert routing, staff, one person's data): `node server/cli.ts <command>`,
// against the same storage as main.ts (DATABASE_URL or LASTWORD_DB). Changes take effect on the
// running collector at once: it reads tokens and configs from the database on every request.
// Each area's commands live beside it (*/cli-commands.ts); this file parses and dispatches.
import { parseArgs } from 'node:util';
import {
  createApiTokenCommand,
  listApiTokensCommand,
  revokeApiTokenCommand,
} from './api/cli-commands.ts';
import {
  setItRoutingCommand,
  setRoutingCommand,
  showItRoutingCommand,
  showRoutingCommand,
} from './alerts/cli-commands.ts';
import { openStorage, type Storage } from './db/open.ts';
import {
  createEnrolmentCodeCommand,
  enrolCommand,
  listCommand,
  kioskActionCommand,
  kioskOrdersCommand,
  revokeCommand,
  setConfigCommand,
  type KioskFlags,
} from './kiosk-api/cli-commands.ts';
import {
  addLocationCommand,
  addTouchpointCommand,
  listLocationsCommand,
  setLocationCommand,
  type LocationFlags,
} from './locations/cli-commands.ts';
import { exportPersonCommand, forgetCommand, type PersonFlags } from './privacy/cli-commands.ts';
import { personFrom } from './privacy/person.ts';
import { settingsFromEnv } from './settings.ts';
import { addStaff, setStaff, type StaffFlags } from './staff/cli-commands.ts';
import {
  channelCommand,
  parsePercent,
  pinCommand,
  publishCommand,
  releasesCommand,
  rolloutCommand,
  withdrawCommand,
  type UpdateFlags,
} from './updates/cli-commands.ts';

const USAGE = `usage: node server/cli.ts <command>
  add-location <name> --time-zone <Area/City> [--hours <spec>] [--closed <dates>] [--external-id <id>]
                                                          --hours "mon-fri=08:00-18:00,sat=09:00-13:00"
                                                          (days left out are closed; "always": not set),
                                                          --closed "2026-12-25,2026-12-26"
  set-location <name> [--time-zone …] [--hours …] [--closed …] [--external-id …]
  add-touchpoint <location> <name>
  locations [--json]                                      locations, hours, touchpoints and their kiosks
  enrol <kioskId> --location <text> --touchpoint <text>   prints the kiosk's device token, once; the
                                                          kiosk stands at that touchpoint (made if new)
  list [--json]                                           every kiosk: status, last contact, clock
  revoke <kioskId>                                        its token gets 401 from now on
  kiosk-action <kioskId> <reload|resend-dead-letters|rotate-token|fetch-logs|retire|replace>
                                                          [--lines <1-200>] for fetch-logs, [--valid-hours]
                                                          for replace (prints the new device's code)
  kiosk-orders <kioskId> [--json]                         the orders given to a kiosk and their results
  create-enrolment-code --location <name> --touchpoint <name> [--valid-hours <1-168>]
                                                          prints a single-use code (24 h by default)
                                                          a new kiosk trades for its token and config
  set-config <kioskId> <kiosk.json>                       the config GET /v1/config serves it
  set-routing <location> <routing.json>                   alert rules and channels (server/alerts/routing.example.json)
  show-routing <location>                                 the routing in effect (secrets masked)
  set-it-routing <it-routing.json>                        IT alerts about kiosks, for every location
                                                          whose routing has no "it" section
                                                          (server/alerts/it-routing.example.json)
  show-it-routing [--location <name>]                     the IT routing in force there (or the default)
  create-admin <username> [--name <text>]                 the first admin; password from stdin
  add-staff <username> --role staff|manager|admin [--locations "Main store,Outlet"] [--name <text>]
  set-staff <username> [--role …] [--locations …] [--name …] [--disable|--enable] [--password]
                                                          changes log the account out everywhere
  publish-update <dir> --percent <0-100> [--channel stable|beta]
                                                          electron-builder's output becomes a release
                                                          offered to that share of the kiosks
  rollout <version> --percent <0-100>                     widens (or narrows) a staged rollout
  withdraw <version>                                      never offered again; kiosks on it go back
  pin-update <version|none> --kiosk <id> | --location <name>
                                                          holds them on a version (none: let go)
  update-channel stable|beta --kiosk <id> | --location <name>
  releases                                                every release: channel, rollout, date
  create-api-token --name <name> [--locations "Main store,Outlet"]
                                                          a read API token (/api/v1) for a BI or
                                                          CRM tool, printed once; every location
                                                          unless --locations lists some
  api-tokens                                              every API token: scope, created, revoked
  revoke-api-token <name>                                 that token gets 401 from now on
  export-person --email <address> | --phone <number>      prints as JSON what is held about them
  forget --email <address> | --phone <number>             removes comment and contact from every
                                                          answer with it (scores kept) and the staff
                                                          notes on its alerts; prints what changed.
                                                          It acts on what is stored now: run it
                                                          again for answers that arrive later
storage: DATABASE_URL=postgres://… or LASTWORD_DB=<file> (default ./collector-data/collector.sqlite);
release files: LASTWORD_UPDATES_DIR (default ./collector-data/updates)`;

class UsageError extends Error {}

interface Command {
  args: number;
  run(
    storage: Storage,
    args: string[],
    flags: { json?: boolean } & KioskFlags & StaffFlags & PersonFlags & LocationFlags & UpdateFlags,
    out: (line: string) => void,
  ): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  'add-location': {
    args: 1,
    run: (storage, [name], f, out) => addLocationCommand(storage, name!, f, out),
  },
  'set-location': {
    args: 1,
    run: (storage, [name], f, out) => setLocationCommand(storage, name!, f, out),
  },
  'add-touchpoint': {
    args: 2,
    run: (storage, [location, name], _f, out) =>
      addTouchpointCommand(storage, location!, name!, out),
  },
  locations: {
    args: 0,
    run: (storage, _args, f, out) => listLocationsCommand(storage, f.json === true, out),
  },
  'set-routing': {
    args: 2,
    run: (storage, [location, file], _f, out) => setRoutingCommand(storage, location!, file!, out),
  },
  'show-routing': {
    args: 1,
    run: (storage, [location], _f, out) => showRoutingCommand(storage, location!, out),
  },
  'set-it-routing': {
    args: 1,
    run: (storage, [file], _f, out) => setItRoutingCommand(storage, file!, out),
  },
  'show-it-routing': {
    args: 0,
    run: (storage, _args, f, out) => showItRoutingCommand(storage, f.location, out),
  },
  'create-admin': {
    args: 1,
    run: (storage, [name], f, out) => addStaff(storage, name!, f, 'admin', out),
  },
  'add-staff': {
    args: 1,
    run: (storage, [name], f, out) => addStaff(storage, name!, f, null, out),
  },
  'set-staff': {
    args: 1,
    run: (storage, [name], f, out) => setStaff(storage, name!, f, out),
  },
  'export-person': {
    args: 0,
    run: (storage, _args, f, out) => exportPersonCommand(storage, f, out),
  },
  'create-api-token': {
    args: 0,
    run: (storage, _args, f, out) => createApiTokenCommand(storage, f, out),
  },
  'api-tokens': { args: 0, run: (storage, _args, _f, out) => listApiTokensCommand(storage, out) },
  'revoke-api-token': {
    args: 1,
    run: (storage, [name], _f, out) => revokeApiTokenCommand(storage, name!, out),
  },
  forget: { args: 0, run: (storage, _args, f, out) => forgetCommand(storage, f, out) },
  'publish-update': {
    args: 1,
    run: (storage, [dir], f, out) =>
      publishCommand(storage, settingsFromEnv(process.env).updatesDir, dir!, f, out),
  },
  rollout: { args: 1, run: (storage, [v], f, out) => rolloutCommand(storage, v!, f, out) },
  withdraw: { args: 1, run: (storage, [v], _f, out) => withdrawCommand(storage, v!, out) },
  'pin-update': { args: 1, run: (storage, [v], f, out) => pinCommand(storage, v!, f, out) },
  'update-channel': {
    args: 1,
    run: (storage, [channel], f, out) => channelCommand(storage, channel!, f, out),
  },
  releases: { args: 0, run: (storage, _args, _f, out) => releasesCommand(storage, out) },
  enrol: { args: 1, run: (storage, [id], f, out) => enrolCommand(storage, id!, f, out) },
  'create-enrolment-code': {
    args: 0,
    run: (storage, _args, f, out) => createEnrolmentCodeCommand(storage, f, out),
  },
  list: { args: 0, run: (storage, _args, f, out) => listCommand(storage, f.json === true, out) },
  revoke: { args: 1, run: (storage, [id], _f, out) => revokeCommand(storage, id!, out) },
  'kiosk-action': {
    args: 2,
    run: (storage, [id, action], f, out) => kioskActionCommand(storage, id!, action!, f, out),
  },
  'kiosk-orders': {
    args: 1,
    run: (storage, [id], f, out) => kioskOrdersCommand(storage, id!, f.json === true, out),
  },
  'set-config': {
    args: 2,
    run: (storage, [id, file], _f, out) => setConfigCommand(storage, id!, file!, out),
  },
};

async function run(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      location: { type: 'string' },
      role: { type: 'string' },
      locations: { type: 'string' },
      name: { type: 'string' },
      touchpoint: { type: 'string' },
      'time-zone': { type: 'string' },
      'external-id': { type: 'string' },
      hours: { type: 'string' },
      closed: { type: 'string' },
      kiosk: { type: 'string' },
      channel: { type: 'string' },
      percent: { type: 'string' },
      'valid-hours': { type: 'string' },
      lines: { type: 'string' },
      json: { type: 'boolean' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      password: { type: 'boolean' },
      email: { type: 'string' },
      phone: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...args] = positionals;
  if (values.help || !name) return out(USAGE);
  // Everything that can be checked without the database is checked first.
  const command = COMMANDS[name === 'enroll' ? 'enrol' : name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (args.length !== command.args)
    throw new UsageError(`${name} takes ${command.args} argument${command.args === 1 ? '' : 's'}`);
  if (
    (command === COMMANDS.enrol || command === COMMANDS['create-enrolment-code']) &&
    (!values.location || !values.touchpoint)
  )
    throw new UsageError(`${name} needs --location and --touchpoint`);
  if (
    values['valid-hours'] !== undefined &&
    !/^([1-9]\d?|1[0-5]\d|16[0-8])$/.test(values['valid-hours'])
  )
    throw new UsageError('--valid-hours must be a whole number of hours from 1 to 168');
  // A rollout share that cannot be one stops here, before the database is opened.
  if (values.percent !== undefined) parsePercent(values.percent);
  if (command === COMMANDS['create-api-token'] && !values.name)
    throw new UsageError('create-api-token needs --name');
  if (command === COMMANDS.forget || command === COMMANDS['export-person']) {
    if (values.email === undefined && values.phone === undefined)
      throw new UsageError(`${name} needs --email or --phone`);
    personFrom(values); // an address or number that cannot be one stops here
  }
  const storage = await openStorage(settingsFromEnv(process.env).storage);
  try {
    await command.run(storage, args, values, out);
  } finally {
    await storage.close();
  }
}

run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
  const usage =
    error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(
    `lastword-collector: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`,
  );
  process.exit(usage ? 2 : 1);
});
