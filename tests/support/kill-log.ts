// The kill test's ack log: what the writer child (kill-writer.ts) printed before it was killed,
// parsed into the operations it acknowledged, and the answer fields those operations imply.
export type Final = 'complete' | 'partial';
export type Row = Record<string, unknown> & { id: string; seq: number; status: 'draft' | Final };

/** The columns the survey steps write, as the store keeps them. */
export interface Fields {
  smiley: number;
  language: string;
  reasons: string | null;
  nps: number | null;
  comment: string | null;
  talk_now: number;
  possible_repeat: number;
}

export interface Acked {
  status: 'draft' | Final;
  fields: Fields;
  alerts: Set<'low_score' | 'talk_now'>;
}

export type Op =
  | { kind: 'start'; request: { smiley: number; language: string } }
  | { kind: 'update'; id: string; step: Record<string, unknown> }
  | { kind: 'help'; id: string }
  | { kind: 'finish'; id: string; status: Final };

export interface Run {
  opening: boolean;
  ready: boolean;
  acked: Map<string, Acked>;
  /** The call the writer had begun and not acknowledged when it died: its outcome is unknown. */
  inFlight: Op | null;
  finishes: number;
  problems: string[];
}

export function fieldsOf(row: object): Fields {
  const { smiley, language, reasons, nps, comment, talk_now, possible_repeat } = row as Fields;
  return { smiley, language, reasons, nps, comment, talk_now, possible_repeat };
}

export function apply(fields: Fields, op: Op): Fields {
  const next = { ...fields };
  if (op.kind === 'help') next.talk_now = 1;
  if (op.kind === 'update') {
    const s = op.step as {
      smiley?: number;
      language?: string;
      reasons?: string[];
      nps?: number;
      comment?: string;
    };
    if (s.smiley !== undefined) next.smiley = s.smiley;
    if (s.language !== undefined) next.language = s.language;
    if (s.reasons !== undefined) next.reasons = JSON.stringify(s.reasons);
    if (s.nps !== undefined) next.nps = s.nps;
    if (s.comment !== undefined) next.comment = s.comment;
  }
  return next;
}

export const same = (a: Fields, b: Fields) =>
  JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));

function parseOp(kind: string, id: string, rest: string): Op {
  switch (kind) {
    case 'start':
      return { kind, request: JSON.parse(rest) as { smiley: number; language: string } };
    case 'update':
      return { kind, id, step: JSON.parse(rest) as Record<string, unknown> };
    case 'help':
      return { kind, id };
    case 'finish':
      return { kind, id, status: rest as Final };
    default:
      throw new Error(`unknown op ${kind}`);
  }
}

/** Replays the writer's stdout. A last line without its newline was cut by the kill: not an ack. */
export function parseRun(stdout: string): Run {
  const run: Run = {
    opening: false,
    ready: false,
    acked: new Map(),
    inFlight: null,
    finishes: 0,
    problems: [],
  };
  const lines = stdout.split('\n').slice(0, -1);
  for (const line of lines) {
    if (line === 'opening' || line === 'ready') {
      run[line] = true;
      continue;
    }
    const [word = '', kind = '', id = '', ...rest] = line.split(' ');
    if (word === 'begin') {
      run.inFlight = parseOp(kind, id, rest.join(' '));
      continue;
    }
    if (word !== 'ack') {
      run.problems.push(`unexpected line from the writer: ${line}`);
      continue;
    }
    run.inFlight = null;
    // ack start <id> <alert> <repeat> <json> | ack update <id> <alert> <json> | ack help <id> <alert>
    // | ack finish <id> <status>
    const [flag, ...more] = rest;
    if (kind === 'start') {
      // A first tap finishes every open draft as partial, in the same transaction.
      for (const open of run.acked.values()) if (open.status === 'draft') open.status = 'partial';
      const [repeat, ...json] = more;
      const { smiley, language } = (
        parseOp('start', id, json.join(' ')) as Extract<Op, { kind: 'start' }>
      ).request;
      const fields: Fields = {
        smiley,
        language,
        reasons: null,
        nps: null,
        comment: null,
        talk_now: 0,
        possible_repeat: Number(repeat),
      };
      run.acked.set(id, {
        status: 'draft',
        fields,
        alerts: new Set(flag === '1' ? ['low_score'] : []),
      });
      continue;
    }
    const answer = run.acked.get(id);
    if (!answer) {
      run.problems.push(`acknowledged ${kind} of an answer this writer did not start: ${id}`);
      continue;
    }
    if (kind === 'finish') {
      answer.status = flag as Final;
      run.finishes++;
    } else {
      answer.fields = apply(answer.fields, parseOp(kind, id, more.join(' ')));
      if (flag === '1') answer.alerts.add(kind === 'help' ? 'talk_now' : 'low_score');
    }
  }
  return run;
}
