// The login form. Errors from the server (wrong password, locked for 15 min) are shown as sent.
import type { SignedIn } from '../../../shared/staff-api.ts';
import { login } from './api.ts';
import { el, sentence } from './dom.ts';

export function renderLogin(root: HTMLElement, onDone: (who: SignedIn) => void): void {
  const username = el('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: '',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = el('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  });
  const error = el('p', { class: 'login-error', role: 'alert' });
  const submit = el('button', { class: 'primary', type: 'submit' }, 'Log in');
  const form = el(
    'form',
    { class: 'login', 'aria-label': 'Staff login' },
    el('h1', {}, 'Lastword'),
    el('p', { class: 'login-sub' }, 'Live alerts for store staff'),
    el('label', { for: 'username' }, 'Username'),
    username,
    el('label', { for: 'password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    login(username.value, password.value)
      .then(onDone)
      .catch((e: Error) => {
        error.textContent = sentence(e.message);
        submit.disabled = false;
        password.value = '';
        password.focus();
      });
  });
  root.replaceChildren(el('main', { class: 'login-page' }, form));
  username.focus();
}
