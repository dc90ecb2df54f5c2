// The profile's documents and addresses, in Chromium with JavaScript off and on: errors on
// the field they concern with the typed values kept, then a save, with axe-core on every
// page visited.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { writeAttachments } from '../lib/files.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { assertFieldError, assertValues, errorSummary, fillFields } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const PASSPORT = 'Серия и номер паспорта';
const PASSPORT_ISSUED = 'Дата выдачи паспорта';
const PASSPORT_BY = 'Кем выдан паспорт';
const SUBDIVISION = 'Код подразделения';
const SCAN = 'Скан разворота с фотографией';
const FOREIGN = 'Серия и номер загранпаспорта';
const FOREIGN_ISSUED = 'Дата выдачи загранпаспорта';
const DEMO_SUPPORT_PHONE = '+7 999 000-00-03';
const LICENCE = 'Серия и номер удостоверения';
const LICENCE_ISSUED = 'Дата выдачи удостоверения';
const LICENCE_UNTIL = 'Удостоверение действует до';
const REGISTRATION_POSTCODE = 'Индекс адреса регистрации';
const REGISTRATION_ADDRESS = 'Адрес регистрации';
const RESIDENCE_ADDRESS = 'Адрес проживания';

for (const javaScript of [false, true]) {
  const mode = { javaScript };
  describe(`profile sections, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    let server;
    let browser;
    let session;
    let page;
    let files;

    async function open(path) {
      await page.goto(path);
      await settle(page, mode);
    }

    const saved = () => page.getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      files = await writeAttachments();
      session = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
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
      await files?.remove();
    });

    test('documents: each error on its field, then saved', async () => {
      await open('/profile');
      await page.getByRole('navigation', { name: 'Разделы профиля' }).getByRole('link', { name: 'Документы' }).click();
      await page.waitForURL('**/profile/documents');
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Документы' }).waitFor();
      const current = page.getByRole('navigation', { name: 'Разделы профиля' }).getByRole('link', { name: 'Документы' });
      assert.equal(await current.getAttribute('aria-current'), 'page');
      await page.getByText('Паспорт не указан.').waitFor();
      await checkAccessibility(page, 'the documents of the profile', mode);

      await fillFields(page, {
        [LICENCE]: '77 ав 482913',
        [LICENCE_ISSUED]: '2019-06-21',
        [LICENCE_UNTIL]: '2019-06-20',
        [FOREIGN]: '75 884193',
      });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await assertFieldError(page, {
        label: LICENCE_UNTIL,
        id: 'licence_expiry_date',
        message: 'Срок действия должен заканчиваться позже даты выдачи. Сверьте даты с документом',
      });
      await assertFieldError(page, {
        label: FOREIGN,
        id: 'foreign_number',
        message: 'Введите серию и номер загранпаспорта: 2 и 7 цифр, например 75 1234567',
      });
      await assertFieldError(page, { label: FOREIGN_ISSUED, id: 'foreign_issue_date', message: 'Заполните это поле' });
      const links = await errorSummary(page).getByRole('link').allInnerTexts();
      assert.deepEqual(
        links.map((text) => text.split(':')[0]),
        [LICENCE_UNTIL, FOREIGN, FOREIGN_ISSUED, 'Загранпаспорт действует до', 'Кем выдан загранпаспорт'],
        'the summary lists the errors in the order of the form',
      );
      await assertValues(page, { [LICENCE]: '77 ав 482913', [FOREIGN]: '75 884193' });
      await checkAccessibility(page, 'the documents with errors', mode);

      await fillFields(page, { [LICENCE_UNTIL]: '2029-06-21', [FOREIGN]: '' });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await saved();
      await open('/profile/documents');
      await assertValues(page, { [LICENCE]: '77 АВ 482913', [LICENCE_UNTIL]: '2029-06-21', [FOREIGN]: '' });
      await checkAccessibility(page, 'the saved documents', mode);
    });

    test('passport: sent with a scan, checked by an operator', async () => {
      await open('/profile/documents');
      await page.getByRole('link', { name: 'Указать новый паспорт' }).click();
      await page.waitForURL('**/profile/passport');
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Новый паспорт' }).waitFor();
      await checkAccessibility(page, 'the new passport form', mode);

      // The demo citizen was born on 17 May 1990, so 16 May 2004 is a day before fourteen.
      await fillFields(page, {
        [PASSPORT]: '45 10 739284',
        [PASSPORT_ISSUED]: '2004-05-16',
        [PASSPORT_BY]: 'ТП УФМС России по гор. Москве',
        [SUBDIVISION]: '77-0001',
      });
      await page.getByRole('button', { name: 'Отправить на проверку' }).click();
      await assertFieldError(page, {
        label: PASSPORT_ISSUED,
        id: 'passport_issue_date',
        message: 'Документ не мог быть выдан раньше, чем вам исполнилось 14 лет. Сверьте дату выдачи с документом',
      });
      await assertFieldError(page, {
        label: SUBDIVISION,
        id: 'passport_subdivision_code',
        message: 'Введите 6 цифр кода подразделения, например 770-001',
      });
      await assertFieldError(page, {
        label: SCAN,
        id: 'scan',
        message: 'Приложите скан документа: файл PDF, JPEG или PNG',
      });
      await assertValues(page, { [PASSPORT]: '45 10 739284', [PASSPORT_BY]: 'ТП УФМС России по гор. Москве' });
      await checkAccessibility(page, 'the new passport form with errors', mode);

      await fillFields(page, { [PASSPORT_ISSUED]: '2010-06-01', [SUBDIVISION]: '770001' });
      await page.getByLabel(SCAN, { exact: true }).setInputFiles(files.validPdf);
      await page.getByRole('button', { name: 'Отправить на проверку' }).click();
      await page.waitForURL('**/profile/documents');
      await settle(page, mode);
      await page.getByText('Паспорт 45 10 739284 на проверке.').waitFor();

      // The operator finds it in the queue, opens it and approves it.
      const operator = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      const desk = await operator.context.newPage();
      await desk.goto('/sign-in');
      await settle(desk, mode);
      await desk.getByLabel('Телефон, почта или СНИЛС').fill(DEMO_SUPPORT_PHONE);
      await desk.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await desk.getByRole('button', { name: 'Войти' }).click();
      await desk.waitForURL('**/cabinet');
      await desk.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Проверка документов' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Проверка документов' }).waitFor();
      await checkAccessibility(desk, 'the document check queue', mode);
      await desk.getByRole('link', { name: 'Иванова Алёна Сергеевна' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Проверка документа' }).waitFor();
      await settle(desk, mode);
      await desk.getByText('45 10 739284').waitFor();
      await checkAccessibility(desk, 'a passport under checking', mode);
      await desk.getByRole('button', { name: 'Подтвердить паспорт' }).click();
      await desk.waitForURL('**/operator/reviews');
      await desk.getByText('Документов на проверке нет.').waitFor();
      if (javaScript) {
        assert.deepEqual(operator.errors, []);
      }
      await operator.context.close();

      await open('/profile/documents');
      await page.getByText('Паспорт 45 10 739284 проверен и используется в заявлениях.').waitFor();
      await page.getByRole('definition').filter({ hasText: '45 10 739284' }).waitFor();
      await open('/profile/access');
      const access = await page.getByRole('table').getByRole('row').allInnerTexts();
      assert.equal(access.length, 3, access.join('\n'));
      assert.match(access[1], /Специалист поддержки/);
      assert.match(access[1], /Решение по проверке документа/);
      assert.match(access[2], /Проверка документа/);
      if (javaScript) {
        assert.deepEqual(session.errors, []);
      }
    });

    test('SNILS: a new number waits for a scan', async () => {
      await open('/profile');
      await page.getByRole('link', { name: 'Изменить СНИЛС' }).click();
      await page.waitForURL('**/profile/snils');
      await settle(page, mode);
      await page.getByRole('heading', { level: 1, name: 'Новый СНИЛС' }).waitFor();
      await checkAccessibility(page, 'the new SNILS form', mode);

      await fillFields(page, { 'Новый СНИЛС': '112-233-445 98' });
      await page.getByRole('button', { name: 'Отправить на проверку' }).click();
      await assertFieldError(page, {
        label: 'Новый СНИЛС',
        id: 'snils',
        message: 'В номере СНИЛС ошибка. Сверьте цифры с документом',
      });
      await assertFieldError(page, {
        label: 'Скан документа со СНИЛС',
        id: 'scan',
        message: 'Приложите скан документа: файл PDF, JPEG или PNG',
      });
      await assertValues(page, { 'Новый СНИЛС': '112-233-445 98' });
      await checkAccessibility(page, 'the new SNILS form with errors', mode);
    });

    test('addresses: residence at the registration address', async () => {
      await open('/profile/addresses');
      await page.getByRole('heading', { level: 1, name: 'Адреса' }).waitFor();
      await checkAccessibility(page, 'the addresses of the profile', mode);

      await page.getByRole('radio', { name: 'По адресу регистрации' }).check();
      await fillFields(page, { [REGISTRATION_POSTCODE]: '01010' });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await assertFieldError(page, {
        label: REGISTRATION_POSTCODE,
        id: 'registration_postcode',
        message: 'Введите 6 цифр почтового индекса, например 101000',
      });
      await assertFieldError(page, { label: REGISTRATION_ADDRESS, id: 'registration_address', message: 'Заполните это поле' });
      assert.equal(await page.getByRole('radio', { name: 'По адресу регистрации' }).isChecked(), true);
      await checkAccessibility(page, 'the addresses with errors', mode);

      await fillFields(page, {
        [REGISTRATION_POSTCODE]: '125009',
        [REGISTRATION_ADDRESS]: 'г. Москва, ул. Тверская, д. 7, кв. 12',
      });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await saved();
      await open('/profile/addresses');
      await assertValues(page, {
        [REGISTRATION_POSTCODE]: '125009',
        [REGISTRATION_ADDRESS]: 'г. Москва, ул. Тверская, д. 7, кв. 12',
        [RESIDENCE_ADDRESS]: '',
      });
      assert.equal(await page.getByRole('radio', { name: 'По адресу регистрации' }).isChecked(), true);
    });

    test('personal data: sex, place of birth and Telegram', async () => {
      await open('/profile');
      await page.getByRole('group', { name: 'Личные данные' }).waitFor();
      await page.getByRole('radio', { name: 'Женский' }).check();
      await fillFields(page, {
        'Место рождения (необязательно)': 'гор. Москва',
        'Telegram (необязательно)': 'ivan',
      });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await assertFieldError(page, {
        label: 'Telegram (необязательно)',
        summaryLabel: 'Telegram',
        id: 'telegram',
        message:
          'Введите имя пользователя Telegram, например @ivan_petrov: от 5 до 32 латинских букв, цифр и знаков подчёркивания, в начале буква',
      });
      assert.equal(await page.getByRole('radio', { name: 'Женский' }).isChecked(), true);

      await fillFields(page, { 'Telegram (необязательно)': 't.me/ivanova_anna' });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await saved();
      await open('/profile');
      await assertValues(page, {
        'Место рождения (необязательно)': 'гор. Москва',
        'Telegram (необязательно)': '@ivanova_anna',
      });
      await checkAccessibility(page, 'the personal data of the profile', mode);
    });

    test('application answers saved back to the profile', async () => {
      // The profile fills the names, the birth date and the SNILS; the birth place was saved
      // as "гор. Москва" above, and there are no former names yet.
      await open('/services/criminal-record-certificate/apply');
      await fillFields(page, {
        'Прежние фамилия, имя, отчество (если менялись) (необязательно)': 'Петрова, до 2012 года',
        'Место рождения': 'гор. Клин',
      });
      await page.getByRole('radio', { name: 'Трудоустройство' }).check();
      await page.getByLabel('Скан паспорта (разворот с фотографией)', { exact: true }).setInputFiles(files.validPdf);
      await page.getByRole('button', { name: 'Отправить заявление' }).click();
      await page.waitForURL('**/applications/*?submitted=1');
      await settle(page, mode);
      const applicationPath = new URL(page.url()).pathname;

      // Hydrated, the form is sent by the client, and the new page renders after its URL.
      const offers = page.getByRole('region', { name: 'Сохранить ответы в профиле?' });
      await offers.waitFor();
      const offered = await offers.getByRole('term').allInnerTexts();
      assert.deepEqual(offered, ['Прежние фамилия, имя, отчество (если менялись)', 'Место рождения']);
      await checkAccessibility(page, 'the application with answers to keep', mode);

      await offers.getByRole('button', { name: 'Сохранить «Место рождения»' }).click();
      await page.waitForURL(`**${applicationPath}?saved_to_profile=1`);
      await settle(page, mode);
      await page.getByRole('status').filter({ hasText: 'В профиле сохранено 1 значение.' }).waitFor();
      assert.deepEqual(await offers.getByRole('term').allInnerTexts(), ['Прежние фамилия, имя, отчество (если менялись)']);

      // The address stays the same, so the new page is awaited by the offers going away.
      await offers.getByRole('button', { name: 'Сохранить все в профиле' }).click();
      await offers.waitFor({ state: 'detached' });
      await settle(page, mode);
      assert.equal(new URL(page.url()).search, '?saved_to_profile=1');
      await page.getByRole('status').filter({ hasText: 'В профиле сохранено 1 значение.' }).waitFor();
      await checkAccessibility(page, 'the application after saving to the profile', mode);

      await open('/profile');
      await assertValues(page, {
        'Место рождения (необязательно)': 'гор. Клин',
        'Прежние фамилии и имена (необязательно)': 'Петрова, до 2012 года',
      });
    });

    test('who viewed my data, and the download of everything', async () => {
      await open('/profile/access');
      await page.getByRole('heading', { level: 1, name: 'Кто просматривал мои данные' }).waitFor();
      await checkAccessibility(page, 'the staff access to my data', mode);

      await open('/profile');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Скачать файл JSON' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^kabinet-data-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(data.format, 1);
      assert.equal(data.profile.surname, 'Иванова');
      assert.deepEqual(
        { series: data.profile.documents.passport.series, number: data.profile.documents.passport.number },
        { series: '4510', number: '739284' },
      );
      assert.equal(data.profile.addresses.registration.postcode, '125009');
      assert.ok(data.history.some((entry) => entry.key === 'history-profile-change'));

      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Скачать файл PDF' }).click(),
      ]);
      assert.match(pdf.suggestedFilename(), /^kabinet-data-\d{4}-\d{2}-\d{2}\.pdf$/);
      const bytes = await readFile(await pdf.path());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    });
  });
}
