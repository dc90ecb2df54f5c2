// "Настройки уведомлений" and "История уведомлений" in Chromium with JavaScript off and
// on: errors on the field they concern with the choices kept, a save that applies at once,
// and the archive filtered by channel and category, with axe-core on every page visited.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { errorSummary } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const SECURITY_REQUIRED = 'Уведомления о безопасности нельзя отключить полностью: оставьте их хотя бы на одном канале';
const TIME_FORMAT = 'Введите время в формате ЧЧ:ММ, например 22:00';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`notification settings and archive, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let page;

    async function open(path) {
      await page.goto(path);
      await settle(page, mode);
    }

    /** The checkbox of `category` in the fieldset of `channel`. */
    const choice = (channel, category) =>
      page.getByRole('group', { name: channel }).getByRole('checkbox', { name: category, exact: true });

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      const session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      page = await session.context.newPage();
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

    test('settings: errors on their fields, then saved and shown again', async () => {
      await open('/notifications');
      const sections = page.getByRole('navigation', { name: 'Разделы уведомлений' });
      await sections.getByRole('link', { name: 'Настройки уведомлений' }).click();
      await page.waitForURL('**/settings/notifications');
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Настройки уведомлений' }).waitFor();
      await page.getByText('Письма приходят на адрес citizen@kabinet.example.').waitFor();

      // The defaults: e-mail carries everything, SMS only security notices.
      assert.equal(await choice('Электронная почта', 'Заявления').isChecked(), true);
      assert.equal(await choice('SMS', 'Заявления').isChecked(), false);
      assert.equal(await choice('SMS', 'Безопасность').isChecked(), true);
      assert.equal(await page.getByLabel('Начало (необязательно)').inputValue(), '22:00');
      assert.equal(await page.getByLabel('Конец (необязательно)').inputValue(), '08:00');
      await checkAccessibility(page, 'the notification settings', mode);

      // A time that does not exist is refused first, on its field.
      await choice('SMS', 'Безопасность').uncheck();
      await choice('Электронная почта', 'Безопасность').uncheck();
      await choice('SMS', 'Налоги').check();
      await page.getByLabel('Конец (необязательно)').fill('8.00');
      await page.getByRole('button', { name: 'Сохранить настройки' }).click();
      const timeLink = errorSummary(page).getByRole('link', { name: `Конец: ${TIME_FORMAT}` });
      await timeLink.waitFor();
      assert.equal(await timeLink.getAttribute('href'), '#quiet_end');
      const end = page.getByLabel('Конец (необязательно)');
      assert.equal(await end.getAttribute('aria-invalid'), 'true');
      assert.equal(await end.inputValue(), '8.00', 'the typed time is kept');
      assert.equal(await choice('SMS', 'Налоги').isChecked(), true, 'the ticked box is kept');
      assert.equal(await choice('SMS', 'Безопасность').isChecked(), false, 'the cleared box is kept');
      await checkAccessibility(page, 'the settings with a wrong time', mode);

      // Security notices cannot all be turned off.
      await end.fill('07:30');
      await page.getByRole('button', { name: 'Сохранить настройки' }).click();
      const securityLink = errorSummary(page).getByRole('link', { name: `SMS: Безопасность: ${SECURITY_REQUIRED}` });
      await securityLink.waitFor();
      assert.equal(await securityLink.getAttribute('href'), '#sms_security');
      const security = choice('SMS', 'Безопасность');
      assert.equal(await security.getAttribute('aria-invalid'), 'true');
      const describedBy = await security.getAttribute('aria-describedby');
      assert.match(await page.locator(`[id="${describedBy}"]`).innerText(), new RegExp(SECURITY_REQUIRED));
      await checkAccessibility(page, 'the settings with security notices off', mode);

      await security.check();
      await page.getByRole('button', { name: 'Сохранить настройки' }).click();
      await page.getByRole('status').filter({ hasText: 'Настройки уведомлений сохранены и уже действуют.' }).waitFor();

      await open('/settings/notifications');
      assert.equal(await choice('SMS', 'Налоги').isChecked(), true);
      assert.equal(await choice('SMS', 'Безопасность').isChecked(), true);
      assert.equal(await choice('Электронная почта', 'Безопасность').isChecked(), false);
      assert.equal(await page.getByLabel('Конец (необязательно)').inputValue(), '07:30');
      await checkAccessibility(page, 'the saved notification settings', mode);
    });

    test('archive: every channel of a notification, filtered', async () => {
      // A change of personal data is a security notice: in the account, and by SMS only,
      // as the settings saved above say.
      await open('/profile');
      await page.getByLabel('Место рождения (необязательно)').fill('гор. Тверь');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();

      await open('/notifications/history');
      await page.getByRole('heading', { level: 1, name: 'История уведомлений' }).waitFor();
      const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Данные профиля изменены' });
      await rows.first().waitFor();
      const channels = (await rows.allInnerTexts()).map((row) => row.split('\t')[1]).sort();
      assert.deepEqual(channels, ['SMS', 'В личном кабинете'].sort());
      await checkAccessibility(page, 'the notification archive', mode);

      await page.getByLabel('Канал').selectOption({ label: 'SMS' });
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL('**/notifications/history?channel=sms&category=');
      await settle(page, mode);
      const smsRows = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
      await smsRows.first().waitFor();
      for (const row of await smsRows.allInnerTexts()) {
        assert.equal(row.split('\t')[1], 'SMS', `a row of another channel: ${row}`);
      }
      assert.equal(await page.getByLabel('Канал').inputValue(), 'sms', 'the filter shows its choice');

      await page.getByLabel('Категория').selectOption({ label: 'Налоги' });
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL('**/notifications/history?channel=sms&category=taxes');
      await settle(page, mode);
      await page.getByRole('status').filter({ hasText: 'Уведомлений с такими условиями нет.' }).waitFor();
      await checkAccessibility(page, 'the archive with nothing found', mode);
    });

    test('live: the unread count in the header follows a new notification', { skip: !javaScript && 'live updates need JavaScript' }, async () => {
      const watcher = await page.context().newPage();
      await watcher.goto('/cabinet');
      await settle(watcher, mode);
      const menu = watcher.getByRole('navigation', { name: 'Основное меню' });
      const link = menu.getByRole('link', { name: /^Уведомления, / });
      const before = Number((await link.getAttribute('aria-label')).match(/\d+/)?.[0] ?? 0);

      // Another tab changes the profile, which is a security notice.
      await open('/profile');
      await page.getByLabel('Место рождения (необязательно)').fill('гор. Клин');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();

      // Without a reload, the watching tab shows one more unread notification and says so.
      const after = before + 1;
      await menu.getByRole('link', { name: new RegExp(`^Уведомления, ${after} непрочитанн`) }).waitFor({ timeout: 15_000 });
      await watcher.getByRole('status').filter({ hasText: `Новое уведомление. Непрочитанных: ${after}` }).waitFor();
      await checkAccessibility(watcher, 'the dashboard after a live update', mode);
      await watcher.close();
    });
  });
}
