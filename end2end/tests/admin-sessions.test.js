// An administrator ends a citizen's sessions from "Завершение сеансов", hydrated and with
// JavaScript off: the link in the navigation, the errors of both forms, the notice, and the
// citizen sent back to sign-in. Every page state is checked with axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { assertFieldError } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const DEMO_ADMIN_PHONE = '+7 999 000-00-04';
const LOGIN = 'Телефон, почта или СНИЛС';
const CONFIRM = 'Понимаю, что всем, кроме меня, придётся войти снова';

async function signIn(page, login, mode) {
  await page.goto('/sign-in');
  await settle(page, mode);
  await page.getByLabel(LOGIN).fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/cabinet');
  await settle(page, mode);
}

for (const javaScript of [true, false]) {
  const mode = { javaScript };
  const label = javaScript ? 'hydrated' : 'without JavaScript';

  describe(`session administration, ${label}`, () => {
    let server;
    let browser;
    const portals = [];

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    async function session() {
      const portal = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      portals.push(portal);
      return portal.context.newPage();
    }

    test('an administrator ends a citizen\'s sessions', async () => {
      const citizen = await session();
      await signIn(citizen, DEMO_CITIZEN_PHONE, mode);

      const admin = await session();
      await signIn(admin, DEMO_ADMIN_PHONE, mode);
      await admin.getByRole('navigation').getByRole('link', { name: 'Сеансы пользователей' }).click();
      await admin.waitForURL('**/admin/sessions');
      await settle(admin, mode);
      await admin.getByRole('heading', { level: 1, name: 'Завершение сеансов' }).waitFor();
      await checkAccessibility(admin, 'the session administration page', mode);

      await admin.getByRole('button', { name: 'Завершить сеансы всех' }).click();
      await assertFieldError(admin, {
        label: CONFIRM,
        message: 'Отметьте, что понимаете: всем придётся войти снова',
        id: 'confirm',
      });
      await settle(admin, mode);
      await checkAccessibility(admin, 'the unticked confirmation box', mode);

      await admin.getByLabel(LOGIN).fill('+7 912 348-99-99');
      await admin.getByRole('button', { name: 'Завершить его сеансы' }).click();
      await assertFieldError(admin, {
        label: LOGIN,
        message: 'Нет учётной записи с таким телефоном, почтой или СНИЛС. Проверьте, что введено',
        id: 'login',
      });
      await settle(admin, mode);
      assert.equal(new URL(admin.url()).search, '', 'no login in the address');
      await checkAccessibility(admin, 'a login without an account', mode);

      await admin.getByLabel(LOGIN).fill(DEMO_CITIZEN_PHONE);
      await admin.getByRole('button', { name: 'Завершить его сеансы' }).click();
      await admin.getByRole('status').filter({ hasText: 'Завершено сеансов: 1' }).waitFor();
      await settle(admin, mode);
      await checkAccessibility(admin, 'the notice of ended sessions', mode);

      await citizen.goto('/cabinet');
      await citizen.waitForURL('**/sign-in?next=/cabinet');

      for (const portal of portals) {
        assert.deepEqual(portal.errors, [], 'errors in the browser console');
      }
    });
  });
}
