// Lockout and unlocking, the security pages, and an authenticator app as second factor,
// in Chromium with JavaScript off and on, with axe-core on every page visited.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { assertFieldError, fillFields } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';
import { totpCode } from '../lib/totp.js';

const LOGIN = 'Телефон, почта или СНИЛС';
const PASSWORD = 'Пароль';
const DEMO_CITIZEN_E164 = '+79990000001';

for (const javaScript of [false, true]) {
  describe(`security, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    const mode = { javaScript };
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

    const audit = (label) => checkAccessibility(state.page, label, mode);
    const heading = (name) => state.page.getByRole('heading', { level: 1, name });

    async function open(path) {
      await state.page.goto(path);
      await settle(state.page, mode);
    }

    /** The code of the newest SMS to the demo citizen that contains `phrase`. */
    async function smsCode(phrase) {
      const outbox = await state.session.context.newPage();
      await outbox.goto('/dev/outbox');
      // The message text only: the row also holds the time and the phone number.
      const text = await outbox
        .getByRole('row')
        .filter({ hasText: DEMO_CITIZEN_E164 })
        .filter({ hasText: phrase })
        .first()
        .locator('td.outbox-body')
        .innerText();
      await outbox.close();
      const code = text.match(/\b(\d{6})\b/)?.[1];
      assert.ok(code, `no code in "${text}"`);
      return code;
    }

    async function submitSignIn(password) {
      await fillFields(state.page, { [LOGIN]: DEMO_CITIZEN_PHONE, [PASSWORD]: password });
      await state.page.getByRole('button', { name: 'Войти' }).click();
    }

    before(async () => {
      state.server = await startServer();
      state.browser = await launchBrowser();
      state.session = await newPortalContext(state.browser, { baseUrl: state.server.baseUrl, javaScript });
      state.page = await state.session.context.newPage();
    });

    after(async () => {
      await state.browser?.close();
      await state.server?.stop();
    });

    step('third wrong password locks sign-in', async () => {
      await open('/sign-in');
      for (const attempt of [1, 2]) {
        await submitSignIn(`Wrong-Password-${attempt}`);
        await state.page.getByText(`Осталось ${3 - attempt}`, { exact: false }).or(state.page.getByText('Осталась 1 попытка')).first().waitFor();
      }
      await submitSignIn('Wrong-Password-3');
      await state.page.getByText('Вход заблокирован после трёх неверных паролей', { exact: false }).waitFor();
      await submitSignIn(DEMO_PASSWORD);
      await state.page.getByText('Вход заблокирован после трёх неверных паролей', { exact: false }).waitFor();
      await audit('the sign-in page with a locked account');
    });

    step('code to the phone unlocks sign-in', async () => {
      await state.page.getByRole('link', { name: 'Разблокировать вход' }).click();
      await heading('Разблокировка входа').waitFor();
      await settle(state.page, mode);
      await audit('the unlock page');
      await fillFields(state.page, { [LOGIN]: DEMO_CITIZEN_PHONE });
      await state.page.getByRole('button', { name: 'Получить код' }).click();
      await heading('Код подтверждения').waitFor();
      await settle(state.page, mode);
      await state.page.getByText('Новый код можно запросить через', { exact: false }).waitFor();
      await audit('the recovery code page');

      await state.page.getByLabel('Код из SMS', { exact: true }).fill('000000');
      await state.page.getByRole('button', { name: 'Подтвердить' }).click();
      await assertFieldError(state.page, { label: 'Код из SMS', message: 'Неверный код. Осталось 4 попытки', id: 'code' });

      const code = await smsCode('восстановления доступа');
      await state.page.getByLabel('Код из SMS', { exact: true }).fill(code);
      await state.page.getByRole('button', { name: 'Подтвердить' }).click();
      await state.page.waitForURL('**/sign-in?notice=unlocked');
      await state.page.getByText('Вход разблокирован. Войдите ещё раз.').waitFor();
      await settle(state.page, mode);
      await submitSignIn(DEMO_PASSWORD);
      await state.page.waitForURL('**/cabinet');
      await settle(state.page, mode);
    });

    step('security pages list sessions and sign-ins', async () => {
      await open('/security');
      await heading('Безопасность').waitFor();
      await state.page.getByText('Второй фактор — не подключён').waitFor();
      await audit('the security page');

      await open('/security/sessions');
      await heading('Сеансы').waitFor();
      await state.page.getByText('Этот сеанс').waitFor();
      await audit('the sessions page');

      await open('/security/sign-ins');
      await heading('Журнал входов').waitFor();
      await state.page.getByLabel('Результат').selectOption('wrong_password');
      await state.page.getByRole('button', { name: 'Показать' }).click();
      await state.page.waitForURL('**/security/sign-ins?result=wrong_password');
      await settle(state.page, mode);
      const rows = state.page.locator('tbody tr');
      assert.equal(await rows.count(), 3, 'three wrong passwords');
      await audit('the sign-in journal');
      const csv = await state.page.request.get('/security/sign-ins.csv?result=wrong_password');
      assert.equal(csv.status(), 200);
      const body = await csv.text();
      assert.ok(body.startsWith('\ufeffВремя;Результат;'), body.slice(0, 40));
      assert.equal(body.trim().split('\r\n').length, 4, 'the header and three rows');
    });

    step('network rules check their input', async () => {
      await open('/security/networks');
      await heading('Сети для входа').waitFor();
      await state.page.getByLabel('Разрешить', { exact: true }).check();
      await state.page.getByLabel('Сеть', { exact: true }).fill('192.0.2.0/33');
      await state.page.getByRole('button', { name: 'Добавить' }).click();
      await assertFieldError(state.page, {
        label: 'Сеть',
        message: 'Укажите сеть в виде 192.0.2.0/24 или адрес в виде 192.0.2.10; для IPv6 — 2001:db8::/32',
        id: 'cidr',
      });
      assert.equal(await state.page.getByLabel('Сеть', { exact: true }).inputValue(), '192.0.2.0/33', 'the input is kept');
      await audit('the networks page with an error');
    });

    step('authenticator app becomes the second factor', async () => {
      await open('/security/factors');
      await heading('Второй фактор').waitFor();
      await audit('the second factor page');
      await state.page.getByRole('button', { name: 'Приложение-аутентификатор' }).click();
      await heading('Подключение приложения-аутентификатора').waitFor();
      await settle(state.page, mode);
      await audit('the authenticator app page');
      state.key = await state.page.locator('code.key').innerText();
      await state.page.getByLabel('Код из приложения', { exact: true }).fill(totpCode(state.key));
      await state.page.getByRole('button', { name: 'Подтвердить' }).click();
      await heading('Резервные коды').waitFor();
      await settle(state.page, mode);
      // The heading shows before the codes load, when the page is reached in the browser.
      await state.page.locator('ul.backup-codes code').nth(9).waitFor();
      const codes = await state.page.locator('ul.backup-codes code').allInnerTexts();
      assert.equal(codes.length, 10, 'ten backup codes');
      await audit('the backup codes page');
      await state.page.getByRole('link', { name: 'Я сохранил коды' }).click();
      await heading('Второй фактор').waitFor();
      await state.page.getByText('(основной)').waitFor();
    });

    step('sign-in asks for the app code and remembers the device', async () => {
      await state.page.getByRole('button', { name: 'Выйти' }).click();
      await state.page.waitForURL((url) => url.pathname === '/');
      await open('/sign-in');
      await submitSignIn(DEMO_PASSWORD);
      await heading('Подтверждение входа').waitFor();
      await settle(state.page, mode);
      await audit('the second step of sign-in');
      // The next time step: the code of this step was used when the app was added.
      await state.page.getByLabel('Код из приложения', { exact: true }).fill(totpCode(state.key, 1));
      await state.page.getByLabel('Запомнить это устройство на 30 дней').check();
      await state.page.getByRole('button', { name: 'Войти' }).click();
      await state.page.waitForURL('**/cabinet');
      await settle(state.page, mode);

      await state.page.getByRole('button', { name: 'Выйти' }).click();
      await state.page.waitForURL((url) => url.pathname === '/');
      await open('/sign-in');
      await submitSignIn(DEMO_PASSWORD);
      await state.page.waitForURL('**/cabinet');
    });
  });
}
