// A minimal server-sent-events reader over fetch for the staff stream tests: parses id, event
// and data fields and comment lines (the heartbeats), and stops when the test has seen enough.
/** Reads server-sent events from the stream until `until` says stop (or the timeout). */
export async function readEvents(
  url: string,
  cookie: string,
  until: (events: { id?: string; event: string; data: string }[]) => boolean,
  opts: { timeoutMs?: number; lastEventId?: string; onOpen?: () => void } = {},
): Promise<{
  status: number;
  headers: Headers;
  events: { id?: string; event: string; data: string }[];
}> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs ?? 5000);
  const events: { id?: string; event: string; data: string }[] = [];
  const res = await fetch(`${url}/staff/api/stream`, {
    headers: { cookie, ...(opts.lastEventId && { 'last-event-id': opts.lastEventId }) },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) {
    clearTimeout(timer);
    return { status: res.status, headers: res.headers, events };
  }
  opts.onOpen?.();
  let buffer = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const at = line.indexOf(':');
          if (at <= 0) continue;
          fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
        }
        if (fields.event || fields.data)
          events.push({
            ...(fields.id && { id: fields.id }),
            event: fields.event ?? 'message',
            data: fields.data ?? '',
          });
        else if (block.startsWith(':')) events.push({ event: 'comment', data: block });
      }
      if (until(events)) break;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { status: res.status, headers: res.headers, events };
}
