// Accessibility checks with axe-core against WCAG 2.0 and 2.1, levels A and AA.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Formats one line per violation and one indented line per element it was found on. */
function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    at ${node.target.join(' ')}`).join('\n');
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe-core in `page`, which must run scripts, and returns the violations. */
async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) {
    await page.evaluate(axeSource);
  }
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  }, WCAG_TAGS);
}

/**
 * Runs axe-core on a copy of a page whose context has JavaScript disabled. There
 * Chromium fires no timers, even for scripts evaluated through the DevTools protocol,
 * and axe-core needs them. So the page's HTML is served again at the same address to a
 * fresh context with JavaScript on, with a policy that blocks the page's own scripts:
 * the copy renders with the same styles and never hydrates.
 */
async function runAxeOnCopy(page) {
  const html = await page.content();
  const address = new URL(page.url());
  address.hash = '';
  const context = await page.context().browser().newContext({ viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route(
      (url) => url.href === address.href,
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': "script-src 'none'" },
          body: html,
        }),
    );
    await copy.goto(address.href);
    return await runAxe(copy);
  } finally {
    await context.close();
  }
}

/**
 * Runs axe-core on the current page and fails with the list of violations, if any.
 * axe-core is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not block. Pass `javaScript: false` for a page of a
 * context with JavaScript disabled. `label` names the page in the failure message.
 */
export async function checkAccessibility(page, label, { javaScript }) {
  const violations = javaScript ? await runAxe(page) : await runAxeOnCopy(page);
  if (violations.length > 0) {
    assert.fail(
      `axe found ${violations.length} accessibility violation(s) on ${label} (${page.url()}):\n` +
        describeViolations(violations),
    );
  }
}
