// The staff app: log in, then its pages (routes.ts), the live board first. Built by vite.staff.config.ts into dist/staff
// and served by the collector at /staff/ under a strict CSP (server/staff/csp.ts).
import './zod-csp.ts';
import './styles.css';
import './header.css';
import './cards.css';
import './admin.css';
import './comments.css';
import './surveys.css';
import type { SignedIn } from '../../../shared/staff-api.ts';
import { MalformedReply, me } from './api.ts';
import { el } from './dom.ts';
import { renderLogin } from './login.ts';
import { startRouter } from './router.ts';
import { unlockSoundOnFirstGesture } from './sound.ts';

const root = document.getElementById('app')!;
unlockSoundOnFirstGesture();

function showApp(who: SignedIn): void {
  startRouter(root, who, showLogin);
}

function showLogin(): void {
  renderLogin(root, showApp);
}

function showFailure(e: Error): void {
  const text =
    e instanceof MalformedReply
      ? `The collector sent a reply this screen cannot read (${e.message}). Reload to try again; if this keeps happening, the collector and this page are out of step.`
      : `The collector did not answer: ${e.message}. Reload to try again.`;
  root.replaceChildren(el('p', { class: 'fatal', role: 'alert' }, text));
}

me()
  .then((who) => (who ? showApp(who) : showLogin()))
  .catch(showFailure);
