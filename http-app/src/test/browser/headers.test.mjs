// Response headers in headless Chromium, served by the runtime image.
//
// run.sh starts these servers besides the ones site.test.mjs uses, and passes them in the environment:
//   SECURE_URL, SECURE_HTTPS_URL, SECURE_ROOT, SECURE_LOG     the site with --security-headers --cache-control static
//   CORS_PAGE_URL, CORS_PAGE_ROOT                             a default server whose root also holds cors.html and
//                                                             cors.js (the page whose script uploads cross-origin)
//   CORS_ALLOWED_URL, CORS_ALLOWED_ROOT, CORS_ALLOWED_LOG     started with --cors <the page server's origin>
//   CORS_NONE_URL, CORS_NONE_ROOT, CORS_NONE_LOG              started without --cors
//   TLS_CERT                                                  the servers' (self-signed) certificate, PEM
//   CHROMIUM                                                  the browser executable (default /usr/bin/chromium)
//
// The site's pages, its upload form and an error page must work under the CSP of --security-headers
// (default-src 'self'): no console error and no securitypolicyviolation event. A page on one port
// uploads with fetch to another port: with --cors naming its origin the preflight passes and the
// script reads the 201; without it the browser refuses the answer and the fetch fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (start the tests with run.sh)`);
  return value;
}

const secure = { urls: { http: env('SECURE_URL'), https: env('SECURE_HTTPS_URL') }, root: env('SECURE_ROOT') };
const corsPage = { url: env('CORS_PAGE_URL'), root: env('CORS_PAGE_ROOT') };
const corsAllowed = { url: env('CORS_ALLOWED_URL'), root: env('CORS_ALLOWED_ROOT'), log: env('CORS_ALLOWED_LOG') };
const corsNone = { url: env('CORS_NONE_URL'), root: env('CORS_NONE_ROOT'), log: env('CORS_NONE_LOG') };
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const certificate = new X509Certificate(await readFile(env('TLS_CERT')));
const spkiHash = createHash('sha256')
  .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

