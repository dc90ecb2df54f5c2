// Debian's Chromium driven by playwright-core, which brings no browser of its own.

import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Time for one action or wait, in milliseconds. A page of the release build renders in
// well under a second here; the margin is for a loaded CI machine.
const ACTION_TIMEOUT_MS = 15_000;

/** Launches headless Chromium; playwright gives each launch a fresh user-data folder. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Marks the document once the WebAssembly bundle is instantiated. Leptos's hydration
 * script calls `hydrate()` in the promise chain that follows, with no task in between,
 * so any check that runs in a later task finds the page hydrated. Installed as an init
 * script, which the page's Content-Security-Policy does not block.
 */
function markWasmInstantiated() {
  const mark = (promise) =>
    promise.then((result) => {
      window.__kabinetWasmInstantiated = true;
      return result;
    });
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = function (...args) {
    return mark(instantiate.apply(this, args));
  };
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = function (...args) {
      return mark(instantiateStreaming.apply(this, args));
    };
  }
}

/**
 * Creates a browser context for one person: its own cookies, Russian as the browser's
 * language, and JavaScript on or off. With JavaScript on, `errors` collects uncaught exceptions and
 * console errors (a Rust panic in the bundle shows up as one), which a test can assert
 * to be empty.
 */
export async function newPortalContext(browser, { baseUrl, javaScript }) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: javaScript,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  reportPagesWithoutNonce(context);
  const errors = [];
  if (javaScript) {
    await context.addInitScript(markWasmInstantiated);
    context.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame().parentFrame() === null) {
        const headers = response.headers();
        documentResponses.set(request.frame().page(), {
          description:
            `${response.status()} ${request.method()} ${response.url()} ` +
            `content-type=${headers['content-type']} csp=${headers['content-security-policy']}`,
          errors,
          firstError: errors.length,
        });
      }
    });
    context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message} (on ${error.page()?.url()})`));
    context.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const { url } = message.location();
      const isPageStatus = message.text().startsWith('Failed to load resource') && url === message.page()?.url();
      // A page served with an error status, such as 403 or 404, logs one; the tests
      // check those statuses themselves.
      if (!isPageStatus) {
        errors.push(`console: ${message.text()} (${url}, on ${message.page()?.url()})`);
      }
    });
  }
  return { context, errors, javaScript };
}

/**
 * Waits until the page can be used as a person would. With JavaScript on, that is when
 * the current document is hydrated. With it off, the loaded HTML is the whole page.
 * Call it after every full page load, never during a client-side navigation.
 */
export async function settle(page, { javaScript }) {
  if (!javaScript) {
    return;
  }
  try {
    await page.waitForFunction(() => window.__kabinetWasmInstantiated === true);
  } catch (error) {
    // NOTE: two CI runs on a clean clone saw a page of the action history arrive under the
    // restrictive policy of non-page responses (`default-src 'none'`), so its bundle never
    // started. It did not recur in dozens of local runs, nor in an HTTP test rendering 60
    // pages at once. The document's response and state are printed so that the cause can
    // be found, and that document's console errors are set aside with them. Then the page
    // is loaded once more, and a second failure fails the test.
    const load = documentResponses.get(page);
    const setAside = load ? load.errors.splice(load.firstError) : [];
    console.error(
      `the WebAssembly bundle did not start on ${page.url()}: ${await loadState(page)}; ` +
        `its console errors: ${JSON.stringify(setAside)}`,
    );
    await page.reload();
    await page.waitForFunction(() => window.__kabinetWasmInstantiated === true).catch(async (again) => {
      throw new Error(`the WebAssembly bundle did not start after a reload: ${await loadState(page)}`, {
        cause: again,
      });
    });
  }
  // A task boundary, so the promise chain that calls hydrate() has finished.
  await page.evaluate(() => new Promise((resolveTask) => setTimeout(resolveTask, 0)));
}

/**
 * Prints each HTML page that arrives without a nonce in its Content-Security-Policy, with
 * JavaScript on or off. Pages get a policy with a nonce, other responses `default-src
 * 'none'`; CI runs and a manual try have seen a page under the second one, which blocks its
 * stylesheet and bundle. This only prints, so that the next occurrence names its address
 * and headers.
 */
function reportPagesWithoutNonce(context) {
  context.on('response', (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame().parentFrame() !== null) {
      return;
    }
    const headers = response.headers();
    const policy = headers['content-security-policy'] ?? '';
    if ((headers['content-type'] ?? '').startsWith('text/html') && !policy.includes("'nonce-")) {
      console.error(
        `a page without a nonce in its policy: ${response.status()} ${request.method()} ${response.url()} ` +
          `headers=${JSON.stringify(headers)}`,
      );
    }
  });
}

/**
 * The last document each page loaded: its status, address and headers, for the message of
 * a failed load, and where its console errors start in the context's list.
 */
const documentResponses = new WeakMap();

/** Describes how far the current document got: its response, state, scripts and bundle requests. */
async function loadState(page) {
  const response = documentResponses.get(page)?.description ?? 'no response seen';
  return page
    .evaluate(() => {
      const scripts = [...document.scripts].map((script) => script.src || `inline(${script.text.length})`);
      const bundle = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/pkg/'))
        .map((entry) => `${entry.name} ${Math.round(entry.duration)} ms status ${entry.responseStatus}`);
      return JSON.stringify({ readyState: document.readyState, scripts, bundle });
    })
    .then((state) => `${response}; ${state}`)
    .catch((error) => `unavailable (${error.message})`);
}
