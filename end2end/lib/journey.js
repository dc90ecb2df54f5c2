// The first path through the portal, from the home page to a decided application, as a
// suite of ordered steps that one test file runs with JavaScript on and another with it
// off. Each step after a failed one is skipped, because it builds on the state the
// earlier steps left.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { checkAccessibility } from './axe.js';
import { launchBrowser, newPortalContext, settle } from './browser.js';
import { writeAttachments } from './files.js';
import { assertFieldError, assertNoFieldError, assertValues, errorSummary, escapeRegExp, fillFields } from './forms.js';
import { startServer } from './server.js';

/** The demo accounts seeded in development mode, all with one password. */
export const DEMO_PASSWORD = 'Demo-Kabinet-2026';
export const DEMO_CITIZEN_PHONE = '+7 999 000-00-01';
export const DEMO_OFFICIAL_PHONE = '+7 999 000-00-02';
const DEMO_OFFICIAL_NAME = 'Петров Сергей Николаевич';

const SERVICE_TITLE = 'Справка о наличии (отсутствии) судимости';
const APPLICATION_NUMBER = /\d{3}-\d{3}-\d{4}/;

// Labels of the registration and profile forms.
const PHONE = 'Мобильный телефон';
const PASSWORD = 'Пароль';
const PASSWORD_REPEAT = 'Пароль ещё раз';
const SURNAME = 'Фамилия';
const GIVEN_NAME = 'Имя';
const PATRONYMIC = 'Отчество (необязательно)';
const BIRTH_DATE = 'Дата рождения';
const SNILS = 'СНИЛС (необязательно)';
const INN = 'ИНН (необязательно)';
const EMAIL = 'Электронная почта (необязательно)';
const LOGIN = 'Телефон, почта или СНИЛС';

// Labels of the criminal record certificate's application form.
const APPLY_PATRONYMIC = 'Отчество (если есть) (необязательно)';
const APPLY_FORMER_NAMES = 'Прежние фамилия, имя, отчество (если менялись) (необязательно)';
const APPLY_BIRTH_PLACE = 'Место рождения';
const APPLY_SNILS = 'СНИЛС';
const APPLY_PASSPORT_SCAN = 'Скан паспорта (разворот с фотографией)';

// Labels of the official's review form.
const REVIEW_COMMENT = 'Комментарий для заявителя (необязательно)';

// Screenshots of failed steps go here; the folder is ignored by git.
const RESULTS_FOLDER = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Saves a full-page screenshot of every open page of the journey; returns the paths. */
async function saveScreenshots(journey, name) {
  const paths = [];
  const sessions = [journey.citizen, journey.official, journey.other].filter(Boolean);
  const pages = sessions.flatMap((session) => session.context.pages());
  const base = name.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase();
  await mkdir(RESULTS_FOLDER, { recursive: true });
  for (const [index, page] of pages.entries()) {
    const path = join(RESULTS_FOLDER, `${base}-${index + 1}.png`);
    try {
      await page.screenshot({ path, fullPage: true });
      paths.push(path);
    } catch {
      // A page that is closing has nothing to show.
    }
  }
  return paths;
}

function mainMenu(page) {
  return page.getByRole('navigation', { name: 'Основное меню' });
}

function heading(page, name) {
  return page.getByRole('heading', { level: 1, name });
}

/** Follows a link of the main menu and waits for the page's heading. */
async function openFromMenu(page, link, pageHeading) {
  await mainMenu(page).getByRole('link', { name: link, exact: true }).click();
  await heading(page, pageHeading).waitFor();
}