const PAGES = ['index.html', 'about.html', 'contact.html'];
const SCHEMES = ['http', 'https'];
const CSP = "default-src 'self'";
const TEST_TIMEOUT = 30_000;
const ACTION_TIMEOUT = 10_000;

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ignore-certificate-errors-spki-list=${spkiHash}`,
    ],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * A fresh context and page on `baseURL`, recording responses, console errors, page errors and every
 * securitypolicyviolation event the page's document sees.
 */
async function withPage(baseURL, body) {
  const context = await browser.newContext({ baseURL });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const record = { responses: [], errors: [] };
  page.on('response', (response) => record.responses.push(response));
  page.on('pageerror', (error) => record.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A page without <link rel=icon> (cors.html) makes Chromium try /favicon.ico, which no root has.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      record.errors.push(`console error: ${message.text()}`);
    }
  });
  try {
    return await body(page, record);
  } finally {
    await context.close();
  }
}

async function violations(page) {
  return page.evaluate(() => window.__violations);
}

async function uploads(root) {
  return (await readdir(path.join(root, 'uploads'))).filter((name) => !name.startsWith('.')).sort();
}

// --- the site under --security-headers --------------------------------------------------------

for (const scheme of SCHEMES) {
  const base = secure.urls[scheme];
  for (const name of PAGES) {
    test(`${name} works under the CSP of --security-headers (${scheme})`, { timeout: TEST_TIMEOUT },
      () => withPage(base, async (page, record) => {
        const navigation = await page.goto(name, { waitUntil: 'load' });
        assert.equal(navigation.status(), 200);
        const headers = navigation.headers();
        assert.equal(headers['content-security-policy'], CSP);
        assert.equal(headers['x-frame-options'], 'DENY');
        assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin');
        assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
        assert.equal(headers['x-content-type-options'], 'nosniff');
        assert.equal(headers['cache-control'], 'no-cache', 'HTML is revalidated');
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((resolve) => requestAnimationFrame(resolve));
          }
        });
        await page.waitForLoadState('networkidle', { timeout: ACTION_TIMEOUT });
        const images = await page.evaluate(() => [...document.images].map((img) => img.complete && img.naturalWidth > 0));
        assert.ok(images.length > 0 && images.every(Boolean), 'every image decoded');
        const css = record.responses.find((r) => r.url().endsWith('/site.css'));
        assert.ok(css, 'site.css was fetched');
        assert.equal(css.headers()['cache-control'], 'public, max-age=3600');
        assert.equal(css.headers()['content-security-policy'], undefined, 'CSP goes on HTML only');
        assert.ok(await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.cssRules.length > 0)),
          'the stylesheet applies');
        assert.deepEqual(await violations(page), [], 'no CSP violation');
        assert.deepEqual(record.errors, [], 'no script or console errors');
      }));
  }

  test(`the upload form uploads under the CSP of --security-headers (${scheme})`, { timeout: TEST_TIMEOUT },
    () => withPage(base, async (page, record) => {
      await page.goto('index.html', { waitUntil: 'load' });
      const before = await uploads(secure.root);
      const typed = `{"under":"csp","at":${Date.now()}}`;
      await page.fill('#json', typed);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/upload') && r.request().method() === 'POST'),
        page.click('#upload'),
      ]);
      assert.equal(answer.status(), 201);
      assert.equal(answer.headers()['cache-control'], 'no-store', 'an upload\'s answer is never stored');
      const link = page.locator('#result.ok a.stored-link');
      await link.waitFor({ state: 'visible' });
      const stored = await link.textContent();
      assert.equal(await readFile(path.join(secure.root, stored.slice(1)), 'utf8'), typed);
      assert.equal((await uploads(secure.root)).length, before.length + 1);

      // The error path of the form: the 400 page is parsed and shown with a style set by script.
      await page.fill('#json', '{"broken": ');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/upload') && r.status() === 400),
        page.click('#upload'),
      ]);
      await page.locator('#result.error').waitFor({ state: 'visible' });
      assert.match(await page.textContent('#result'), /400 Bad Request/);
      assert.equal(await page.evaluate(() => document.querySelector('#result p').style.fontWeight), '700');
      assert.deepEqual(await violations(page), [], 'no CSP violation');
      // The 400 itself is reported by Chromium as a failed resource load; nothing else may be.
      assert.deepEqual(record.errors.filter((e) => !/status of 400/.test(e)), [], 'no script or console errors');
    }));

  test(`an error page renders under the CSP of --security-headers (${scheme})`, { timeout: TEST_TIMEOUT },
    () => withPage(base, async (page, record) => {
      const response = await page.goto('missing.html');
      assert.equal(response.status(), 404);
      assert.equal(response.headers()['content-security-policy'], CSP);
      assert.equal(response.headers()['cache-control'], 'no-store');
      assert.equal(await page.textContent('h1'), '404 Not Found');
      assert.deepEqual(await violations(page), [], 'no CSP violation');
      assert.deepEqual(record.errors.filter((e) => !/status of 404/.test(e)), [], 'no script or console errors');
    }));
}

// --- a cross-origin upload --------------------------------------------------------------------

/** Opens cors.html on the page server with `target` as the upload URL; the outcome the script recorded. */
async function crossOriginUpload(target) {
  return withPage(corsPage.url, async (page, record) => {
    const requests = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto(`cors.html?target=${encodeURIComponent(target)}`);
    await page.locator('#outcome[data-status]').waitFor({ state: 'attached' });
    const outcome = await page.evaluate(() => ({ ...document.getElementById('outcome').dataset }));
    return { outcome, errors: record.errors, requests };
  });
}

/** The server's request log lines "METHOD TARGET STATUS", all of them. */
async function logLines(server) {
  const text = await readFile(server.log, 'utf8');
  return text.split('\n')
    .map((line) => / request - \S+ https? ([A-Z]+) (\S+) (\d{3}) /.exec(line))
    .filter(Boolean)
    .map(([, method, target, status]) => `${method} ${target} ${status}`);
}

async function waitForLine(server, line) {
  const deadline = Date.now() + 5_000;
  let lines = await logLines(server);
  while (!lines.includes(line) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    lines = await logLines(server);
  }
  return lines;
}

test('a page on another port uploads with fetch to a server whose --cors names its origin',
  { timeout: TEST_TIMEOUT }, async () => {
    const before = await uploads(corsAllowed.root);
    const { outcome, errors } = await crossOriginUpload(new URL('upload', corsAllowed.url).href);
    assert.equal(outcome.status, '201', `the script read the answer: ${JSON.stringify(outcome)}`);
    assert.match(outcome.filepath, /^\/uploads\/upload_\d{8}_\d{6}_[a-z0-9]{4}\.json$/);
    assert.equal(outcome.location, outcome.filepath, 'Location is exposed to the script');
    assert.match(outcome.requestId, /^[A-Za-z0-9._-]{1,64}$/, 'X-Request-Id is exposed to the script');
    const stored = await readFile(path.join(corsAllowed.root, outcome.filepath.slice(1)), 'utf8');
    assert.equal(JSON.parse(stored).from, 'the cross-origin test');
    assert.equal((await uploads(corsAllowed.root)).length, before.length + 1);
    assert.deepEqual(errors, [], 'no console errors');
    // The JSON content type is not CORS-safelisted: the browser asked first.
    const lines = await waitForLine(corsAllowed, 'POST /upload 201');
    assert.ok(lines.includes('OPTIONS /upload 204'), `a preflight was answered:\n${lines.join('\n')}`);
  });

test('without --cors the browser refuses the cross-origin answer and the fetch fails',
  { timeout: TEST_TIMEOUT }, async () => {
    const before = await uploads(corsNone.root);
    const { outcome, errors } = await crossOriginUpload(new URL('upload', corsNone.url).href);
    assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
    assert.equal(outcome.error, 'TypeError');
    assert.ok(errors.some((e) => /CORS policy/.test(e)), `Chromium names CORS: ${errors.join('\n')}`);
    const lines = await waitForLine(corsNone, 'OPTIONS /upload 204');
    assert.ok(lines.includes('OPTIONS /upload 204'), `the preflight got today's answer:\n${lines.join('\n')}`);
    assert.ok(!lines.some((l) => l.startsWith('POST /upload')), 'the browser never sent the upload');
    assert.deepEqual(await uploads(corsNone.root), before, 'nothing was stored');
  });
