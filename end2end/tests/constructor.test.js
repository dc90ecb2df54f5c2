// The administrators' service constructor in Chromium with JavaScript off and on: the
// list of services, a syntax error shown on the text field with the text kept, the
// preview of the form as a citizen will see it, and the publication of version 2. axe-core
// checks every state.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { assertFieldError } from '../lib/forms.js';
import { DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const DEMO_ADMIN_PHONE = '+7 999 000-00-04';
const SERVICE_TITLE = 'Справка об исполнении обязанности по уплате налогов';
const SOURCE_LABEL = 'Описание услуги в TOML';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`the service constructor, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let session;
    let page;

    const button = (name) => page.getByRole('button', { name, exact: true });
    const source = () => page.getByLabel(SOURCE_LABEL, { exact: true });

    /** Presses a button that posts the editor and waits for the page it returns to. */
    async function post(name, waitFor) {
      await button(name).click();
      await waitFor.waitFor();
      await settle(page, mode);
    }

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      page = await session.context.newPage();
      await page.goto('/sign-in');
      await settle(page, mode);
      await page.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_ADMIN_PHONE);
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL((url) => url.pathname === '/cabinet');
      await settle(page, mode);
    });

    after(async () => {
      if (javaScript) {
        assert.deepEqual(session?.errors ?? [], [], 'no errors in the browser console');
      }
      await browser?.close();
      await server?.stop();
    });

    test('check, preview and publish a service', async () => {
      await page.getByRole('link', { name: 'Конструктор услуг' }).click();
      await page.getByRole('heading', { level: 1, name: 'Конструктор услуг' }).waitFor();
      await settle(page, mode);
      await checkAccessibility(page, 'the list of services', mode);

      await page.getByRole('link', { name: SERVICE_TITLE }).click();
      await source().waitFor();
      await settle(page, mode);
      await checkAccessibility(page, 'the editor', mode);
      const original = await source().inputValue();
      assert.match(original, /^code = "no-tax-debt-certificate"$/m);

      // A syntax error: the message names the line and column, and the text stays.
      const broken = `${original}\n[[fields]\nname = "broken"\n`;
      const line = broken.split('\n').indexOf('[[fields]') + 1;
      await source().fill(broken);
      await button('Проверить и показать').click();
      await assertFieldError(page, {
        label: SOURCE_LABEL,
        message: `Строка ${line}, столбец 10: текст не является правильным TOML.`,
        id: 'service',
      });
      await settle(page, mode);
      assert.equal(await source().inputValue(), broken);
      await checkAccessibility(page, 'the editor with a syntax error', mode);

      // A valid change shows the form as a citizen will see it, and nothing is published yet.
      const changed = original.replace('"Фамилия"', '"Фамилия заявителя"');
      assert.notEqual(changed, original);
      await source().fill(changed);
      const preview = page.getByRole('region', { name: 'Так форму увидит гражданин' });
      await post('Проверить и показать', preview);
      assert.equal(await source().inputValue(), changed);
      const surname = preview.getByLabel('Фамилия заявителя', { exact: true });
      assert.equal(await surname.isDisabled(), true, 'the preview cannot be filled in');
      assert.equal(await preview.locator('form').count(), 0, 'the preview is no form');
      await checkAccessibility(page, 'the preview', mode);

      await post('Опубликовать новую версию', page.getByText(/Опубликована версия 2\./));
      assert.match(await page.locator('main').innerText(), /Последняя версия: 2/);
      assert.equal(await source().inputValue(), changed.replace(/\r\n/g, '\n'));
      await checkAccessibility(page, 'the editor after publishing', mode);

      await page.getByRole('link', { name: 'Все услуги' }).click();
      const row = page.getByRole('row', { name: new RegExp(SERVICE_TITLE) });
      await row.waitFor();
      assert.match(await row.innerText(), /Администратор/);
    });
  });
}
