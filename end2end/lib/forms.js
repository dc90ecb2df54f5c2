// Checks of the portal's form pattern: each error next to its field and in a summary at
// the top of the form that links to the field.

import assert from 'node:assert/strict';

/** Returns the summary of problems at the top of a form. */
export function errorSummary(page) {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Исправьте ошибки' }) });
}

/**
 * Checks that the field labelled `label` shows `message` as its error: the input is
 * marked aria-invalid, the message is inside the field's block and in the input's
 * accessible description, and the error summary links to the input by its id. The
 * summary names the field `summaryLabel`, which is the label without "(необязательно)".
 * Waits for the summary link first, so it also works right after a submit.
 */
export async function assertFieldError(page, { label, message, id, summaryLabel = label }) {
  const summaryLink = errorSummary(page).getByRole('link', { name: `${summaryLabel}: ${message}` });
  await summaryLink.waitFor();
  assert.equal(await summaryLink.getAttribute('href'), `#${id}`, `summary link of "${label}"`);

  const input = page.getByLabel(label, { exact: true });
  assert.equal(await input.getAttribute('id'), id, `id of the input labelled "${label}"`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `aria-invalid of "${label}"`);

  const block = page.locator('div.field', { has: input });
  assert.match(await block.innerText(), new RegExp(escapeRegExp(message)), `error text in the block of "${label}"`);

  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const descriptions = [];
  for (const describingId of describedBy.split(' ').filter(Boolean)) {
    descriptions.push(await page.locator(`[id="${describingId}"]`).innerText());
  }
  assert.ok(
    descriptions.some((text) => text.includes(message)),
    `the accessible description of "${label}" (${JSON.stringify(descriptions)}) lacks "${message}"`,
  );
}

/** Checks that the field labelled `label` shows no error. */
export async function assertNoFieldError(page, label) {
  const input = page.getByLabel(label, { exact: true });
  assert.equal(await input.getAttribute('aria-invalid'), null, `aria-invalid of "${label}"`);
}

/** Checks the value of each input, by exact label. */
export async function assertValues(page, expected) {
  for (const [label, value] of Object.entries(expected)) {
    assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, `value of "${label}"`);
  }
}

/** Fills each input, by exact label. */
export async function fillFields(page, values) {
  for (const [label, value] of Object.entries(values)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
