// The action history of the demo citizen, hydrated and with JavaScript off: filtering
// with the GET form, a filter error, an entry's page and the CSV download, with axe-core
// on every page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

for (const javaScript of [true, false]) {
  const mode = { javaScript };
  describe(`action history, ${javaScript ? 'hydrated' : 'without JavaScript'}`, () => {
    let server;
    let browser;
    let session;
    let page;

    async function open(path) {
      const response = await page.goto(path);
      await settle(page, mode);
      return response;
    }

    async function rows() {
      const texts = await page.getByRole('table').getByRole('row').allInnerTexts();
      return texts.slice(1).map((text) => text.replace(/\s+/g, ' ').trim());
    }

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      page = await session.context.newPage();
      await open('/sign-in');
      await page.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_CITIZEN_PHONE);
      await page.getByLabel('Пароль').fill('wrong-password-1');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('alert').first().waitFor();
      await open('/sign-in');
      await page.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_CITIZEN_PHONE);
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL('**/cabinet');
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('filters by type and status', async () => {
      await open('/history');
      await page.getByRole('heading', { level: 1, name: 'История действий' }).waitFor();
      await checkAccessibility(page, 'the action history', mode);

      await page.getByLabel('Тип операции').selectOption({ label: 'Вход и выход' });
      await page.getByLabel('Статус').selectOption({ label: 'Ошибка' });
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL(/type=sign_in/);
      await settle(page, mode);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('type'), 'sign_in');
      assert.equal(url.searchParams.get('status'), 'failed');
      await page.getByText('Найдена 1 запись').waitFor();
      const found = await rows();
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], /Вход в личный кабинет Ошибка Вход и выход/);
      await checkAccessibility(page, 'the filtered action history', mode);
    });

    test('names an invalid period', async () => {
      await open('/history?from=05.12.2026&to=04.12.2026');
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: /По дату: Дата окончания периода не может быть раньше даты начала/ }).waitFor();
      assert.equal(await page.getByLabel('По дату').getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, 'the action history with a filter error', mode);
    });

    test('shows an entry', async () => {
      await open('/history?type=sign_in&status=succeeded');
      await page.getByRole('table').getByRole('link', { name: 'Вход в личный кабинет' }).first().click();
      await page.waitForURL(/\/history\/[0-9a-f-]{36}$/);
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Вход в личный кабинет' }).waitFor();
      await page.getByText('Номер операции', { exact: true }).waitFor();
      await page.getByText('Контрольная сумма', { exact: true }).waitFor();
      await checkAccessibility(page, 'an entry of the action history', mode);
    });

    test('downloads the filtered entries as CSV', async () => {
      await open('/history?type=sign_in');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSV для Excel' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^history-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile(await download.path(), 'utf8');
      assert.ok(text.startsWith('\uFEFFНомер операции;Дата и время;'), text.slice(0, 80));
      const lines = text.split('\r\n').filter((line) => line !== '');
      assert.equal(lines.length, 3, text);
      assert.match(lines[1], /;Вход и выход;Вход в личный кабинет;Успешно;/);
      assert.match(lines[2], /;Вход и выход;Вход в личный кабинет;Ошибка;/);
      if (javaScript) {
        await page.getByRole('status').filter({ hasText: 'Файл готовится' }).waitFor();
        assert.deepEqual(session.errors, []);
      }
    });
  });
}