/** Returns the text of each body row of the first table on the page, top to bottom. */
async function tableRows(page) {
  const rows = page.getByRole('table').getByRole('row');
  const texts = await rows.allInnerTexts();
  // The first row contains the column headers.
  return texts.slice(1).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * Checks that the `expected` patterns match entries of `entries` in the same order,
 * possibly with other entries between them. A failure names `listName` and shows both.
 */
function assertInOrder(entries, expected, listName) {
  let position = 0;
  for (const pattern of expected) {
    const found = entries.findIndex((entry, index) => index >= position && pattern.test(entry));
    assert.ok(
      found >= 0,
      `${listName}: no entry matching ${pattern} after position ${position} in:\n${entries.join('\n')}`,
    );
    position = found + 1;
  }
}

/**
 * Registers the citizen journey as a suite named `title`, with JavaScript on or off.
 *
 * `citizen` is the person who registers, with these fields:
 * - `phone` as typed in the form, `phoneE164` as the outbox lists it, `phoneForSignIn`
 *   as `8 (9xx) xxx-xx-xx`, `phoneDisplayed` as the profile shows it, and `badPhone`,
 *   which is not a valid mobile number;
 * - `password`, `surname`, `givenName`, `patronymic`, and `displayName`, the given name
 *   and patronymic that the portal greets the person with;
 * - `birthDate` as YYYY-MM-DD, which is how date inputs report their value;
 * - `snils` as the profile formats it and `badSnils` with a wrong check number, `inn` and
 *   `badInn` likewise, and the `newSurname` and `email` of the profile change;
 * - `birthPlace` and `formerNames`, answers of the application form;
 * - `officialComment`, which the official writes when asking for action.
 * Each mode uses its own citizen, so the runs never share an account.
 */
export function describeCitizenJourney({ title, javaScript, citizen }) {
  describe(title, () => {
    const mode = { javaScript };
    const journey = {};
    let failedStep = null;

    /** Registers a step of the journey, which is skipped once a step before it has failed. */
    function step(name, body) {
      test(name, async (t) => {
        if (failedStep) {
          t.skip(`the step "${failedStep}" failed`);
          return;
        }
        try {
          await body();
          for (const session of [journey.citizen, journey.official, journey.other]) {
            assert.deepEqual(session?.errors ?? [], [], 'errors in the browser console');
          }
        } catch (error) {
          failedStep = name;
          for (const path of await saveScreenshots(journey, `${title} ${name}`)) {
            t.diagnostic(`screenshot: ${path}`);
          }
          if (journey.server) {
            t.diagnostic('last lines of the server log:');
            for (const line of journey.server.logTail()) {
              t.diagnostic(line);
            }
          }
          throw error;
        }
      });
    }

    const audit = (page, label) => checkAccessibility(page, label, mode);

    /** Opens `path` with a full page load and waits until the page is usable. */
    async function open(page, path) {
      const response = await page.goto(path);
      await settle(page, mode);
      return response;
    }

    /** Signs in through the sign-in page the browser is on and lands in /cabinet. */
    async function signIn(page, login, password) {
      await fillFields(page, { [LOGIN]: login, [PASSWORD]: password });
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL('**/cabinet');
      await heading(page, /^Здравствуйте, /).waitFor();
      await settle(page, mode);
    }

    before(async () => {
      journey.server = await startServer();
      journey.browser = await launchBrowser();
      journey.files = await writeAttachments();
      journey.citizen = await newPortalContext(journey.browser, { baseUrl: journey.server.baseUrl, javaScript });
      journey.page = await journey.citizen.context.newPage();
    });

    after(async () => {
      await journey.browser?.close();
      await journey.server?.stop();
      await journey.files?.remove();
    });

    step('home page switches language', async () => {
      const { page } = journey;
      await open(page, '/');
      assert.equal(await page.getAttribute('html', 'lang'), 'ru');
      await heading(page, 'Государственные услуги онлайн').waitFor();
      await audit(page, 'the home page in Russian');

      await page.getByRole('button', { name: 'English' }).click();
      // Locator waits run in Playwright's own script world, so they work with JavaScript off.
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await settle(page, mode);
      await heading(page, 'Public services online').waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Main menu' }).count(), 1);
      await audit(page, 'the home page in English');

      await page.getByRole('button', { name: 'Русский' }).click();
      await page.locator('html[lang="ru"]').waitFor({ state: 'attached' });
      await settle(page, mode);
      await heading(page, 'Государственные услуги онлайн').waitFor();
      assert.equal(await mainMenu(page).count(), 1);
    });

    step('registration shows errors and keeps input', async () => {
      const { page } = journey;
      await openFromMenu(page, 'Зарегистрироваться', 'Регистрация');
      await audit(page, 'the registration form');

      await fillFields(page, {
        [PHONE]: citizen.badPhone,
        [PASSWORD]: citizen.password,
        [PASSWORD_REPEAT]: citizen.password,
        [SURNAME]: citizen.surname,
        [GIVEN_NAME]: citizen.givenName,
        [PATRONYMIC]: citizen.patronymic,
        [BIRTH_DATE]: citizen.birthDate,
        [SNILS]: citizen.badSnils,
      });
      const registrationPosts = [];
      const recordRegistrationPost = (request) => {
        if (new URL(request.url()).pathname === '/api/register') {
          registrationPosts.push(request.method());
        }
      };
      page.on('request', recordRegistrationPost);
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();

      await assertFieldError(page, {
        label: PHONE,
        id: 'phone',
        message: 'Введите российский мобильный номер, например +7 912 345-67-89',
      });
      await assertFieldError(page, {
        label: SNILS,
        summaryLabel: 'СНИЛС',
        id: 'snils',
        message: 'В номере СНИЛС ошибка. Сверьте цифры с документом',
      });
      assert.equal(await errorSummary(page).getByRole('link').count(), 2, 'links in the error summary');
      page.off('request', recordRegistrationPost);
      // A hydrated form finds these errors with the shared validator and sends nothing.
      assert.deepEqual(registrationPosts, javaScript ? [] : ['POST'], 'requests to /api/register');
      await assertValues(page, {
        [PHONE]: citizen.badPhone,
        [SURNAME]: citizen.surname,
        [GIVEN_NAME]: citizen.givenName,
        [PATRONYMIC]: citizen.patronymic,
        [BIRTH_DATE]: citizen.birthDate,
        [SNILS]: citizen.badSnils,
      });
      // Without JavaScript the server renders the form again and never sends passwords
      // back; with it, the form stays in place as typed.
      const keptPassword = javaScript ? citizen.password : '';
      await assertValues(page, { [PASSWORD]: keptPassword, [PASSWORD_REPEAT]: keptPassword });
      await audit(page, 'the registration form with errors');
    });

    step('registration confirmed by SMS code', async () => {
      const { page } = journey;
      await fillFields(page, {
        [PHONE]: citizen.phone,
        [PASSWORD]: citizen.password,
        [PASSWORD_REPEAT]: citizen.password,
        [SNILS]: citizen.snils,
      });
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      await page.waitForURL('**/register/confirm?flow=*');
      await heading(page, 'Подтверждение телефона').waitFor();
      await settle(page, mode);
      await audit(page, 'the confirmation form');

      const outbox = await journey.citizen.context.newPage();
      await open(outbox, '/dev/outbox');
      await heading(outbox, 'Исходящие сообщения').waitFor();
      await audit(outbox, 'the development outbox');
      const message = outbox
        .getByRole('row')
        .filter({ hasText: citizen.phoneE164 })
        .filter({ hasText: 'код подтверждения' });
      const text = await message.innerText();
      const code = text.match(/код подтверждения (\d{6})/)?.[1];
      assert.ok(code, `no 6-digit code in the outbox message "${text}"`);
      await outbox.close();

      await page.getByLabel('Код из SMS', { exact: true }).fill(code);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.waitForURL('**/cabinet');
      await heading(page, `Здравствуйте, ${citizen.displayName}!`).waitFor();
      await settle(page, mode);
      await page.getByRole('button', { name: 'Выйти' }).waitFor();
      await audit(page, 'the personal account');
    });

    step('sign-in errors and phone login', async () => {
      const { page } = journey;
      await page.getByRole('button', { name: 'Выйти' }).click();
      await mainMenu(page).getByRole('link', { name: 'Войти' }).waitFor();
      await settle(page, mode);
      assert.equal(new URL(page.url()).pathname, '/');

      await openFromMenu(page, 'Войти', 'Вход');
      await audit(page, 'the sign-in form');

      await fillFields(page, { [LOGIN]: citizen.phoneForSignIn, [PASSWORD]: `${citizen.password}x` });
      await page.getByRole('button', { name: 'Войти' }).click();
      const failure = 'Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock';
      await errorSummary(page).getByText(failure).waitFor();
      assert.equal(await page.getByText('Неверный логин или пароль').count(), 1, 'copies of the sign-in failure');
      assert.equal(await errorSummary(page).getByRole('link').count(), 0, 'field links in the summary');
      await assertNoFieldError(page, LOGIN);
      await assertNoFieldError(page, PASSWORD);
      await assertValues(page, { [LOGIN]: citizen.phoneForSignIn });
      await audit(page, 'the sign-in form after a wrong password');

      await fillFields(page, { [LOGIN]: '+7 912', [PASSWORD]: citizen.password });
      await page.getByRole('button', { name: 'Войти' }).click();
      await assertFieldError(page, {
        label: LOGIN,
        id: 'login',
        message: 'Введите российский мобильный номер, например +7 912 345-67-89',
      });
      await assertNoFieldError(page, PASSWORD);
      await audit(page, 'the sign-in form with a malformed phone');

      await signIn(page, citizen.phoneForSignIn, citizen.password);
      await heading(page, `Здравствуйте, ${citizen.displayName}!`).waitFor();
    });

    step('profile rejects bad INN, then saves', async () => {
      const { page } = journey;
      await openFromMenu(page, 'Профиль', 'Профиль');
      const phone = page.getByRole('definition').filter({ hasText: citizen.phoneDisplayed });
      // The heading comes before the profile's data; wait for the data, then count.
      await phone.first().waitFor();
      assert.equal(await phone.count(), 1, `the phone ${citizen.phoneDisplayed} in the profile`);
      await assertValues(page, {
        [SURNAME]: citizen.surname,
        [GIVEN_NAME]: citizen.givenName,
        [EMAIL]: '',
      });
      // The SNILS changes only through an operator's check, so the profile shows it as text.
      const snils = page.getByRole('definition').filter({ hasText: citizen.snils });
      assert.equal(await snils.count(), 1, `the SNILS ${citizen.snils} in the profile`);
      await audit(page, 'the profile');

      await fillFields(page, { [SURNAME]: citizen.newSurname, [EMAIL]: citizen.email, [INN]: citizen.badInn });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await assertFieldError(page, {
        label: INN,
        summaryLabel: 'ИНН',
        id: 'inn',
        message: 'В номере ИНН ошибка. Сверьте цифры со свидетельством или выпиской',
      });
      assert.equal(await errorSummary(page).getByRole('link').count(), 1, 'links in the error summary');
      await assertValues(page, {
        [SURNAME]: citizen.newSurname,
        [GIVEN_NAME]: citizen.givenName,
        [PATRONYMIC]: citizen.patronymic,
        [BIRTH_DATE]: citizen.birthDate,
        [EMAIL]: citizen.email,
        [INN]: citizen.badInn,
      });
      await audit(page, 'the profile with an error');

      await fillFields(page, { [INN]: citizen.inn });
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Изменения сохранены. На адрес ${citizen.email} отправлено письмо со ссылкой` })
        .waitFor();
      await assertNoFieldError(page, INN);
      await audit(page, 'the profile after saving');

      // The new address waits for its link; until then the profile keeps the old one (none).
      await open(page, '/profile');
      await assertValues(page, { [SURNAME]: citizen.newSurname, [EMAIL]: '', [INN]: citizen.inn });
      await page.getByText(`Ожидает подтверждения: ${citizen.email}.`).waitFor();
    });

    step('new e-mail address confirmed by its link', async () => {
      const { page } = journey;
      const outbox = await journey.citizen.context.newPage();
      await open(outbox, '/dev/outbox');
      const letter = await outbox
        .getByRole('row')
        .filter({ hasText: citizen.email })
        .first()
        .locator('td.outbox-body')
        .innerText();
      await outbox.close();
      const link = letter.match(/https?:\/\/\S+\/profile\/email\/confirm\?token=[\w-]+/)?.[0];
      assert.ok(link, `no confirmation link in "${letter}"`);

      await open(page, new URL(link).pathname + new URL(link).search);
      await heading(page, 'Подтверждение адреса электронной почты').waitFor();
      await page.getByText(`Подтвердите, что адрес ${citizen.email} принадлежит вам.`).waitFor();
      await audit(page, 'the e-mail confirmation page');
      await page.getByRole('button', { name: 'Подтвердить адрес' }).click();
      await page.getByRole('status').filter({ hasText: 'Адрес электронной почты подтверждён' }).waitFor();
      await audit(page, 'the confirmed e-mail address');

      await open(page, '/profile');
      await assertValues(page, { [EMAIL]: citizen.email });
      assert.equal(await page.getByText('Ожидает подтверждения').count(), 0, 'no address waits any more');
    });

    step('application form keeps answers on errors', async () => {
      const { page } = journey;
      await openFromMenu(page, 'Услуги', 'Каталог услуг');
      await audit(page, 'the catalogue');

      await page.getByRole('link', { name: SERVICE_TITLE }).click();
      await heading(page, SERVICE_TITLE).waitFor();
      await audit(page, 'the service page');

      await page.getByRole('link', { name: 'Подать заявление' }).click();
      await heading(page, 'Заявление').waitFor();
      await assertValues(page, {
        [SURNAME]: citizen.newSurname,
        [GIVEN_NAME]: citizen.givenName,
        [APPLY_PATRONYMIC]: citizen.patronymic,
        [BIRTH_DATE]: citizen.birthDate,
        [APPLY_SNILS]: citizen.snils,
        [APPLY_BIRTH_PLACE]: '',
      });
      await audit(page, 'the application form');

      await fillFields(page, { [APPLY_FORMER_NAMES]: citizen.formerNames });
      await page.getByRole('radio', { name: 'Трудоустройство' }).check();
      await page.getByLabel(APPLY_PASSPORT_SCAN, { exact: true }).setInputFiles(journey.files.textAsPdf);
      await page.getByRole('button', { name: 'Отправить заявление' }).click();

      await assertFieldError(page, {
        label: APPLY_PASSPORT_SCAN,
        id: 'doc_passport_scan',
        message: 'Файл «scan.pdf» не PDF, JPEG или PNG. Сохраните документ в одном из этих форматов',
      });
      await assertFieldError(page, { label: APPLY_BIRTH_PLACE, id: 'birth_place', message: 'Заполните это поле' });
      await assertValues(page, {
        [SURNAME]: citizen.newSurname,
        [GIVEN_NAME]: citizen.givenName,
        [APPLY_PATRONYMIC]: citizen.patronymic,
        [APPLY_FORMER_NAMES]: citizen.formerNames,
        [BIRTH_DATE]: citizen.birthDate,
        [APPLY_SNILS]: citizen.snils,
      });
      assert.equal(await page.getByRole('radio', { name: 'Трудоустройство' }).isChecked(), true, 'the chosen purpose');
      await audit(page, 'the application form with errors');
    });

    step('application form saved as a draft and continued', async () => {
      const { page } = journey;
      await fillFields(page, { [APPLY_BIRTH_PLACE]: citizen.birthPlace });
      if (javaScript) {
        // The rejected file is still chosen in the hydrated form, and a draft would send it
        // again and report it, so the choice is cleared first.
        await page.getByLabel(APPLY_PASSPORT_SCAN, { exact: true }).setInputFiles([]);
        // Leaving the field is a change, and a few seconds later the draft saves itself.
        await page.getByLabel(APPLY_BIRTH_PLACE, { exact: true }).press('Tab');
        await page.getByRole('status').filter({ hasText: /^Черновик сохранён автоматически в \d{2}:\d{2}\.$/ }).waitFor();
      }
      await page.getByRole('button', { name: 'Сохранить черновик' }).click();
      await page.getByText('Черновик сохранён.', { exact: false }).waitFor();
      await settle(page, mode);
      await assertValues(page, { [APPLY_BIRTH_PLACE]: citizen.birthPlace, [APPLY_SNILS]: citizen.snils });
      await audit(page, 'the application form with its draft saved');

      await page.getByRole('link', { name: 'Черновики' }).click();
      await heading(page, 'Черновики').waitFor();
      await settle(page, mode);
      const rows = await tableRows(page);
      assert.equal(rows.length, 1, `drafts listed:\n${rows.join('\n')}`);
      assert.match(rows[0], new RegExp(`^${escapeRegExp(SERVICE_TITLE)} \\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2} 8 ответов, 0 файлов Удалить$`));
      await audit(page, 'the list of drafts');

      await page.getByRole('link', { name: SERVICE_TITLE }).click();
      await heading(page, 'Заявление').waitFor();
      await settle(page, mode);
      await assertValues(page, {
        [SURNAME]: citizen.newSurname,
        [APPLY_FORMER_NAMES]: citizen.formerNames,
        [APPLY_BIRTH_PLACE]: citizen.birthPlace,
      });
      assert.equal(await page.getByRole('radio', { name: 'Трудоустройство' }).isChecked(), true, 'the chosen purpose');
    });

    step('application submitted once on double click', async () => {
      const { page } = journey;
      await fillFields(page, { [APPLY_BIRTH_PLACE]: citizen.birthPlace });
      await page.getByLabel(APPLY_PASSPORT_SCAN, { exact: true }).setInputFiles(journey.files.validPdf);
      await page.getByRole('button', { name: 'Отправить заявление' }).dblclick();

      await page.waitForURL('**/applications/*?submitted=1');
      const applicationHeading = heading(page, /^Заявление № /);
      await applicationHeading.waitFor();
      await settle(page, mode);
      const headingText = await applicationHeading.innerText();
      const number = headingText.match(APPLICATION_NUMBER)?.[0];
      assert.ok(number, `no number of the form DDD-DDD-DDDD in "${headingText}"`);
      assert.equal(headingText, `Заявление № ${number}`);
      await page.getByRole('status').filter({ hasText: 'Заявление отправлено' }).waitFor();
      const status = page.getByRole('definition').filter({ hasText: 'Отправлено' });
      assert.equal(await status.count(), 1, 'the status "Отправлено"');
      journey.applicationNumber = number;
      journey.applicationPath = new URL(page.url()).pathname;
      await audit(page, 'the submitted application');

      await open(page, '/applications/drafts');
      await page.getByText('Черновиков нет.').waitFor();

      await openFromMenu(page, 'Мои заявления', 'Мои заявления');
      // The heading shows before the list has loaded.
      await page.getByRole('table').getByRole('row').nth(1).waitFor();
      const rows = await tableRows(page);
      assert.equal(rows.length, 1, `applications listed:\n${rows.join('\n')}`);
      assert.match(rows[0], new RegExp(`${number} ${SERVICE_TITLE.replace(/[()]/g, '\\$&')} Отправлено`));
      await audit(page, 'the list of applications');
    });

    step('official takes and decides the application', async () => {
      journey.official = await newPortalContext(journey.browser, { baseUrl: journey.server.baseUrl, javaScript });
      const page = await journey.official.context.newPage();
      await open(page, '/sign-in');
      await signIn(page, DEMO_OFFICIAL_PHONE, DEMO_PASSWORD);
      await audit(page, "the official's personal account");

      await openFromMenu(page, 'Очередь заявлений', 'Очередь заявлений');
      await audit(page, 'the queue');
      await page.getByRole('link', { name: journey.applicationNumber }).click();
      await heading(page, `Заявление № ${journey.applicationNumber}`).waitFor();
      await audit(page, 'the review page');

      await page.getByRole('button', { name: 'Взять в работу' }).click();
      const newStatus = page.getByRole('group', { name: 'Новый статус' });
      await newStatus.waitFor();
      await settle(page, mode);
      await audit(page, 'the review page of a taken application');

      await newStatus.getByRole('radio', { name: 'Требуется действие' }).check();
      await page.getByRole('button', { name: 'Сохранить решение' }).click();
      await assertFieldError(page, {
        label: REVIEW_COMMENT,
        summaryLabel: 'Комментарий для заявителя',
        id: 'comment',
        message: 'Напишите заявителю, почему изменён статус',
      });
      await audit(page, 'the review form with an error');

      await newStatus.getByRole('radio', { name: 'Требуется действие' }).check();
      await page.getByLabel(REVIEW_COMMENT, { exact: true }).fill(citizen.officialComment);
      await page.getByRole('button', { name: 'Сохранить решение' }).click();
      await page.waitForURL('**?changed=1');
      await page.getByRole('definition').filter({ hasText: 'Требуется действие' }).waitFor();
      await settle(page, mode);
      await audit(page, 'the review page after a decision');

      await newStatus.getByRole('radio', { name: 'Исполнено' }).check();
      await page.getByRole('button', { name: 'Сохранить решение' }).click();
      await page.getByRole('definition').filter({ hasText: 'Исполнено' }).waitFor();
      await settle(page, mode);
      await page.getByText('Заявление рассматривает другой сотрудник или решение уже принято.').waitFor();
      await audit(page, 'the review page of a decided application');
    });

    step('citizen sees notifications and history', async () => {
      const { page } = journey;
      const number = journey.applicationNumber;
      await open(page, '/cabinet');
      // Taking the application, two decisions and the submission itself, and the notices
      // of the two profile changes: the saved form and the confirmed e-mail address.
      const notificationsLink = mainMenu(page).getByRole('link', { name: 'Уведомления, 6 непрочитанных' });
      assert.equal(await notificationsLink.innerText(), 'Уведомления 6');
      await audit(page, 'the personal account with notifications');

      await notificationsLink.click();
      await heading(page, 'Уведомления').waitFor();
      const numbered = page.getByRole('listitem').filter({ hasText: `№ ${number}` });
      // The heading shows before the list has loaded: wait for the list, then read it.
      await numbered.first().waitFor();
      const messages = (await numbered.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
      assert.equal(messages.length, 4, `notifications:\n${messages.join('\n')}`);
      assert.match(messages[0], new RegExp(`Статус заявления № ${number}: Исполнено`));
      assert.match(messages[1], new RegExp(`Статус заявления № ${number}: Требуется действие`));
      assert.match(messages[1], new RegExp(`Комментарий сотрудника: ${citizen.officialComment}`));
      assert.match(messages[2], new RegExp(`Статус заявления № ${number}: В работе`));
      assert.match(messages[3], new RegExp(`Заявление № ${number} отправлено в ведомство`));
      const profileNotices = page.getByRole('listitem').filter({ hasText: 'Данные профиля изменены' });
      assert.equal(await profileNotices.count(), 2, 'notices of profile changes');
      await audit(page, 'the notifications');

      await open(page, journey.applicationPath);
      await heading(page, `Заявление № ${number}`).waitFor();
      const history = await tableRows(page);
      assert.equal(history.length, 4, `status history:\n${history.join('\n')}`);
      // The official's column reads "<full name>, <department>".
      assert.match(history[0], new RegExp(`Исполнено ${DEMO_OFFICIAL_NAME}, `));
      assert.match(history[1], new RegExp(`Требуется действие ${DEMO_OFFICIAL_NAME}, .* ${citizen.officialComment}$`));
      assert.match(history[2], new RegExp(`В работе ${DEMO_OFFICIAL_NAME}, `));
      assert.match(history[3], /Отправлено Заявитель/);
      await audit(page, 'the application with its status history');

      await open(page, '/history');
      await heading(page, 'История действий').waitFor();
      assertInOrder(
        await tableRows(page),
        [
          new RegExp(`Заявление № ${number}: новый статус «Исполнено» .*Успешно`),
          new RegExp(`Заявление № ${number}: новый статус «Требуется действие» .*Успешно`),
          new RegExp(`Заявление № ${number}: новый статус «В работе» .*Успешно`),
          new RegExp(`Отправка заявления № ${number} .*Успешно`),
          /Изменение личных данных Успешно/,
          /Вход в личный кабинет Успешно/,
          /Вход в личный кабинет Ошибка/,
          /Выход из личного кабинета Успешно/,
          /Регистрация учётной записи Успешно/,
        ],
        'the action journal',
      );
      await audit(page, 'the action journal');
    });

    step('access control', async () => {
      const { page } = journey;
      const forbidden = await open(page, '/official');
      assert.equal(forbidden.status(), 403, 'HTTP status of /official for a citizen');
      await heading(page, 'Нет доступа').waitFor();
      await audit(page, 'the no-access page');

      journey.other = await newPortalContext(journey.browser, { baseUrl: journey.server.baseUrl, javaScript });
      const otherPage = await journey.other.context.newPage();
      await open(otherPage, '/cabinet');
      const signInUrl = new URL(otherPage.url());
      assert.equal(signInUrl.pathname, '/sign-in', 'where /cabinet sends a signed-out visitor');
      assert.equal(signInUrl.searchParams.get('next'), '/cabinet', 'the page to return to after sign-in');
      await heading(otherPage, 'Вход').waitFor();
      await audit(otherPage, 'the sign-in form with a return address');

      await signIn(otherPage, DEMO_CITIZEN_PHONE, DEMO_PASSWORD);
      await audit(otherPage, "the demo citizen's personal account");
      const notFound = await open(otherPage, journey.applicationPath);
      assert.equal(notFound.status(), 404, "HTTP status of another citizen's application");
      await heading(otherPage, 'Страница не найдена').waitFor();
      assert.equal(await otherPage.getByText(journey.applicationNumber).count(), 0, 'the application number leaked');
      await audit(otherPage, 'the not-found page');
    });

    step('catalogue search, list filter and withdrawal', async () => {
      const { page } = journey;
      const decided = journey.applicationNumber;
      await openFromMenu(page, 'Услуги', 'Каталог услуг');
      await page.getByLabel('Что вы ищете').fill('справки о судимостях');
      await page.getByRole('button', { name: 'Найти' }).click();
      await page.waitForURL(/[?&]q=/);
      await settle(page, mode);
      await page.getByText('Найдена 1 услуга').waitFor();
      await audit(page, 'the catalogue search');
      await page.getByRole('link', { name: SERVICE_TITLE }).click();
      await heading(page, SERVICE_TITLE).waitFor();
      await page.getByRole('link', { name: 'Подать заявление' }).click();
      await heading(page, 'Заявление').waitFor();
      await settle(page, mode);
      await fillFields(page, { [APPLY_BIRTH_PLACE]: citizen.birthPlace });
      await page.getByRole('radio', { name: 'Трудоустройство' }).check();
      await page.getByLabel(APPLY_PASSPORT_SCAN, { exact: true }).setInputFiles(journey.files.validPdf);
      await page.getByRole('button', { name: 'Отправить заявление' }).click();
      await page.waitForURL('**/applications/*?submitted=1');
      const headingText = await heading(page, /^Заявление № /).innerText();
      const pending = headingText.match(APPLICATION_NUMBER)?.[0];
      assert.ok(pending, `no number in "${headingText}"`);

      await openFromMenu(page, 'Мои заявления', 'Мои заявления');
      await page.getByText('Найдено 2 заявления').waitFor();
      await audit(page, 'the list with its filter');
      await page.getByLabel('Номер или слова').fill(`№ ${decided}`);
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL(/[?&]q=/);
      await settle(page, mode);
      await page.getByText('Найдено 1 заявление').waitFor();
      let rows = await tableRows(page);
      assert.equal(rows.length, 1, `found by number:\n${rows.join('\n')}`);
      assert.match(rows[0], new RegExp(`^${decided} .* Исполнено`));

      await open(page, '/applications?status=submitted&sort=oldest');
      rows = await tableRows(page);
      assert.equal(rows.length, 1, `submitted ones:\n${rows.join('\n')}`);
      assert.match(rows[0], new RegExp(`^${pending} `));
      await open(page, '/applications?status=lost');
      await page.getByRole('alert').getByRole('link', { name: 'Статус: Выберите статус из списка.' }).waitFor();
      assert.equal(await page.getByLabel('Статус').getAttribute('aria-invalid'), 'true');
      await audit(page, 'the list with a filter error');

      await open(page, '/applications?status=submitted');
      await page.getByRole('link', { name: pending }).click();
      await heading(page, `Заявление № ${pending}`).waitFor();
      await settle(page, mode);
      const thread = page.getByRole('region', { name: 'Переписка с ведомством' });
      await thread.getByText('Сообщений пока нет.').waitFor();
      await page.getByRole('button', { name: 'Отправить сообщение' }).click();
      await assertFieldError(page, {
        label: 'Сообщение (необязательно)',
        summaryLabel: 'Сообщение',
        id: 'body',
        message: 'Напишите сообщение или приложите файл',
      });
      await audit(page, 'the thread form with an error');
      await page.getByLabel('Сообщение (необязательно)').fill('Прикладываю справку с места работы');
      await page.getByLabel('Файлы (необязательно)').setInputFiles(journey.files.validPdf);
      await page.getByRole('button', { name: 'Отправить сообщение' }).click();
      await page.waitForURL(/[?]posted=1/);
      await page.getByRole('status').filter({ hasText: 'Сообщение отправлено.' }).waitFor();
      await thread.getByText('Прикладываю справку с места работы').waitFor();
      assert.equal(await thread.getByRole('link', { name: /\.pdf$/ }).count(), 1, 'the file sent with the message');
      await settle(page, mode);
      await audit(page, 'the thread with a message');
      await page.locator('summary', { hasText: 'Отозвать заявление' }).click();
      await page.getByLabel('Причина отзыва (необязательно)').fill('Подам позже');
      await audit(page, 'the open withdrawal form');
      await page.getByRole('button', { name: 'Подтвердить отзыв' }).click();
      await page.waitForURL('**?withdrawn=1');
      await page.getByRole('status').filter({ hasText: `Заявление № ${pending} отозвано.` }).waitFor();
      await page.getByRole('definition').filter({ hasText: 'Отозвано' }).waitFor();
      const history = await tableRows(page);
      assert.match(history[0], /Отозвано Заявитель Подам позже$/);
      assert.equal(await page.locator('summary', { hasText: 'Отозвать заявление' }).count(), 0, 'withdrawn twice');
      await audit(page, 'the withdrawn application');

      await open(page, '/profile/documents');
      const results = page.getByRole('region', { name: 'Результаты услуг' });
      await results.getByRole('link', { name: `Решение по заявлению ${decided}.pdf` }).waitFor();
      assert.equal(await results.getByRole('listitem').count(), 1, 'decision documents');
      await audit(page, 'the result documents');

      // Fields asked only for some answers say so, because without JavaScript every field
      // shows. With JavaScript such a field shows only while its answer asks for it.
      await open(page, '/services/pension-amount-certificate/apply');
      const postalHint = page.getByText(
        'Заполните, только если в вопросе «Как получить справку» ответили «На бумаге по почте»',
      );
      if (javaScript) {
        await postalHint.waitFor({ state: 'hidden' });
        await page.getByRole('radio', { name: 'На бумаге по почте' }).check();
        await postalHint.waitFor();
        // Asked now, the field is required: its label carries no "(необязательно)".
        await page.getByLabel('Почтовый адрес', { exact: true }).waitFor();
        await audit(page, 'a form with a conditional field asked');
        await page.getByRole('radio', { name: 'В личный кабинет в электронном виде' }).check();
        await postalHint.waitFor({ state: 'hidden' });
      } else {
        await postalHint.waitFor();
      }
      await audit(page, 'a form with conditional fields');
      await open(page, '/services/driving-licence-replacement/apply');
      const reasons = page.getByRole('group', { name: 'Причины замены (можно выбрать несколько)' });
      assert.equal(await reasons.getByRole('checkbox').count(), 4, 'reasons to choose from');
      await audit(page, 'a form with several choices');
    });
  });
}
