import { api, ApiError, session } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

/** The admin token, asked once per browser tab and kept in sessionStorage (never in the URL). */
export function loginPage(done: () => void): HTMLElement {
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'token',
  });
  const problems = h('div');
  const form = h(
    'form',
    {
      class: 'card login',
      'data-testid': 'login',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        const token = input.value.trim();
        try {
          await api('GET', '/scheduler/status', undefined, token); // proves the token before keeping it
          session.save(token);
          done();
        } catch (e) {
          const wrong = e instanceof ApiError && e.status === 401;
          replace(problems, errorBox(wrong ? new ApiError(401, ['That token was not accepted.']) : e, 'login-error'));
        }
      },
    },
    h('h1', null, 'Sign in'),
    h(
      'p',
      null,
      'Enter the ADMIN_TOKEN of this service. It is kept in this tab only (session storage) and sent with each API call.',
    ),
    h('label', null, 'Admin token ', input),
    h('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Sign in'),
    problems,
  );
  return form;
}
