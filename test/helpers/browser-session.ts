import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A cookie jar over app.inject, with the CSRF token read from the last page: the way a browser
 * without JavaScript would use the service.
 */
export class FormSession {
  readonly app: FastifyInstance;
  readonly cookies = new Map<string, string>();
  lastPage = '';

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), accept: 'text/html' },
    });
    this.remember(response);
    if (response.headers['content-type']?.toString().includes('text/html')) this.lastPage = response.body;
    return response;
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastPage);
    if (!match?.[1]) throw new Error('the last page had no form with a CSRF token');
    return match[1];
  }

  /** Posts a form, taking the CSRF token from the page it was on (unless one is given). */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrfToken() : options.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: body.toString(),
    });
    this.remember(response);
    if (response.headers['content-type']?.toString().includes('text/html')) this.lastPage = response.body;
    return response;
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}
