// One webhook POST, connected to the addresses the target check resolved (targets.ts) and never
// to a fresh lookup of the name: fetch would resolve the name again, and a rebinding DNS server
// could then send the request to an address the check never saw. The URL's host name still goes
// into the Host header and, over https, into SNI and the certificate check, so the receiver is
// verified as the name, not as the address.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import type { CheckedTarget } from './targets.ts';

export interface WebhookReply {
  status: number;
  retryAfter: string | undefined;
}

/** Answers the connection's lookup with the checked addresses (all of them when it tries several). */
function pinnedLookup(addresses: CheckedTarget['addresses']): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

export function postWebhook(
  target: CheckedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<WebhookReply> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // node:http follows no redirects: a 3xx to an internal address cannot step around the check.
    const req = send(
      {
        ...urlToHttpOptions(target.url),
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target.addresses),
        // A fresh connection each time: a pooled one would be keyed by name, not by checked address.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // The reply body is not needed and its size is the receiver's choice: drop it unread.
        res.destroy();
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
