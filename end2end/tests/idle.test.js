// The idle-timeout warning in Chromium with JavaScript on and Playwright's fake clock,
// so no test waits 15 real minutes.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { fillFields } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const LOGIN = 'Телефон, почта или СНИЛС';
const PASSWORD = 'Пароль';
const SURNAME = 'Фамилия';

const state = {};

before(async () => {
  state.server = await startServer();
  state.browser = await launchBrowser();
  state.session = await newPortalContext(state.browser, { baseUrl: state.server.baseUrl, javaScript: true });
  state.page = await state.session.context.newPage();
  await state.page.clock.install();
});

after(async () => {
  await state.browser?.close();
  await state.server?.stop();
});

async function signIn() {
  await fillFields(state.page, { [LOGIN]: DEMO_CITIZEN_PHONE, [PASSWORD]: DEMO_PASSWORD });
  await state.page.getByRole('button', { name: 'Войти' }).click();
}

test('idle session warns and stays on request', async (t) => {
  const { page } = state;
  try {
    await page.goto('/sign-in?next=%2Fprofile');
    await settle(page, { javaScript: true });
    await signIn();
    await page.waitForURL('**/profile');
    await page.getByRole('heading', { level: 1, name: 'Профиль' }).waitFor();
    await page.getByLabel(SURNAME, { exact: true }).fill('Орлова-Черновик');

    // 15 minutes of idle time: the warning comes 2 minutes before the end.
    await page.clock.fastForward('13:05');
    const warning = page.getByRole('alertdialog', { name: 'Сеанс скоро завершится' });
    await warning.waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      'Остаться в системе',
      'the warning takes focus',
    );
    await checkAccessibility(page, 'the idle warning', { javaScript: true });
    await warning.getByRole('button', { name: 'Остаться в системе' }).click();
    await warning.waitFor({ state: 'detached' });

    // Staying restarts the countdown: the page stays signed in until the next warning.
    // The end of the session itself is the server's decision, and the server's clock
    // is real, so it is tested in the HTTP and domain tests instead.
    for (let minute = 1; minute <= 12; minute += 1) {
      await page.clock.fastForward('01:00');
      assert.equal(new URL(page.url()).pathname, '/profile', `still on the page after ${minute} min`);
    }
    await page.clock.fastForward('01:05');
    await warning.waitFor();
    assert.equal(await page.getByLabel(SURNAME, { exact: true }).inputValue(), 'Орлова-Черновик', 'the input stays');
    assert.deepEqual(state.session.errors, [], 'errors in the browser console');
  } catch (error) {
    for (const line of state.server?.logTail() ?? []) {
      t.diagnostic(line);
    }
    throw error;
  }
});
