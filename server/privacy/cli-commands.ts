// `export-person` and `forget` for server/cli.ts: access and erasure for one person, found by
// the e-mail address or phone number they left (person.ts). export-person prints JSON to stdout;
// forget prints what it changed, counts only, never the text it removed.
import type { Storage } from '../db/open.ts';
import { forgetPerson, personFrom, personRecord } from './person.ts';

export interface PersonFlags {
  email?: string;
  phone?: string;
}

export async function exportPersonCommand(
  storage: Storage,
  flags: PersonFlags,
  out: (line: string) => void,
): Promise<void> {
  const record = await personRecord(storage, personFrom(flags));
  out(JSON.stringify({ heldAt: new Date().toISOString(), ...record }, null, 2));
}

export async function forgetCommand(
  storage: Storage,
  flags: PersonFlags,
  out: (line: string) => void,
): Promise<void> {
  const person = personFrom(flags);
  const done = await forgetPerson(storage, person, new Date());
  const who = [person.email && `e-mail ${person.email}`, person.phone && `phone ${person.phone}`];
  out(`forget ${who.filter(Boolean).join(' or ')} in ${storage.location}:`);
  out(`  answers redacted: ${done.answers} (comment and contact removed; scores kept)`);
  out(`  staff alerts about them: ${done.alerts}; notes removed: ${done.notes}`);
  out(`  delivery log rows about them: ${done.deliveries} (kept: they hold no comment or contact)`);
  out(`  follow-up texts to them removed: ${done.followUps} (the log of when and how is kept)`);
  const list = (channels: Iterable<string>) => [...channels].join(', ');
  if (done.recipients.size)
    out(
      `  their comment or contact went to: ${list(
        [...done.recipients].map(([channel, n]) => `${channel} ×${n}`),
      )}; ask those recipients to erase it too`,
    );
  if (done.unknown.size)
    out(
      `  may have gone to (sent before the collector recorded it): ${list(done.unknown)}; check there`,
    );
  out('this acts on what is stored now: an answer with this contact that arrives later is kept');
}
