// A long form in steps with a repeating group, and drafts sent together, in Chromium with
// JavaScript off and on. The unified allowance has four pages: the applicant, the family
// with each child, the account and the documents. Nothing typed is lost going forward,
// back, or adding and removing children, and axe-core checks every state.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { errorSummary } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`a form with steps and children, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let session;
    let page;

    /** Waits for the page that a button or link loaded. */
    async function loaded(step) {
      await page.getByText(`Шаг ${step} из 5`, { exact: true }).waitFor();
      await settle(page, mode);
    }

    const child = (number) => page.getByRole('group', { name: `Ребёнок ${number}`, exact: true });
    const button = (name) => page.getByRole('button', { name, exact: true });

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      page = await session.context.newPage();
      await page.goto('/sign-in');
      await settle(page, mode);
      await page.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_CITIZEN_PHONE);
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL((url) => url.pathname === '/cabinet');
    });

    after(async () => {
      if (javaScript) {
        assert.deepEqual(session?.errors ?? [], [], 'no errors in the browser console');
      }
      await browser?.close();
      await server?.stop();
    });

    test('the applicant, each child and the account, page by page', async () => {
      await page.goto('/services/unified-allowance/apply');
      await loaded(1);
      const progress = page.getByRole('navigation', { name: 'Шаги заявления' });
      assert.deepEqual(await progress.getByRole('listitem').allInnerTexts(), [
        'Заявитель',
        'Семья',
        'Счёт для выплаты',
        'Документы',
        'Проверка и отправка',
      ]);
      assert.equal(await progress.getByRole('listitem').first().getAttribute('aria-current'), 'step');
      await page.getByRole('heading', { level: 2, name: 'Заявитель' }).waitFor();
      await checkAccessibility(page, 'page 1 of the allowance form', mode);

      // The surname comes from the profile; emptied, it stops the way forward.
      await page.getByLabel('Фамилия', { exact: true }).fill('');
      await page.getByLabel('Адрес регистрации по месту жительства').fill('614000, г. Пермь, ул. Ленина, д. 1');
      await button('Далее').click();
      await errorSummary(page).getByRole('link', { name: 'Фамилия: Заполните это поле' }).waitFor();
      await settle(page, mode);
      assert.equal(await page.getByLabel('Фамилия', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.equal(
        await page.getByLabel('Адрес регистрации по месту жительства').inputValue(),
        '614000, г. Пермь, ул. Ленина, д. 1',
      );
      assert.match(page.url(), /[?&]draft=[0-9a-f-]{36}/, 'the page was saved as a draft');
      await checkAccessibility(page, 'page 1 with an error', mode);

      await page.getByLabel('Фамилия', { exact: true }).fill('Иванова');
      await button('Далее').click();
      await loaded(2);
      assert.equal(await progress.getByRole('listitem').nth(1).getAttribute('aria-current'), 'step');
      await page.getByRole('heading', { level: 2, name: 'Семья' }).waitFor();
      assert.equal(await child(2).count(), 0, 'one child to begin with');

      await page.getByLabel('Состою в браке', { exact: true }).check();
      await child(1).getByLabel('Фамилия').fill('Иванов');
      await child(1).getByLabel('Имя').fill('Пётр');
      await child(1).getByLabel('Дата рождения').fill('2015-04-01');
      await child(1).getByLabel('СНИЛС').fill('112-233-445 95');
      await page.getByRole('group', { name: 'Есть ли в семье кто-то, кроме вас и детей до 17 лет' }).getByLabel('Нет').check();

      await button('Добавить ребёнка').click();
      await child(2).waitFor();
      await settle(page, mode);
      assert.ok(page.url().endsWith('#children-2'), `the new child is shown: ${page.url()}`);
      assert.equal(await child(1).getByLabel('Имя').inputValue(), 'Пётр', 'the first child is kept');
      assert.ok(await page.getByLabel('Состою в браке', { exact: true }).isChecked(), 'the other answers are kept');

      // A third child added and removed again.
      await button('Добавить ребёнка').click();
      await child(3).waitFor();
      await settle(page, mode);
      await button('Удалить: Ребёнок 3').click();
      await page.waitForURL((url) => url.hash === '#children');
      await child(2).waitFor();
      await settle(page, mode);
      assert.equal(await child(3).count(), 0, 'the third child is removed');

      await child(2).getByLabel('Фамилия').fill('Иванова');
      await child(2).getByLabel('Имя').fill('Анна');
      await child(2).getByLabel('Дата рождения').fill('2099-01-01');
      await child(2).getByLabel('СНИЛС').fill('087-654-303 00');
      await button('Далее').click();
      const dateError = errorSummary(page).getByRole('link', {
        name: 'Ребёнок 2: Дата рождения: Эта дата ещё не наступила. Проверьте год',
      });
      await dateError.waitFor();
      await settle(page, mode);
      assert.equal(await dateError.getAttribute('href'), '#children.2.birth_date');
      const date = child(2).getByLabel('Дата рождения');
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      assert.equal(await child(1).getByLabel('Дата рождения').getAttribute('aria-invalid'), null);
      assert.equal(await child(2).getByLabel('Имя').inputValue(), 'Анна');
      await checkAccessibility(page, 'page 2 with an error on the second child', mode);

      await date.fill('2026-11-30');
      await button('Далее').click();
      await loaded(3);
      await page.getByLabel('Номер банковского счёта').fill('40817810099910004312');
      await checkAccessibility(page, 'page 3 of the allowance form', mode);

      // Back to the family: the children are as they were typed.
      await button('Назад').click();
      await loaded(2);
      assert.equal(await child(2).getByLabel('Дата рождения').inputValue(), '2026-11-30');
      await button('Далее').click();
      await loaded(3);
      assert.equal(await page.getByLabel('Номер банковского счёта').inputValue(), '40817810099910004312');
      await page.getByLabel('БИК банка').fill('044525225');
      await button('Далее').click();
      await loaded(4);
      await checkAccessibility(page, 'page 4 of the allowance form', mode);

      // The review lists every answer under its step, with a way back to each step.
      await button('Далее').click();
      await loaded(5);
      await page.getByRole('heading', { level: 2, name: 'Проверка и отправка' }).waitFor();
      const family = page.getByRole('region', { name: 'Семья' });
      const facts = await family.locator('.summary-list__row').allInnerTexts();
      assert.deepEqual(
        facts.map((row) => row.replace(/\s+/g, ' ').trim()),
        [
          'Семейное положение Состою в браке',
          'Ребёнок 1: Фамилия Иванов',
          'Ребёнок 1: Имя Пётр',
          'Ребёнок 1: Дата рождения 01.04.2015',
          'Ребёнок 1: СНИЛС 112-233-445 95',
          'Ребёнок 2: Фамилия Иванова',
          'Ребёнок 2: Имя Анна',
          'Ребёнок 2: Дата рождения 30.11.2026',
          'Ребёнок 2: СНИЛС 087-654-303 00',
          'Есть ли в семье кто-то, кроме вас и детей до 17 лет Нет',
        ],
      );
      await checkAccessibility(page, 'the review of the allowance form', mode);
      await family.getByRole('link', { name: /^Изменить\s+шаг «Семья»$/ }).click();
      await loaded(2);
      assert.equal(await child(2).getByLabel('Имя').inputValue(), 'Анна');
      await button('Далее').click();
      await loaded(3);
      await button('Далее').click();
      await loaded(4);
      await button('Далее').click();
      await loaded(5);

      await button('Отправить заявление').click();
      await page.waitForURL((url) => url.pathname.startsWith('/applications/') && url.search === '?submitted=1');
      await settle(page, mode);
      await page.getByText('Заявление отправлено').first().waitFor();
      const answers = await page.locator('main').innerText();
      for (const line of ['Ребёнок 1: Имя', 'Пётр', 'Ребёнок 2: Дата рождения', '30.11.2026']) {
        assert.ok(answers.includes(line), `the application shows "${line}"`);
      }
      await checkAccessibility(page, 'the submitted allowance application', mode);
    });

    test('one form for several children makes an application for each', async () => {
      await page.goto('/services/oms-policy-child/apply');
      await settle(page, mode);
      const children = page.getByRole('group', { name: /^Дети, которым нужен полис/ });
      await children.getByText('На каждого из списка будет отправлено отдельное заявление').waitFor();
      await page.getByLabel('Серия и номер вашего паспорта').fill('4510 123456');
      await page.getByRole('radio', { name: 'Мать или отец' }).check();
      await child(1).getByLabel('Фамилия').fill('Иванов');
      await child(1).getByLabel('Имя', { exact: true }).fill('Пётр');
      await child(1).getByLabel('Дата рождения').fill('2015-04-01');
      await child(1).getByLabel('Серия и номер свидетельства о рождении').fill('IV-АБ 123450');
      await button('Добавить ребёнка').click();
      await child(2).waitFor();
      await settle(page, mode);
      await child(2).getByLabel('Фамилия').fill('Иванова');
      await child(2).getByLabel('Имя', { exact: true }).fill('Анна');
      await child(2).getByLabel('Дата рождения').fill('2020-02-01');
      await child(2).getByLabel('Серия и номер свидетельства о рождении').fill('IV-АБ 123451');
      await page.getByLabel('Страховая медицинская организация').fill('СОГАЗ-Мед');
      await page.getByRole('radio', { name: 'В электронном виде' }).check();
      await checkAccessibility(page, 'the form for two children', mode);

      await button('Отправить заявление').click();
      await page.waitForURL((url) => url.pathname.startsWith('/applications/') && url.search === '?submitted=1');
      await settle(page, mode);
      await page.getByText('Вместе с ним отправлено ещё 1 заявление, у каждого свой номер.').waitFor();
      const main = await page.locator('main').innerText();
      assert.ok(main.includes('Пётр'), 'the first application is for the first child');
      assert.ok(!main.includes('Анна'), 'the first application leaves out the second child');
      const together = page.getByRole('region', { name: 'Отправлены вместе' });
      const link = together.getByRole('link', { name: /^Заявление № \d{3}-\d{3}-\d{4}$/ });
      assert.equal(await link.count(), 1);
      await checkAccessibility(page, 'the first of two applications', mode);

      await link.click();
      await page.getByRole('region', { name: 'Отправлены вместе' }).waitFor();
      await settle(page, mode);
      const second = await page.locator('main').innerText();
      assert.ok(second.includes('Анна'), 'the second application is for the second child');
      assert.ok(!second.includes('Пётр'), 'the second application leaves out the first child');
    });

    test('drafts sent together, each with its number', async () => {
      const status = (text) => page.getByRole('status').filter({ hasText: text });
      // Two complete drafts of the pension certificate and one without the period.
      for (const period of ['На текущий месяц', 'На текущий месяц', null]) {
        await page.goto('/services/pension-amount-certificate/apply');
        await settle(page, mode);
        if (period) {
          await page.getByRole('radio', { name: period }).check();
        }
        await page.getByRole('radio', { name: 'В личный кабинет в электронном виде' }).check();
        await button('Сохранить черновик').click();
        await status('Черновик сохранён.').waitFor();
      }

      await page.goto('/applications/drafts');
      await settle(page, mode);
      const boxes = page.getByRole('checkbox', { name: /^Отправить черновик «Справка о размере пенсии/ });
      assert.equal(await boxes.count(), 3);
      await checkAccessibility(page, 'the drafts to send', mode);

      // Nothing checked: the error names the boxes.
      await button('Отправить отмеченные').click();
      const none = errorSummary(page).getByRole('link', { name: 'Отправить: Отметьте хотя бы один черновик' });
      await none.waitFor();
      await settle(page, mode);
      assert.equal(await none.getAttribute('href'), '#draft');
      await checkAccessibility(page, 'the drafts with nothing checked', mode);

      for (let index = 0; index < 3; index += 1) {
        await boxes.nth(index).check();
      }
      await button('Отправить отмеченные').click();
      const sent = status(/Отправлено заявлений: 2\. Номера: \d{3}-\d{3}-\d{4}, \d{3}-\d{3}-\d{4}\. Черновиков с ошибками: 1\./);
      await sent.waitFor();
      await settle(page, mode);
      assert.equal(await boxes.count(), 1, 'the draft with errors stays');
      await checkAccessibility(page, 'the drafts after sending', mode);

      await page.goto('/applications?status=submitted');
      await settle(page, mode);
      const rows = await page.getByRole('table').getByRole('row').allInnerTexts();
      const certificates = rows.filter((row) => row.includes('Справка о размере пенсии'));
      assert.equal(certificates.length, 2, `submitted:\n${rows.join('\n')}`);
    });
  });
}
