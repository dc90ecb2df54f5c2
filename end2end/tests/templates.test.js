// Templates of applications in Chromium with JavaScript off and on: an application is
// saved as a template under a name, the name is checked on its field, a new form starts
// from the template with its answers, and the template is deleted. axe-core checks every
// state.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { writeAttachments } from '../lib/files.js';
import { assertFieldError, assertValues, errorSummary } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const FORMER_NAMES = 'Прежние фамилия, имя, отчество (если менялись) (необязательно)';
const BIRTH_PLACE = 'Место рождения';
const PASSPORT_SCAN = 'Скан паспорта (разворот с фотографией)';
const TEMPLATE_NAME = 'Название шаблона';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`templates of applications, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let session;
    let files;
    let page;
    let applicationPath;

    const button = (name) => page.getByRole('button', { name, exact: true });

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      files = await writeAttachments();
      session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      page = await session.context.newPage();
      await page.goto('/sign-in');
      await settle(page, mode);
      await page.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_CITIZEN_PHONE);
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL((url) => url.pathname === '/cabinet');

      await page.goto('/services/criminal-record-certificate/apply');
      await settle(page, mode);
      await page.getByLabel(FORMER_NAMES, { exact: true }).fill('Петрова Алёна Сергеевна');
      await page.getByLabel(BIRTH_PLACE, { exact: true }).fill('г. Кунгур');
      await page.getByRole('radio', { name: 'Трудоустройство' }).check();
      await page.getByLabel(PASSPORT_SCAN, { exact: true }).setInputFiles(files.validPdf);
      await button('Отправить заявление').click();
      await page.waitForURL((url) => url.pathname.startsWith('/applications/') && url.search === '?submitted=1');
      applicationPath = new URL(page.url()).pathname;
      await settle(page, mode);
    });

    after(async () => {
      if (javaScript) {
        assert.deepEqual(session?.errors ?? [], [], 'no errors in the browser console');
      }
      await browser?.close();
      await server?.stop();
      await files?.remove();
    });

    test('an application is saved as a template under a checked name', async () => {
      await page.getByText('Сохранить ответы как шаблон', { exact: true }).click();
      await page.getByLabel(TEMPLATE_NAME, { exact: true }).waitFor();
      await checkAccessibility(page, 'the application with the template form open', mode);

      await button('Сохранить шаблон').click();
      await assertFieldError(page, { label: TEMPLATE_NAME, id: 'template_name', message: 'Заполните это поле' });
      await settle(page, mode);
      await checkAccessibility(page, 'the template form with an empty name', mode);

      await page.getByLabel(TEMPLATE_NAME, { exact: true }).fill('Справка для работы');
      await button('Сохранить шаблон').click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Шаблон «Справка для работы» сохранён. Он в разделе «Шаблоны».' })
        .waitFor();
      await settle(page, mode);
      assert.equal(new URL(page.url()).pathname, applicationPath, 'the application page stays');

      // The same name in another case is taken, and what was typed stays in the field.
      await page.getByLabel(TEMPLATE_NAME, { exact: true }).fill('СПРАВКА  для работы');
      await button('Сохранить шаблон').click();
      await assertFieldError(page, {
        label: TEMPLATE_NAME,
        id: 'template_name',
        message: 'Шаблон с таким названием уже есть. Выберите другое название',
      });
      await settle(page, mode);
      await assertValues(page, { [TEMPLATE_NAME]: 'СПРАВКА  для работы' });
      await checkAccessibility(page, 'the template form with a taken name', mode);
    });

    test('a new application starts from the template', async () => {
      await page.goto('/applications/templates');
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Шаблоны' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Справка для работы' });
      assert.match(
        await row.innerText(),
        /Справка для работы\s+Справка о наличии \(отсутствии\) судимости\s+\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\s+\d+ ответ/,
      );
      await checkAccessibility(page, 'the list of templates', mode);

      await page.getByRole('link', { name: 'Заполнить по шаблону «Справка для работы»' }).click();
      await page.waitForURL((url) => url.pathname === '/services/criminal-record-certificate/apply');
      await settle(page, mode);
      await page
        .getByRole('status')
        .filter({ hasText: 'Форма заполнена по шаблону «Справка для работы». Проверьте ответы и приложите документы.' })
        .waitFor();
      await assertValues(page, {
        [FORMER_NAMES]: 'Петрова Алёна Сергеевна',
        [BIRTH_PLACE]: 'г. Кунгур',
      });
      assert.equal(await page.getByRole('radio', { name: 'Трудоустройство' }).isChecked(), true, 'the purpose');
      await checkAccessibility(page, 'the form filled from a template', mode);
    });

    test('a template is deleted from the list', async () => {
      await page.goto('/applications/templates');
      await settle(page, mode);
      await page.getByRole('button', { name: 'Удалить шаблон «Справка для работы»' }).click();
      await page.getByText('Шаблон удалён.').waitFor();
      await page.getByText('Шаблонов нет.', { exact: false }).waitFor();
      await settle(page, mode);
      assert.equal(await errorSummary(page).count(), 0, 'no errors');
      await checkAccessibility(page, 'the list of templates after the deletion', mode);
    });
  });
}
