// The field editor of the service constructor in Chromium with JavaScript off and on: a
// field added, named and saved, a check error shown on the control it concerns, a field
// moved up, the preview and the publication of version 2. axe-core checks every state.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { assertFieldError } from '../lib/forms.js';
import { DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const DEMO_ADMIN_PHONE = '+7 999 000-00-04';
const EDITOR = '/admin/services/criminal-record-certificate/fields';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`the constructor's field editor, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let session;
    let page;

    const button = (name) => page.getByRole('button', { name, exact: true });
    const field = (label) => page.getByLabel(label, { exact: true });
    const editorForm = (name) => page.getByRole('group', { name: `Поле «${name}»` });

    /** Presses a button that posts the editor and waits for the page it returns to. */
    async function post(name, waitFor) {
      await button(name).click();
      await waitFor.waitFor();
      await settle(page, mode);
    }

    /** Returns the names of the fields in the order of the list. */
    async function fieldNames() {
      const rows = await page.locator('section[aria-labelledby="fields-title"] .constructor-row__title').allInnerTexts();
      return rows.map((row) => row.match(/имя ([a-z0-9_]+)/)[1]);
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

    test('add, check, move, preview and publish a field', async () => {
      // The TOML editor opens the field editor on the same text.
      await page.goto('/admin/services/criminal-record-certificate');
      await settle(page, mode);
      await post('Редактор полей', page.getByRole('heading', { level: 2, name: 'Поля формы' }));
      assert.equal(new URL(page.url()).pathname, EDITOR);
      await checkAccessibility(page, 'the field editor', mode);
      const before = await fieldNames();
      assert.equal(before.at(-1), 'purpose');

      await field('Тип нового поля').selectOption({ label: 'Да или нет' });
      await post('Добавить поле', editorForm('field_9'));
      assert.equal(new URL(page.url()).hash, '#field-editor');
      await checkAccessibility(page, 'the form of a new field', mode);

      await field('Имя поля в форме').fill('need_delivery');
      await field('Подпись по-русски').fill('Нужна доставка');
      await post('Сохранить поле', page.getByText('Нужна доставка — Да или нет, имя need_delivery'));
      assert.equal(new URL(page.url()).hash, '#field-row-8');
      assert.deepEqual(await fieldNames(), [...before, 'need_delivery']);

      // The check opens the field whose label lacks English and marks that control.
      await button('Проверить и показать').click();
      await assertFieldError(page, {
        label: 'Подпись по-английски',
        message: 'Поле «need_delivery»: нужна подпись на русском и на английском.',
        id: 'field-label-en',
      });
      await settle(page, mode);
      assert.equal(await field('Подпись по-русски').inputValue(), 'Нужна доставка');
      await checkAccessibility(page, 'a check error on a field', mode);

      // "Выше" keeps what the open form holds and moves the field above "purpose".
      await field('Подпись по-английски').fill('Delivery needed');
      await button('Выше: поле «Нужна доставка»').click();
      await page.waitForURL((url) => url.hash === '#field-row-7');
      await settle(page, mode);
      assert.deepEqual(await fieldNames(), [...before.slice(0, -1), 'need_delivery', 'purpose']);

      const preview = page.getByRole('region', { name: 'Так форму увидит гражданин' });
      await post('Проверить и показать', preview);
      await preview.getByText('Нужна доставка').first().waitFor();
      await checkAccessibility(page, 'the preview', mode);

      await post('Опубликовать новую версию', page.getByText(/Опубликована версия 2\./));
      assert.match(await page.locator('main').innerText(), /Последняя версия: 2/);
      assert.deepEqual(await fieldNames(), [...before.slice(0, -1), 'need_delivery', 'purpose']);
      await checkAccessibility(page, 'the field editor after publishing', mode);
    });
  });
}
