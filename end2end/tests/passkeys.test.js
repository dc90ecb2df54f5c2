// Passkeys as the second factor, made and used by a virtual authenticator that the
// DevTools protocol's WebAuthn domain adds to Chromium, with axe-core on every page
// visited. The portal runs at http://localhost, because browsers refuse passkeys on bare
// IP addresses. A person without JavaScript, who cannot use a passkey, signs in with a
// backup code instead.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { fillFields } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const LOGIN = 'Телефон, почта или СНИЛС';
const PASSWORD = 'Пароль';
const JAVASCRIPT_ON = { javaScript: true };
const JAVASCRIPT_OFF = { javaScript: false };

describe('passkeys', () => {
  const state = {};
  let failed = null;

  function step(name, body) {
    test(name, async (t) => {
      if (failed) {
        t.skip(`the step "${failed}" failed`);
        return;
      }
      try {
        await body();
        assert.deepEqual(state.session.errors, [], 'errors in the browser console');
      } catch (error) {
        failed = name;
        for (const line of state.server?.logTail() ?? []) {
          t.diagnostic(line);
        }
        throw error;
      }
    });
  }

  const heading = (page, name) => page.getByRole('heading', { level: 1, name });
  // A path test, since the second step's own address ends in `next=/cabinet`.
  const atCabinet = (url) => url.pathname === '/cabinet';

  async function open(page, path, mode) {
    await page.goto(path);
    await settle(page, mode);
  }

  async function signIn(page, mode) {
    await open(page, '/sign-in', mode);
    await fillFields(page, { [LOGIN]: DEMO_CITIZEN_PHONE, [PASSWORD]: DEMO_PASSWORD });
    await page.getByRole('button', { name: 'Войти' }).click();
  }

  async function signOut(page) {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  /** Lists the passkeys that the virtual authenticator has. */
  async function storedCredentials() {
    const { credentials } = await state.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: state.authenticatorId,
    });
    return credentials;
  }

  before(async () => {
    state.server = await startServer({ host: 'localhost' });
    state.browser = await launchBrowser();
    state.session = await newPortalContext(state.browser, {
      baseUrl: state.server.baseUrl,
      javaScript: true,
    });
    state.page = await state.session.context.newPage();
    // A platform authenticator that verifies its user at once, as a phone would after
    // a fingerprint.
    state.cdp = await state.session.context.newCDPSession(state.page);
    await state.cdp.send('WebAuthn.enable');
    const { authenticatorId } = await state.cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    state.authenticatorId = authenticatorId;
  });

  after(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });

  step('the factors page offers a passkey', async () => {
    const { page } = state;
    await signIn(page, JAVASCRIPT_ON);
    await page.waitForURL(atCabinet);
    await settle(page, JAVASCRIPT_ON);
    await open(page, '/security/factors', JAVASCRIPT_ON);
    await heading(page, 'Второй фактор').waitFor();
    await checkAccessibility(page, 'the second factor page with passkeys', JAVASCRIPT_ON);
    // The password of this sign-in is fresh, so no step-up is asked for yet.
    await page.getByRole('button', { name: 'Ключ доступа', exact: true }).click();
    await heading(page, 'Новый ключ доступа').waitFor();
    await settle(page, JAVASCRIPT_ON);
    await checkAccessibility(page, 'the new passkey page', JAVASCRIPT_ON);
  });

  step('the device makes the passkey', async () => {
    const { page } = state;
    assert.deepEqual(await storedCredentials(), [], 'no passkey before');
    await page.getByRole('button', { name: 'Создать ключ доступа' }).click();
    await heading(page, 'Резервные коды').waitFor();
    await page.locator('ul.backup-codes code').nth(9).waitFor();
    state.backupCodes = await page.locator('ul.backup-codes code').allInnerTexts();
    assert.equal(state.backupCodes.length, 10, 'the first factor comes with ten backup codes');

    const credentials = await storedCredentials();
    assert.equal(credentials.length, 1, 'one passkey on the device');
    assert.equal(credentials[0].rpId, 'localhost');
    state.signCount = credentials[0].signCount;

    await page.getByRole('link', { name: 'Я сохранил коды' }).click();
    await heading(page, 'Второй фактор').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Ключ доступа (' });
    await row.waitFor();
    assert.match(await row.locator('td').first().innerText(), /^Ключ доступа \(Chrome, Linux\) \(основной\)$/);
  });

  step('sign-in asks the device for the passkey', async () => {
    const { page } = state;
    await signOut(page);
    await signIn(page, JAVASCRIPT_ON);
    await heading(page, 'Подтверждение входа').waitFor();
    await settle(page, JAVASCRIPT_ON);
    await page.getByText('Подтвердите вход ключом доступа', { exact: false }).waitFor();
    await checkAccessibility(page, 'the second step of sign-in with a passkey', JAVASCRIPT_ON);
    await page.getByRole('button', { name: 'Войти с ключом доступа' }).click();
    await page.waitForURL(atCabinet);
    await settle(page, JAVASCRIPT_ON);
    const [credential] = await storedCredentials();
    assert.equal(credential.signCount, state.signCount + 1, 'the sign-in used the passkey once');
  });

  step('a critical change is confirmed with the passkey', async () => {
    const { page } = state;
    await open(page, '/security/confirm?next=%2Fsecurity', JAVASCRIPT_ON);
    await heading(page, 'Подтверждение действия').waitFor();
    await checkAccessibility(page, 'the step-up page with a passkey', JAVASCRIPT_ON);
    await page.getByRole('button', { name: 'Подтвердить ключом доступа' }).click();
    await page.waitForURL((url) => url.pathname === '/security');
    const [credential] = await storedCredentials();
    assert.equal(credential.signCount, state.signCount + 2, 'the step-up used the passkey once');
  });

  step('without JavaScript a backup code signs in', async () => {
    const context = await newPortalContext(state.browser, {
      baseUrl: state.server.baseUrl,
      javaScript: false,
    });
    try {
      const page = await context.context.newPage();
      await signIn(page, JAVASCRIPT_OFF);
      await heading(page, 'Подтверждение входа').waitFor();
      await page
        .getByText('Ключ доступа работает только при включённом JavaScript.', { exact: false })
        .waitFor();
      assert.equal(await page.getByRole('button', { name: 'Войти с ключом доступа' }).count(), 0);
      await checkAccessibility(page, 'the passkey sign-in without JavaScript', JAVASCRIPT_OFF);
      await page.getByRole('link', { name: 'Резервный код' }).click();
      await fillFields(page, { 'Резервный код': state.backupCodes[0] });
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL(atCabinet);
    } finally {
      await context.context.close();
    }
  });
});
