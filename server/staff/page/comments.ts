// /staff/comments: what customers wrote, newest first, searchable and filtered like every other
// manager view (comment-filters.ts), each comment with its scores, reasons, local time, place
// and what staff did about its alert. "Load more" fetches the next page after the last one
// shown (the API's cursor), so comments arriving meanwhile never push one off or show one twice.
import { CommentsReply, PlacesReply, type FeedComment } from '../../../shared/staff-api.ts';
import { followUpDraft, getJson, sendFollowUp } from './api.ts';
import { filterForm, filterParams } from './comment-filters.ts';
import { el, sentence } from './dom.ts';
import { followUpButton, followUpLog, type FollowUpActions } from './follow-up.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const FACES = ['', 'Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];
const ALERT_WORDS = {
  open: 'Alert open',
  acknowledged: 'Alert acknowledged',
  resolved: 'Alert resolved',
};
const OUTCOME_WORDS = { recovered: 'recovered', not_reachable: 'not reachable', other: 'other' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Dec 2026, 09:15": the wall time at the place, as the API gives it (not this screen's zone). */
function localWhen(localTime: string): string {
  const [, y, m, d, hm] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(localTime) ?? [];
  return y ? `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}, ${hm}` : localTime;
}

const FEED_FOLLOW_UP: FollowUpActions = {
  draft: (target) => followUpDraft(target),
  send: async (body) => (await sendFollowUp(body)).followUp,
};

function commentCard(c: FeedComment): HTMLElement {
  const scores = [
    el('span', { class: `score face-${c.smiley}` }, `${FACES[c.smiley]} (${c.smiley}/5)`),
    c.nps !== null ? el('span', { class: 'score' }, `NPS ${c.nps}`) : null,
    c.ces !== null ? el('span', { class: 'score' }, `CES ${c.ces}`) : null,
    c.status === 'partial' ? el('span', { class: 'score muted' }, 'Partial') : null,
    c.possibleRepeat ? el('span', { class: 'score muted' }, 'Possible repeat') : null,
  ];
  const alert = c.alert
    ? el(
        'span',
        { class: `alert-state ${c.alert.status}` },
        ALERT_WORDS[c.alert.status] +
          (c.alert.outcome ? ` · ${OUTCOME_WORDS[c.alert.outcome]}` : ''),
      )
    : null;
  const place = c.touchpoint ? `${c.location.name} · ${c.touchpoint.name}` : c.location.name;
  return el(
    'li',
    { class: 'comment', 'data-answer-id': c.answerId },
    el(
      'div',
      { class: 'comment-meta' },
      el('time', { datetime: c.answeredAt }, localWhen(c.localTime)),
      el('span', { class: 'place' }, place),
    ),
    el('blockquote', { lang: c.language }, c.comment),
    el('div', { class: 'scores' }, ...scores, alert),
    c.reasons.length
      ? el(
          'ul',
          { class: 'reasons', 'aria-label': 'Reasons chosen' },
          ...c.reasons.map((r) => el('li', {}, r.label)),
        )
      : null,
    followUpLog(c.followUps),
    c.contactable ? followUpButton({ answerId: c.answerId }, FEED_FOLLOW_UP) : null,
  );
}

export function renderComments(env: PageEnv): () => void {
  let stopped = false;
  const params = filterParams(location.search);
  const list = el('ol', { class: 'comment-feed', 'aria-label': 'Comments, newest first' });
  const status = el('p', { class: 'feed-status', role: 'status' });
  const more = el(
    'button',
    { type: 'button', class: 'secondary load-more', hidden: '' },
    'Load more',
  );
  const filters = el('div', { class: 'filter-slot' });
  env.root.append(
    pageHeader(env.who, 'Comments', env.logout),
    el('main', { class: 'comments-page' }, filters, status, list, more),
  );
  let cursor: string | null = null;

  const load = async () => {
    more.disabled = true;
    const query = new URLSearchParams(params);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await getJson(CommentsReply, `comments?${query}`);
      if (stopped) return;
      list.append(...page.comments.map(commentCard));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      const n = list.children.length;
      status.textContent =
        n === 0
          ? 'No comments match these filters.'
          : `${n} comment${n === 1 ? '' : 's'} shown${cursor ? '' : ', all that match'}.`;
    } catch (e) {
      if (!stopped) status.textContent = sentence((e as Error).message);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());

  void getJson(PlacesReply, 'places')
    .then((places) => {
      if (stopped) return;
      filters.append(filterForm(params, places, (next) => env.navigate(`/staff/comments?${next}`)));
    })
    .catch((e: Error) => {
      if (!stopped) status.textContent = sentence(e.message);
    });
  status.textContent = 'Loading comments…';
  void load();
  return () => {
    stopped = true;
  };
}
