// The unsubscribe link of every digest mail: GET shows what it would stop and a button (a link
// scanner that follows every link in a mail must not unsubscribe anyone), POST stops it, both
// without an account. Mail clients' own "unsubscribe" button POSTs "List-Unsubscribe=One-Click"
// to the same address (RFC 8058). Plain HTML with no script; the token is the only credential
// and it can end that one subscription and nothing else.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Storage } from '../db/open.ts';
import { subscriptionOfToken, unsubscribeByToken } from './subscriptions.ts';
import { escapeHtml } from './html.ts';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('content-security-policy', CSP)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Lastword</title>
<style>body{font-family:system-ui,sans-serif;background:#f4f1ea;color:#1f2328;margin:0;padding:24px}
main{max-width:520px;margin:10vh auto;background:#fff;border-radius:12px;padding:28px}
h1{font-size:1.4rem;margin:0 0 12px}button{font:inherit;font-size:1.1rem;padding:12px 20px;border-radius:8px;border:0;background:#1b5e8c;color:#fff;cursor:pointer;min-height:44px}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>
`);
}

const GONE =
  '<p>This link has been used already, or the subscription was removed. Nothing more will be sent to this address from it.</p>';

export function unsubscribeRoutes(app: FastifyInstance, storage: Storage): void {
  app.register(async (scope) => {
    // Mail clients post the one-click body as a form; nothing in it is needed beyond the token.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, null),
    );
    scope.get<{ Params: { token: string } }>(
      '/digest/unsubscribe/:token',
      async (request, reply) => {
        const sub = await subscriptionOfToken(storage, request.params.token);
        if (!sub) return page(reply, 404, 'Already unsubscribed', GONE);
        return page(
          reply,
          200,
          'Stop the weekly digest?',
          `<p>${escapeHtml(sub.email)} gets the weekly digest of <strong>${escapeHtml(sub.location)}</strong>.</p>
<form method="post"><button type="submit">Stop sending it to me</button></form>`,
        );
      },
    );
    scope.post<{ Params: { token: string } }>(
      '/digest/unsubscribe/:token',
      async (request, reply) => {
        const sub = await subscriptionOfToken(storage, request.params.token);
        if (!sub || !(await unsubscribeByToken(storage, request.params.token)))
          return page(reply, 404, 'Already unsubscribed', GONE);
        return page(
          reply,
          200,
          'Unsubscribed',
          `<p>${escapeHtml(sub.email)} will no longer get the weekly digest of <strong>${escapeHtml(sub.location)}</strong>.</p>`,
        );
      },
    );
  });
}
