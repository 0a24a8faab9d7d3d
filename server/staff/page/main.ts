// The staff live screen: log in, then the board. Built by vite.staff.config.ts into dist/staff
// and served by the collector at /staff/ under a strict CSP (server/staff/csp.ts).
import './styles.css';
import './cards.css';
import { me, type Me } from './api.ts';
import { renderBoard } from './board.ts';
import { el } from './dom.ts';
import { renderLogin } from './login.ts';
import { unlockSoundOnFirstGesture } from './sound.ts';

const root = document.getElementById('app')!;
unlockSoundOnFirstGesture();

function showBoard(who: Me): void {
  renderBoard(root, who, showLogin);
}

function showLogin(): void {
  renderLogin(root, showBoard);
}

me()
  .then((who) => (who ? showBoard(who) : showLogin()))
  .catch((e: Error) =>
    root.replaceChildren(
      el(
        'p',
        { class: 'fatal' },
        `The collector did not answer: ${e.message}. Reload to try again.`,
      ),
    ),
  );
