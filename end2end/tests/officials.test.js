// The officials' workspace, hydrated and with JavaScript off: taking applications in bulk
// from the queue, giving one back, a refusal that needs a ground from the list, the head
// of the department handing an application to a colleague, and a completion with a
// result document that the applicant finds among their documents, and a request for
// action that the applicant answers by correcting the answers. Every page state is
// checked with axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { writeAttachments } from '../lib/files.js';
import { assertFieldError, errorSummary } from '../lib/forms.js';
import { DEMO_CITIZEN_PHONE, DEMO_OFFICIAL_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const DEMO_HEAD_PHONE = '+7 999 000-00-05';
const OFFICIAL_NAME = 'Петров Сергей Николаевич';

async function signIn(page, login, mode) {
  await page.goto('/sign-in');
  await settle(page, mode);
  await page.getByLabel('Телефон, почта или СНИЛС').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/cabinet');
  await settle(page, mode);
}

async function open(page, path, mode) {
  await page.goto(path);
  await settle(page, mode);
}

/** Submits a criminal record certificate and returns its number and page. */
async function apply(page, files, mode) {
  await open(page, '/services/criminal-record-certificate/apply', mode);
  await page.getByLabel('Фамилия', { exact: true }).fill('Иванова');
  await page.getByLabel('Имя', { exact: true }).fill('Алёна');
  await page.getByLabel('Дата рождения', { exact: true }).fill('1990-05-17');
  await page.getByLabel('Место рождения', { exact: true }).fill('г. Тверь');
  await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 95');
  await page.getByRole('radio', { name: 'Трудоустройство' }).check();
  await page.getByLabel('Скан паспорта (разворот с фотографией)', { exact: true }).setInputFiles(files.validPdf);
  await page.getByRole('button', { name: 'Отправить заявление' }).click();
  await page.waitForURL('**/applications/*?submitted=1');
  const path = new URL(page.url()).pathname;
  const number = (await page.getByRole('heading', { level: 1 }).innerText()).match(/\d{3}-\d{3}-\d{4}/)[0];
  return { number, path: `/official${path}` };
}

/** Returns the text of each row of the status history, newest first. */
async function historyRows(page) {
  const table = page.getByRole('region', { name: 'История статусов' });
  return (await table.locator('tbody tr').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

for (const javaScript of [true, false]) {
  const mode = { javaScript };
  const label = javaScript ? 'hydrated' : 'without JavaScript';

  describe(`officials' workspace, ${label}`, () => {
    let server;
    let browser;
    let files;
    let sessions = [];

    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
      files = await writeAttachments();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      await files?.remove();
    });

    async function session() {
      const portal = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript });
      sessions.push(portal);
      return portal.context.newPage();
    }

    test('queue, bulk take, return, refusal and hand-over', async () => {
      const citizen = await session();
      await signIn(citizen, DEMO_CITIZEN_PHONE, mode);
      const first = await apply(citizen, files, mode);
      const second = await apply(citizen, files, mode);

      // Bulk take from the untaken ones.
      const desk = await session();
      await signIn(desk, DEMO_OFFICIAL_PHONE, mode);
      await open(desk, '/official?assignee=nobody', mode);
      await desk.getByRole('heading', { name: 'Очередь заявлений', level: 1 }).waitFor();
      assert.equal(await desk.getByLabel('Исполнитель').inputValue(), 'nobody');
      await checkAccessibility(desk, 'the queue of untaken applications', mode);
      await desk.getByLabel(`Отметить заявление № ${first.number}`).check();
      await desk.getByLabel(`Отметить заявление № ${second.number}`).check();
      await desk.getByRole('button', { name: 'Взять в работу', exact: true }).click();
      await desk.getByText('Взято в работу заявлений: 2').waitFor();
      await settle(desk, mode);
      assert.equal(new URL(desk.url()).search, '?assignee=nobody', 'the queue keeps its filter');
      await checkAccessibility(desk, 'the queue after a bulk take', mode);

      // Taking one of them again fails and names it.
      await open(desk, '/official?assignee=mine', mode);
      await desk.getByLabel(`Отметить заявление № ${first.number}`).check();
      await desk.getByRole('button', { name: 'Взять в работу', exact: true }).click();
      const summary = errorSummary(desk);
      await summary.getByRole('link', { name: 'Выполнено для 0, не выполнено для 1' }).waitFor();
      await summary
        .getByRole('link', { name: `№ ${first.number}: Заявление уже взял в работу другой сотрудник` })
        .waitFor();
      await settle(desk, mode);
      await checkAccessibility(desk, 'the queue after a failed bulk take', mode);

      // Give the first back to the queue.
      await open(desk, first.path, mode);
      await desk.getByRole('button', { name: 'Вернуть в очередь' }).click();
      await desk.getByText('Заявление возвращено в очередь ведомства.').waitFor();
      await desk.getByRole('button', { name: 'Взять в работу' }).waitFor();
      await settle(desk, mode);
      const returned = await historyRows(desk);
      assert.match(returned[0], new RegExp(`^\\S+ \\S+ Отправлено ${OFFICIAL_NAME}, .*Возвращено в очередь ведомства$`));
      await checkAccessibility(desk, 'the review page of a returned application', mode);

      // A refusal needs its ground from the list.
      await open(desk, second.path, mode);
      const newStatus = desk.getByRole('group', { name: 'Новый статус' });
      await newStatus.getByRole('radio', { name: 'Отказано' }).check();
      await desk.getByLabel('Комментарий для заявителя (необязательно)', { exact: true }).fill('Справка уже выдана');
      await desk.getByRole('button', { name: 'Сохранить решение' }).click();
      await assertFieldError(desk, {
        label: 'Основание отказа',
        id: 'reason',
        message: 'Выберите основание отказа',
      });
      assert.equal(
        await desk.getByLabel('Комментарий для заявителя (необязательно)', { exact: true }).inputValue(),
        'Справка уже выдана',
        'the comment is kept',
      );
      await settle(desk, mode);
      await checkAccessibility(desk, 'the review form without a ground for refusal', mode);
      await newStatus.getByRole('radio', { name: 'Отказано' }).check();
      await desk
        .getByLabel('Основание отказа', { exact: true })
        .selectOption({ label: 'По тому же вопросу уже есть решение или заявление на рассмотрении' });
      await desk.getByRole('button', { name: 'Сохранить решение' }).click();
      await desk.getByRole('definition').filter({ hasText: 'Отказано' }).waitFor();
      await settle(desk, mode);
      const refused = await historyRows(desk);
      assert.match(
        refused[0],
        /Отказано .*Основание отказа: По тому же вопросу уже есть решение или заявление на рассмотрении Справка уже выдана$/,
      );

      // The head hands the returned application to the official.
      const head = await session();
      await signIn(head, DEMO_HEAD_PHONE, mode);
      await open(head, first.path, mode);
      await head.getByLabel('Сотрудник', { exact: true }).selectOption({ label: OFFICIAL_NAME });
      await head.getByLabel('Пояснение для коллеги (необязательно)', { exact: true }).fill('Возьмите, пожалуйста');
      await head.getByRole('button', { name: 'Передать', exact: true }).click();
      await head.getByText('Заявление передано. Сотрудник получил уведомление.').waitFor();
      await head.getByText(`Передано сотруднику: ${OFFICIAL_NAME}`).waitFor();
      await settle(head, mode);
      const handed = await historyRows(head);
      assert.match(handed[0], new RegExp(`В работе .*Передано сотруднику: ${OFFICIAL_NAME} Возьмите, пожалуйста$`));
      await checkAccessibility(head, 'the review page after a hand-over', mode);

      // The notice leads the official to their own page of the application.
      await open(desk, '/notifications', mode);
      await desk.getByText(`Вам передано заявление № ${first.number}`).waitFor();
      await open(desk, first.path.replace('/official', ''), mode);
      assert.equal(new URL(desk.url()).pathname, first.path, "the applicant's address sends the official on");

      // The official completes it with a result document for the applicant.
      await desk.getByRole('group', { name: 'Новый статус' }).getByRole('radio', { name: 'Исполнено' }).check();
      await desk.getByLabel('Документы результата (необязательно)', { exact: true }).setInputFiles(files.validPdf);
      await desk.getByRole('button', { name: 'Сохранить решение' }).click();
      await desk.getByRole('status').filter({ hasText: 'Решение сохранено. Заявитель получил уведомление.' }).waitFor();
      await desk.getByRole('definition').filter({ hasText: 'Исполнено' }).waitFor();
      await settle(desk, mode);
      const attached = desk.getByRole('link', { name: 'passport.pdf' });
      await attached.nth(1).waitFor();
      assert.equal(await attached.count(), 2, 'the passport scan and the result document');
      await desk.getByText('Документ результата').waitFor();
      await checkAccessibility(desk, 'the review page of a completed application', mode);
      await open(citizen, '/profile/documents', mode);
      const results = citizen.getByRole('region', { name: 'Результаты услуг' });
      await results.getByRole('link', { name: 'passport.pdf' }).waitFor();
      await results.getByRole('link', { name: `Решение по заявлению ${first.number}.pdf` }).waitFor();

      for (const portal of sessions) {
        assert.deepEqual(portal.errors, [], 'errors in the browser console');
      }
    });

    test('a request for action answered by corrected answers', async () => {
      const citizen = await session();
      await signIn(citizen, DEMO_CITIZEN_PHONE, mode);
      const application = await apply(citizen, files, mode);

      const desk = await session();
      await signIn(desk, DEMO_OFFICIAL_PHONE, mode);
      await open(desk, application.path, mode);
      await desk.getByRole('button', { name: 'Взять в работу' }).click();
      const newStatus = desk.getByRole('group', { name: 'Новый статус' });
      await newStatus.getByRole('radio', { name: 'Требуется действие' }).check();
      await desk
        .getByLabel('Комментарий для заявителя (необязательно)', { exact: true })
        .fill('Укажите место рождения, как в паспорте');
      await desk.getByRole('button', { name: 'Сохранить решение' }).click();
      await desk.getByRole('definition').filter({ hasText: 'Требуется действие' }).waitFor();

      // The applicant corrects the answers; a bad date comes back on its field.
      await open(citizen, application.path.replace('/official', ''), mode);
      await citizen.getByRole('link', { name: 'Исправить ответы' }).click();
      await citizen.getByRole('heading', { level: 1, name: `Исправление заявления № ${application.number}` }).waitFor();
      await settle(citizen, mode);
      await citizen.getByText('Укажите место рождения, как в паспорте').waitFor();
      assert.equal(await citizen.getByLabel('Место рождения', { exact: true }).inputValue(), 'г. Тверь');
      assert.equal(await citizen.getByLabel('Дата рождения', { exact: true }).inputValue(), '1990-05-17');
      await checkAccessibility(citizen, 'the correction form', mode);
      await citizen.getByLabel('Место рождения', { exact: true }).fill('г. Тверь, Тверская область');
      await citizen.getByLabel('Дата рождения', { exact: true }).fill('2090-05-17');
      await citizen.getByRole('button', { name: 'Отправить исправленное заявление' }).click();
      await assertFieldError(citizen, {
        label: 'Дата рождения',
        id: 'birth_date',
        message: 'Эта дата ещё не наступила. Проверьте год',
      });
      assert.equal(
        await citizen.getByLabel('Место рождения', { exact: true }).inputValue(),
        'г. Тверь, Тверская область',
        'the corrected answer is kept',
      );
      await settle(citizen, mode);
      await checkAccessibility(citizen, 'the correction form with an error', mode);
      await citizen.getByLabel('Дата рождения', { exact: true }).fill('1990-05-17');
      await citizen.getByRole('button', { name: 'Отправить исправленное заявление' }).click();
      await citizen.getByText('Ответы исправлены, заявление снова в работе у ведомства.').waitFor();
      await citizen.getByRole('definition').filter({ hasText: 'В работе' }).waitFor();
      await settle(citizen, mode);

      // The official sees what changed.
      await open(desk, application.path, mode);
      const changes = desk.getByRole('region', { name: /^Версия 2 от / });
      await changes.waitFor();
      const rows = (await changes.locator('tbody tr').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
      assert.deepEqual(rows, ['Место рождения г. Тверь г. Тверь, Тверская область']);
      const history = await historyRows(desk);
      assert.match(history[0], /^\S+ \S+ В работе Заявитель Заявитель исправил ответы$/);
      await checkAccessibility(desk, 'the review page with a correction', mode);

      for (const portal of sessions) {
        assert.deepEqual(portal.errors, [], 'errors in the browser console');
      }
    });
  });
}
