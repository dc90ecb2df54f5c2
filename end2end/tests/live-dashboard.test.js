// The start page follows an official's action without a reload: when the official asks
// the citizen for more information, the application moves to "Требуют вашего действия".
// Live updates need JavaScript, so this file runs hydrated only.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility } from '../lib/axe.js';
import { launchBrowser, newPortalContext, settle } from '../lib/browser.js';
import { writeAttachments } from '../lib/files.js';
import { DEMO_CITIZEN_PHONE, DEMO_OFFICIAL_PHONE, DEMO_PASSWORD } from '../lib/journey.js';
import { startServer } from '../lib/server.js';

const mode = { javaScript: true };

async function signIn(page, login) {
  await page.goto('/sign-in');
  await settle(page, mode);
  await page.getByLabel('Телефон, почта или СНИЛС').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/cabinet');
  await settle(page, mode);
}

describe('live start page, hydrated', () => {
  let server;
  let browser;
  let files;
  let citizen;
  let official;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    files = await writeAttachments();
    citizen = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript: true });
    official = await newPortalContext(browser, { baseUrl: server.baseUrl, javaScript: true });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await files?.remove();
  });

  test('an official request moves the application to the top', async () => {
    const page = await citizen.context.newPage();
    await signIn(page, DEMO_CITIZEN_PHONE);
    await page.goto('/services/criminal-record-certificate/apply');
    await settle(page, mode);
    await page.getByLabel('Фамилия', { exact: true }).fill('Иванова');
    await page.getByLabel('Имя', { exact: true }).fill('Анна');
    await page.getByLabel('Дата рождения', { exact: true }).fill('1990-05-17');
    await page.getByLabel('Место рождения', { exact: true }).fill('г. Тверь');
    await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 95');
    await page.getByRole('radio', { name: 'Трудоустройство' }).check();
    await page.getByLabel('Скан паспорта (разворот с фотографией)', { exact: true }).setInputFiles(files.validPdf);
    await page.getByRole('button', { name: 'Отправить заявление' }).click();
    await page.waitForURL('**/applications/*?submitted=1');
    const applicationPath = new URL(page.url()).pathname;
    const number = (await page.getByRole('heading', { level: 1 }).innerText()).match(/\d{3}-\d{3}-\d{4}/)[0];

    await page.goto('/cabinet');
    await settle(page, mode);
    const processing = page.getByRole('region', { name: /^На рассмотрении: / });
    await processing.getByRole('link', { name: number }).waitFor();
    assert.equal(await page.getByRole('region', { name: /^Требуют вашего действия: / }).count(), 0);

    const desk = await official.context.newPage();
    await signIn(desk, DEMO_OFFICIAL_PHONE);
    await desk.goto(`/official${applicationPath}`);
    await settle(desk, mode);
    await desk.getByRole('button', { name: 'Взять в работу' }).click();
    const newStatus = desk.getByRole('group', { name: 'Новый статус' });
    await newStatus.waitFor();
    await newStatus.getByRole('radio', { name: 'Требуется действие' }).check();
    await desk.getByLabel('Комментарий для заявителя (необязательно)', { exact: true }).fill('Приложите скан второй страницы');
    await desk.getByRole('button', { name: 'Сохранить решение' }).click();
    await desk.getByRole('definition').filter({ hasText: 'Требуется действие' }).waitFor();

    // The citizen's page was not reloaded: the stream's new unread count loads the groups.
    const waiting = page.getByRole('region', { name: /^Требуют вашего действия: / });
    await waiting.getByRole('link', { name: number }).waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).pathname, '/cabinet');
    await checkAccessibility(page, 'the start page after a live update', mode);
    assert.deepEqual(citizen.errors, [], 'errors in the browser console');
  });
});
