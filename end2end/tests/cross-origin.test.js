// The server rejects state-changing requests that another site makes a browser send.
// Node's fetch sends them in place of that browser, so the headers can be set exactly.
// The requests go only to the test server on 127.0.0.1.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

describe('cross-origin writes', () => {
  let server;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  /** Posts the demo citizen's sign-in form with the given request headers. */
  function postSignIn(headers) {
    return fetch(`${server.baseUrl}/api/sign_in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ login: DEMO_CITIZEN_PHONE, password: DEMO_PASSWORD }).toString(),
    });
  }

  test('sign-in from another site is rejected', async () => {
    const response = await postSignIn({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });

    assert.equal(response.status, 403);
    assert.equal(await response.text(), 'Cross-site requests are not accepted.');
    assert.equal(response.headers.get('set-cookie'), null, 'a session cookie was set');
  });

  test('same-origin sign-in is accepted', async () => {
    // The same request from the portal's own page, so the 403 above comes from the
    // origin check and not from the request itself.
    const response = await postSignIn({ origin: server.baseUrl, 'sec-fetch-site': 'same-origin' });

    assert.equal(response.status, 200);
    assert.match(response.headers.get('set-cookie') ?? '', /kabinet-session=/);
  });
});
