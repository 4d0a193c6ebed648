// The site in resources/ in headless Chromium, served by the runtime image.
//
// run.sh starts three servers, each listening on HTTP and HTTPS, and passes them in the environment:
//   SITE_URL, SITE_HTTPS_URL, SITE_ROOT, SITE_LOG              default download policy
//                                                              (txt,png,jpg,jpeg as attachments)
//   INLINE_URL, INLINE_HTTPS_URL, INLINE_ROOT, INLINE_LOG      started with --downloads '' (everything inline)
//   REDIRECT_URL, REDIRECT_HTTPS_URL, REDIRECT_ROOT, REDIRECT_LOG
//                                                              started with --redirect-http --hsts 60
//   LISTING_URL, LISTING_HTTPS_URL, LISTING_ROOT, LISTING_LOG
//                                                              started with --list-directories
//   TLS_CERT                                                   the servers' (self-signed) certificate, PEM
//   SCREENSHOT_DIR                                             where page screenshots are written
//   CHROMIUM                                                   the browser executable (default /usr/bin/chromium)
//
// The page tests (rendering, images, downloads, the upload form, revalidation, ranges) run over both
// schemes. Chromium is told to accept the servers' self-signed certificate by its key
// (--ignore-certificate-errors-spki-list with the SHA-256 of its SubjectPublicKeyInfo), not to
// ignore certificate errors in general: a certificate with any other key is still refused (the
// last test launches a Chromium without the allow-list and sees the page refused).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile, readdir, stat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (start the tests with run.sh)`);
  return value;
}

function server(prefix) {
  return {
    urls: { http: env(`${prefix}_URL`), https: env(`${prefix}_HTTPS_URL`) },
    root: env(`${prefix}_ROOT`),
    log: env(`${prefix}_LOG`),
  };
}

const servers = { default: server('SITE'), inline: server('INLINE') };
const redirecting = server('REDIRECT');
const listing = server('LISTING');
const SCHEMES = ['http', 'https'];
/** One server as reached over one scheme: its `url` is the base URL for that scheme. */
function over(srv, scheme) {
  return { ...srv, scheme, url: srv.urls[scheme] };
}

// What performance.getEntriesByType('navigation')[0].nextHopProtocol must say for a page fetched
// over HTTPS: the ALPN protocol, HTTP/2 (the server offers h2 first; Chromium takes it).
const HTTPS_PROTOCOL = 'h2';
const NEXT_HOP = { http: 'http/1.1', https: HTTPS_PROTOCOL };
const HSTS_MAX_AGE = 60; // run.sh starts the redirecting server with --hsts 60

const screenshotDir = env('SCREENSHOT_DIR');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const certificate = new X509Certificate(await readFile(env('TLS_CERT')));
// The base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI allow-list wants it.
const spkiHash = createHash('sha256')
  .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

const PAGES = ['index.html', 'about.html', 'contact.html'];
const TEST_TIMEOUT = 30_000;   // per test
const ACTION_TIMEOUT = 10_000; // per browser action or wait

let browser;
let downloadDir;

/** Headless Chromium; `trusted` puts the servers' key on its SPKI allow-list. */
function launch(trusted = true) {
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(trusted ? [`--ignore-certificate-errors-spki-list=${spkiHash}`] : []),
    ],
  });
}

before(async () => {
  browser = await launch();
  downloadDir = await mkdtemp(path.join(tmpdir(), 'site-downloads-'));
  await mkdir(path.join(screenshotDir, 'readme'), { recursive: true });
  await mkdir(path.join(screenshotDir, 'https'), { recursive: true });
});

after(async () => {
  await browser?.close();
  if (downloadDir) await rm(downloadDir, { recursive: true, force: true });
});

/** A fresh context (its own cache and cookies) and page, with everything it loads recorded. */
async function open(server, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: server.url, viewport, acceptDownloads: true });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
  const page = await context.newPage();
  const record = { responses: [], failed: [], errors: [] };
  page.on('response', (response) => record.responses.push(response));
  page.on('requestfailed', (request) => record.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('pageerror', (error) => record.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A page without <link rel=icon> (a stored upload opened in the tab) makes Chromium try
    // /favicon.ico, which the site does not have: not an error of the site.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      record.errors.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  return { context, page, record };
}

async function withPage(server, body, viewport) {
  const { context, page, record } = await open(server, viewport);
  try {
    return await body(page, record);
  } finally {
    await context.close();
  }
}

/** Scrolls through the page so lazy images load, then waits until every <img> is decoded. */
async function waitForImages(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    window.scrollTo(0, document.body.scrollHeight);
  });
  try {
    await page.waitForFunction(
      () => [...document.images].every((img) => img.complete && img.naturalWidth > 0),
      null, { timeout: ACTION_TIMEOUT });
  } catch {
    // Fall through: the assertion below names the images that did not decode.
  }
  const images = await page.evaluate(() => [...document.images].map((img) => ({
    src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
  })));
  await page.evaluate(() => window.scrollTo(0, 0));
  return images;
}

/** Log lines "... request - CLIENT SCHEME METHOD TARGET STATUS ..." written after byte offset `from`. */
async function requestLog(server, from = 0) {
  const text = (await readFile(server.log, 'utf8')).slice(from);
  return text.split('\n')
    .map((line) => / request - \S+ (https?) ([A-Z]+) (\S+) (\d{3}) /.exec(line))
    .filter(Boolean)
    .map(([, scheme, method, target, status]) => ({ scheme, method, target, status: Number(status) }));
}

async function logSize(server) {
  return (await stat(server.log)).size;
}

/** Polls the server log (bounded) until `predicate` holds for the lines written after `from`. */
async function waitForLog(server, from, predicate, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let lines = await requestLog(server, from);
  while (!predicate(lines) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    lines = await requestLog(server, from);
  }
  return lines;
}

function describe(responses) {
  return responses.map((r) => `${r.status()} ${r.request().resourceType()} ${r.url()}`).join('\n');
}

function formatLog(lines) {
  return lines.map((l) => `${l.scheme} ${l.method} ${l.target} ${l.status}`).join('\n');
}

/**
 * The page in the tab came over `scheme` as the browser sees it: location.protocol, the navigation's
 * nextHopProtocol (ALPN over TLS) and, over HTTPS, the TLS session and our certificate.
 */
async function assertTransport(page, response, scheme) {
  const seen = await page.evaluate(() => ({
    protocol: location.protocol,
    nextHop: performance.getEntriesByType('navigation')[0]?.nextHopProtocol,
  }));
  assert.equal(seen.protocol, `${scheme}:`, 'location.protocol');
  assert.equal(seen.nextHop, NEXT_HOP[scheme], 'the navigation\'s nextHopProtocol');
  const details = await response.securityDetails();
  if (scheme === 'https') {
    assert.ok(details, 'the response has TLS security details');
    assert.match(details.protocol, /^TLS 1\.[23]$/, `TLS version ${details.protocol}`);
    assert.equal(details.subjectName, 'localhost', 'the certificate is the one run.sh made');
  } else {
    // Playwright gives null or {} for a response without TLS.
    assert.deepEqual(details ?? {}, {}, 'no TLS over http');
  }
}

/** Navigates to `name` on `server` and checks the scheme it came over. */
async function visit(page, server, name, options) {
  const response = await page.goto(name, options);
  assert.equal(new URL(response.url()).origin, new URL(server.url).origin, 'no redirect to another origin');
  await assertTransport(page, response, server.scheme);
  return response;
}

// --- pages, subresources and images, with both download policies, over both schemes ----------

for (const scheme of SCHEMES) {
  for (const [policy, site] of Object.entries(servers)) {
    const server = over(site, scheme);
    for (const name of PAGES) {
      test(`${name} loads with every subresource 200/304 and every image decoded (${policy} downloads, ${scheme})`,
        { timeout: TEST_TIMEOUT }, () => withPage(server, async (page, record) => {
          const navigation = await visit(page, server, name, { waitUntil: 'load' });
          assert.equal(navigation.status(), 200, `${name} status`);
          assert.match(navigation.headers()['content-type'], /^text\/html; charset=utf-8$/i);
          assert.equal(navigation.headers()['content-disposition'], undefined, 'pages are inline');
          assert.equal(navigation.headers()['strict-transport-security'], undefined, 'no HSTS without --hsts');

          const images = await waitForImages(page);
          assert.ok(images.length > 0, 'the page has images');
          const broken = images.filter((img) => !(img.complete && img.width > 0));
          assert.deepEqual(broken, [], 'every <img> is decoded (naturalWidth > 0)');
          await page.waitForLoadState('networkidle', { timeout: ACTION_TIMEOUT });

          const origin = new URL(server.url).origin;
          const foreign = record.responses.filter((r) => new URL(r.url()).origin !== origin);
          assert.deepEqual(foreign.map((r) => r.url()), [], 'nothing is loaded from another origin');
          // Media elements ask with Range and get 206; everything else must be 200 or 304.
          const bad = record.responses.filter((r) => {
            if (r.status() === 200 || r.status() === 304) return false;
            return !(r.status() === 206 && r.request().resourceType() === 'media');
          });
          assert.equal(bad.length, 0, `unexpected statuses:\n${describe(bad)}`);
          const subresources = record.responses.filter((r) => r.request().resourceType() !== 'document');
          for (const src of images.map((img) => img.src)) {
            assert.ok(subresources.some((r) => r.url() === new URL(src, navigation.url()).href),
              `${src} was fetched from the server`);
          }
          const css = record.responses.find((r) => r.url().endsWith('/site.css'));
          assert.ok(css, 'site.css was fetched');
          assert.match(css.headers()['content-type'], /^text\/css/);
          assert.deepEqual(record.failed, [], 'no request failed');
          assert.deepEqual(record.errors, [], 'no script or console errors');

          if (policy === 'default') {
            // Over http into SCREENSHOT_DIR as before, over https into SCREENSHOT_DIR/https.
            const dir = scheme === 'http' ? screenshotDir : path.join(screenshotDir, scheme);
            const base = name.replace(/\.html$/, '');
            await page.screenshot({ path: path.join(dir, `${base}.png`), fullPage: true });
            if (scheme === 'http' && (base === 'index' || base === 'about')) {
              // small ones for the README: the first screen at 1000 px
              await page.setViewportSize({ width: 1000, height: 760 });
              await waitForImages(page);
              await page.screenshot({ path: path.join(screenshotDir, 'readme', `${base}.png`) });
            }
            await page.setViewportSize({ width: 390, height: 844 });
            await waitForImages(page);
            await page.screenshot({ path: path.join(dir, `${base}-narrow.png`), fullPage: true });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `no horizontal scrolling at 390 px (overflow ${overflow} px)`);
          }
        }));
    }
  }
}

// --- downloads -------------------------------------------------------------------------------

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  for (const file of ['sample.txt', 'logo.png']) {
    test(`a click on ${file} saves it under the server's filename with identical bytes (${scheme})`,
      { timeout: TEST_TIMEOUT }, () => withPage(server, async (page, record) => {
        await visit(page, server, 'index.html');
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: ACTION_TIMEOUT }),
          page.click(`ul.files a[href="${file}"]`),
        ]);
        assert.equal(download.url(), new URL(file, server.url).href, 'downloaded from this scheme\'s origin');
        const response = record.responses.find((r) => r.url() === new URL(file, server.url).href
          && r.request().resourceType() === 'document');
        assert.ok(response, `the navigation to ${file} was answered`);
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-disposition'], `attachment; filename="${file}"`);
        assert.equal(download.suggestedFilename(), file);
        const saved = path.join(downloadDir, `${scheme}-${download.suggestedFilename()}`);
        await download.saveAs(saved);
        assert.equal(await download.failure(), null);
        const [got, want] = await Promise.all([readFile(saved), readFile(path.join(server.root, file))]);
        assert.ok(got.equals(want), `${file}: saved ${got.length} bytes, the document root has ${want.length}`);
        assert.match(page.url(), /\/index\.html$/, 'the page stays where it was');
      }));
  }
}

for (const scheme of SCHEMES) {
  const server = over(servers.inline, scheme);
  test(`with --downloads '' a click on sample.txt shows it inline (${scheme})`, { timeout: TEST_TIMEOUT },
    () => withPage(server, async (page) => {
      await visit(page, server, 'index.html');
      const [response] = await Promise.all([
        page.waitForNavigation({ timeout: ACTION_TIMEOUT }),
        page.click('ul.files a[href="sample.txt"]'),
      ]);
      assert.equal(response.status(), 200);
      assert.equal(response.url(), new URL('sample.txt', server.url).href);
      assert.equal(response.headers()['content-disposition'], undefined);
      assert.match(response.headers()['content-type'], /^text\/plain; charset=utf-8$/i);
      await assertTransport(page, response, scheme);
      const want = await readFile(path.join(server.root, 'sample.txt'), 'utf8');
      assert.equal((await page.innerText('body')).trim(), want.trim());
    }));
}

// --- the upload form -------------------------------------------------------------------------

async function uploads(server) {
  const names = await readdir(path.join(server.root, 'uploads'));
  return names.filter((name) => !name.startsWith('.')).sort();
}

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  test(`the upload form stores typed JSON, answers 201 and links to the stored file (${scheme})`,
    { timeout: TEST_TIMEOUT }, () => withPage(server, async (page, record) => {
      await visit(page, server, 'index.html');
      const from = await logSize(server);
      const typed = `{"from":"the browser test","at":${Date.now()},"text":"caf\u00e9 \u2713","list":[1,2,3]}`;
      await page.fill('#json', '');
      await page.locator('#json').pressSequentially(typed, { delay: 0 });
      assert.equal(await page.inputValue('#json'), typed);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/upload') && r.request().method() === 'POST'),
        page.click('#upload'),
      ]);
      assert.equal(answer.status(), 201);
      assert.equal(answer.url(), new URL('upload', server.url).href, 'posted to this scheme\'s origin');
      assert.match(answer.request().headers()['content-type'], /^application\/json/);
      const link = page.locator('#result.ok a.stored-link');
      await link.waitFor({ state: 'visible' });
      const stored = await link.textContent();
      assert.match(stored, /^\/uploads\/upload_\d{8}_\d{6}_[a-z0-9]{4}\.json$/);
      assert.equal(answer.headers().location, stored);
      assert.deepEqual(await answer.json(),
        { status: 'success', message: 'File created successfully', filepath: stored });
      assert.match(await page.textContent('#result'), /^Stored: \/uploads\//);

      const [opened] = await Promise.all([
        page.waitForNavigation({ timeout: ACTION_TIMEOUT }),
        link.click(),
      ]);
      assert.equal(opened.status(), 200);
      assert.equal(new URL(page.url()).pathname, stored);
      assert.match(opened.headers()['content-type'], /^application\/json/);
      assert.equal((await opened.body()).toString('utf8'), typed, 'the stored file is what was typed');
      const onDisk = await readFile(path.join(server.root, stored.slice(1)), 'utf8');
      assert.equal(onDisk, typed, 'the file in the upload folder holds exactly the typed bytes');
      assert.deepEqual(record.errors, []);
      const lines = await waitForLog(server, from, (all) => all.some((l) => l.target === stored));
      const post = lines.find((l) => l.method === 'POST' && l.target === '/upload');
      assert.deepEqual(post, { scheme, method: 'POST', target: '/upload', status: 201 },
        `the server logged the upload over ${scheme}:\n${formatLog(lines)}`);
    }));
}

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  test(`the upload form shows the 400 error page message for invalid JSON (${scheme})`,
    { timeout: TEST_TIMEOUT }, () => withPage(server, async (page) => {
      await visit(page, server, 'index.html');
      const before = await uploads(server);
      await page.fill('#json', '{"title": "broken", "count": 3,');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/upload') && r.request().method() === 'POST'),
        page.click('#upload'),
      ]);
      assert.equal(answer.status(), 400);
      assert.match(answer.headers()['content-type'], /^text\/html/);
      await page.locator('#result.error').waitFor({ state: 'visible' });
      const lines = await page.locator('#result.error p').allTextContents();
      assert.equal(lines[0], '400 Bad Request', 'the error page heading is shown');
      assert.ok(lines.length >= 2 && lines[1].length > 0, 'the error page sentence is shown');
      assert.equal(await page.locator('#result a.stored-link').count(), 0);
      assert.deepEqual(await uploads(server), before, 'nothing was stored');
    }));
}

// --- conditional requests and ranges ---------------------------------------------------------

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  test(`a reload revalidates with conditional requests (304 in the server log) (${scheme})`,
    { timeout: TEST_TIMEOUT }, (t) => withPage(server, async (page, record) => {
      await visit(page, server, 'index.html', { waitUntil: 'load' });
      await waitForImages(page);
      await page.waitForLoadState('networkidle');
      const from = await logSize(server);
      record.responses.length = 0;
      const reloaded = await page.reload({ waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const lines = await waitForLog(server, from,
        (all) => all.some((l) => l.target === '/index.html' && l.status === 304));
      const notModified = lines.filter((l) => l.status === 304);
      assert.ok(notModified.some((l) => l.target === '/index.html'),
        `the server answered the reload of /index.html with 304; log after reload:\n${formatLog(lines)}`);
      // Chromium reports a revalidated resource with the status of the cached 200, so the
      // server log is the witness of the 304; the request headers show that it was conditional.
      assert.ok([200, 304].includes(reloaded.status()), `reload status ${reloaded.status()}`);
      assert.ok(lines.every((l) => l.status === 304), `the reload re-sent nothing in full:\n${formatLog(lines)}`);
      assert.ok(lines.every((l) => l.scheme === scheme), `the reload came over ${scheme}:\n${formatLog(lines)}`);
      const doc = record.responses.find((r) => r.request().resourceType() === 'document');
      const sent = await doc.request().allHeaders();
      assert.ok(sent['if-none-match'] || sent['if-modified-since'],
        `the reload of the page was conditional: ${JSON.stringify(sent)}`);
      const images = await page.evaluate(() => [...document.images].every((i) => i.naturalWidth > 0));
      assert.ok(images, 'images still shown after the reload');
      t.diagnostic(`reload: server log ${lines.map((l) => `${l.target} ${l.status}`).join(', ')}; `
        + `Chromium reported ${reloaded.status()} for the page`);
    }));
}

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  test(`the <audio> on about.html seeks, and media is fetched with Range (206) (${scheme})`,
    { timeout: TEST_TIMEOUT }, (t) => withPage(server, async (page, record) => {
      const from = await logSize(server);
      const mediaRequests = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/media/tone.wav')) mediaRequests.push(request);
      });
      await visit(page, server, 'about.html', { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('audio').readyState >= 1, null,
        { timeout: ACTION_TIMEOUT });
      const seek = await page.evaluate(async () => {
        const audio = document.querySelector('audio');
        audio.muted = true;
        const target = audio.duration / 2;
        const seeked = new Promise((resolve, reject) => {
          audio.addEventListener('seeked', resolve, { once: true });
          audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
          setTimeout(() => reject(new Error('no seeked event within 5 s')), 5_000);
        });
        audio.currentTime = target;
        await seeked;
        await audio.play();
        await new Promise((resolve) => setTimeout(resolve, 300));
        const now = audio.currentTime;
        audio.pause();
        return { duration: audio.duration, target, now, error: audio.error && audio.error.code };
      });
      assert.ok(Math.abs(seek.duration - 3) < 0.1, `duration ${seek.duration}`);
      assert.ok(seek.now >= seek.target, `playing from the middle: ${JSON.stringify(seek)}`);
      assert.equal(seek.error, null);

      assert.ok(mediaRequests.length > 0, 'the audio element requested media/tone.wav');
      const ranged = [];
      for (const request of mediaRequests) {
        const range = (await request.allHeaders()).range;
        if (range) ranged.push(range);
      }
      assert.ok(ranged.length > 0, 'the media element asked with a Range header');
      const mediaResponses = record.responses.filter((r) => r.url().endsWith('/media/tone.wav'));
      assert.ok(mediaResponses.every((r) => r.status() === 206),
        `media answers: ${mediaResponses.map((r) => r.status()).join(', ')}`);

      // An explicit range from the page, checked byte for byte.
      const file = await readFile(path.join(server.root, 'media/tone.wav'));
      const middle = Math.floor(file.length / 2);
      const part = await page.evaluate(async ([first, last]) => {
        const response = await fetch('media/tone.wav', { headers: { Range: `bytes=${first}-${last}` }, cache: 'no-store' });
        return {
          status: response.status,
          contentRange: response.headers.get('content-range'),
          acceptRanges: response.headers.get('accept-ranges'),
          bytes: [...new Uint8Array(await response.arrayBuffer())],
        };
      }, [middle, middle + 99]);
      assert.equal(part.status, 206);
      assert.equal(part.contentRange, `bytes ${middle}-${middle + 99}/${file.length}`);
      assert.equal(part.acceptRanges, 'bytes');
      assert.ok(Buffer.from(part.bytes).equals(file.subarray(middle, middle + 100)), 'the range holds the right bytes');

      const lines = await waitForLog(server, from,
        (all) => all.filter((l) => l.target === '/media/tone.wav' && l.status === 206).length >= 2);
      const media = lines.filter((l) => l.target === '/media/tone.wav');
      assert.ok(media.every((l) => l.scheme === scheme), `tone.wav came over ${scheme}:\n${formatLog(media)}`);
      const logged = media.map((l) => l.status);
      assert.ok(logged.filter((s) => s === 206).length >= 2, `206 in the server log for tone.wav: ${logged.join(', ')}`);
      t.diagnostic(`Range headers sent by the <audio>: ${ranged.join(' | ')}; server log for tone.wav: ${logged.join(', ')}`);
    }));
}

// --- precompressed variants ------------------------------------------------------------------

/**
 * The coding the server must pick from what Chromium offers: the site has .br, .zst and .gz of its
 * pages, styles and scripts, Chromium weighs every coding it names alike, and ties go to br, then
 * zstd, then gzip.
 */
function expectedCoding(acceptEncoding) {
  const offered = (acceptEncoding ?? '').split(',').map((c) => c.trim().split(';')[0].toLowerCase());
  return ['br', 'zstd', 'gzip'].find((coding) => offered.includes(coding));
}

for (const scheme of SCHEMES) {
  const server = over(servers.default, scheme);
  test(`index.html, site.css and upload.js arrive precompressed, decode to the files and render (${scheme})`,
    { timeout: TEST_TIMEOUT }, (t) => withPage(server, async (page, record) => {
      const navigation = await visit(page, server, 'index.html', { waitUntil: 'load' });
      await page.waitForLoadState('networkidle', { timeout: ACTION_TIMEOUT });
      const asked = (await navigation.request().allHeaders())['accept-encoding'];
      t.diagnostic(`Chromium's Accept-Encoding: ${asked}`);
      const coding = expectedCoding(asked);
      if (scheme === 'https') {
        // Chromium offers br over TLS; the page then comes as the .br variant.
        assert.equal(coding, 'br', `Chromium's Accept-Encoding over https: ${asked}`);
      }
      assert.ok(coding, `Chromium offers a coding the site has a variant in: ${asked}`);
      for (const name of ['index.html', 'site.css', 'upload.js']) {
        const response = record.responses.find((r) => new URL(r.url()).pathname === `/${name}`);
        assert.ok(response, `${name} was fetched`);
        assert.equal(response.status(), 200, name);
        const headers = await response.allHeaders();
        assert.equal(headers['content-encoding'], coding, `${name} Content-Encoding (asked: ${asked})`);
        assert.equal(headers.vary, 'Accept-Encoding', `${name} Vary`);
        assert.match(headers.etag, new RegExp(`-${coding}-[0-9a-f]+"$`), `${name} has the variant's own ETag`);
        const [decoded, file] = await Promise.all([response.body(), readFile(path.join(server.root, name))]);
        assert.ok(decoded.equals(file), `${name}: Chromium decoded ${decoded.length} bytes, the file has ${file.length}`);
      }
      const rendered = await page.evaluate(() => ({
        rules: [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0),
        background: getComputedStyle(document.body).backgroundColor,
        uploadButton: !!document.querySelector('#upload'),
      }));
      assert.ok(rendered.rules > 0, 'the decoded stylesheet applies');
      assert.equal(rendered.background, 'rgb(245, 247, 250)', 'the body has the stylesheet\'s --bg (#f5f7fa)');
      assert.ok(rendered.uploadButton, 'the upload form is there');
      const images = await waitForImages(page);
      assert.deepEqual(images.filter((img) => !(img.complete && img.width > 0)), [], 'every <img> is decoded');
      assert.deepEqual(record.failed, [], 'no request failed');
      assert.deepEqual(record.errors, [], 'no script or console errors');
      await page.screenshot({ path: path.join(screenshotDir, scheme === 'http' ? '' : scheme, 'index-precompressed.png'),
        fullPage: true });
    }));
}

// --- --list-directories under a strict Content-Security-Policy ----------------------------------

// The listing page is served without a CSP of its own (that is another flag's business); the test adds
// the strictest policy a site would set to the document's response, so any inline script or style on
// the page would be refused and reported.
const STRICT_CSP = "default-src 'self'";

/**
 * GET `url` from Node with the browser's request `headers`, trusting only run.sh's certificate (Playwright's own
 * route.fetch would not trust it): status, headers and body, to hand back to the browser with a policy added.
 */
async function fetchTrusting(url, headers) {
  const { request } = await import(url.startsWith('https:') ? 'node:https' : 'node:http');
  const ca = await readFile(env('TLS_CERT'));
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, ca, timeout: ACTION_TIMEOUT }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

for (const scheme of SCHEMES) {
  test(`a folder listing renders under ${STRICT_CSP} with no console errors (${scheme})`,
    { timeout: TEST_TIMEOUT }, () => withPage(over(listing, scheme), async (page, record) => {
      const server = over(listing, scheme);
      await page.addInitScript(() => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation',
          (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
      });
      await page.route('**/media/', async (route) => {
        // The request's own fields, without HTTP/2 pseudo-fields and Host, which Node sets itself.
        const headers = Object.fromEntries(Object.entries(route.request().headers())
          .filter(([name]) => !name.startsWith(':') && name !== 'host'));
        // Not gzip: the fulfilled body is handed over as it arrives (listings are not compressed anyway).
        headers['accept-encoding'] = 'identity';
        const response = await fetchTrusting(route.request().url(), headers);
        await route.fulfill({ status: response.status, body: response.body,
          headers: { ...response.headers, 'content-security-policy': STRICT_CSP } });
      });
      const response = await page.goto('media/', { waitUntil: 'load' });
      assert.equal(response.status(), 200, 'listing status');
      assert.match(response.headers()['content-type'], /^text\/html; charset=utf-8$/i);
      assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the policy was applied');
      assert.equal(await page.title(), 'Index of /media/');
      const links = await page.evaluate(() => [...document.querySelectorAll('a')]
        .map((a) => ({ text: a.textContent, href: a.href })));
      const base = new URL('media/', server.url).href;
      assert.deepEqual(links, [
        { text: 'Parent folder', href: new URL('/', server.url).href },
        { text: 'café 日本.txt', href: new URL('caf%C3%A9%20%E6%97%A5%E6%9C%AC.txt', base).href },
        { text: 'fish & chips <b>.txt', href: new URL('fish%20&%20chips%20%3Cb%3E.txt', base).href },
        { text: 'tone.wav', href: new URL('tone.wav', base).href },
      ], 'entries in order, names as text, hidden files left out');
      const inline = await page.evaluate(() => document.querySelectorAll('script, style, link, [style]').length);
      assert.equal(inline, 0, 'no script or style, inline or linked');
      assert.equal(await page.locator('b').count(), 0, 'a name\'s markup is text, not an element');
      assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violations');
      assert.deepEqual(record.failed, [], 'no request failed');
      assert.deepEqual(record.errors, [], 'no script or console errors');
      const wav = await page.evaluate((href) => fetch(href).then((r) => r.status), links[3].href);
      assert.equal(wav, 200, 'a listed file is served (fetched by the page, as the policy allows)');
      await page.screenshot({ path: path.join(screenshotDir, scheme === 'http' ? '' : scheme, 'listing.png'),
        fullPage: true });
    }));
}

// --- --redirect-http and --hsts ---------------------------------------------------------------

test('with --redirect-http a navigation to the http URL ends on the https URL and renders the page',
  { timeout: TEST_TIMEOUT }, () => withPage(over(redirecting, 'http'), async (page, record) => {
    const https = over(redirecting, 'https');
    const from = await logSize(redirecting);
    const target = 'about.html?from=cleartext';
    const response = await page.goto(new URL(target, redirecting.urls.http).href, { waitUntil: 'load' });
    assert.equal(page.url(), new URL(target, https.url).href, 'the tab ends on the https URL, query kept');
    assert.equal(response.url(), page.url());
    assert.equal(response.status(), 200);
    const hop = response.request().redirectedFrom();
    assert.ok(hop, 'the navigation was redirected');
    assert.equal(hop.url(), new URL(target, redirecting.urls.http).href);
    const redirect = await hop.response();
    assert.equal(redirect.status(), 308);
    assert.equal(redirect.headers().location, new URL(target, https.url).href);
    assert.equal(redirect.headers()['strict-transport-security'], undefined, 'no HSTS over cleartext');
    await assertTransport(page, response, 'https');

    assert.match(await page.title(), /\S/, 'the page has a title');
    assert.ok((await page.locator('h1').first().innerText()).trim().length > 0, 'the heading is rendered');
    const images = await waitForImages(page);
    assert.ok(images.length > 0, 'the page has images');
    assert.deepEqual(images.filter((img) => !(img.complete && img.width > 0)), [], 'every <img> is decoded');
    await page.waitForLoadState('networkidle', { timeout: ACTION_TIMEOUT });
    const after = record.responses.filter((r) => r.url() !== hop.url());
    assert.deepEqual(after.filter((r) => new URL(r.url()).origin !== new URL(https.url).origin).map((r) => r.url()),
      [], 'after the redirect everything comes from the https origin');
    assert.deepEqual(record.failed, [], 'no request failed');
    assert.deepEqual(record.errors, [], 'no script or console errors');

    const lines = await waitForLog(redirecting, from, (all) => all.some((l) => l.scheme === 'https'));
    assert.deepEqual(lines.filter((l) => l.scheme === 'http'),
      [{ scheme: 'http', method: 'GET', target: `/${target}`, status: 308 }],
      `the cleartext listener answered only the first request, with 308:\n${formatLog(lines)}`);
  }));

test('with --hsts 60 the HTTPS responses carry strict-transport-security',
  { timeout: TEST_TIMEOUT }, (t) => withPage(over(redirecting, 'https'), async (page, record) => {
    const https = over(redirecting, 'https');
    const from = await logSize(redirecting);
    const response = await visit(page, https, 'index.html', { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    const want = new RegExp(`^max-age=${HSTS_MAX_AGE}$`);
    assert.match(response.headers()['strict-transport-security'] ?? '(none)', want, 'HSTS on the page');
    await waitForImages(page);
    await page.waitForLoadState('networkidle', { timeout: ACTION_TIMEOUT });

    // Every response the server sent (its log) reached the browser with the header. Chromium also
    // reports its favicon fetch of logo.png (resource type "other"), answered from its own cache
    // without the header; the server log shows that it never asked the server for it.
    const withHsts = new Set(record.responses
      .filter((r) => want.test(r.headers()['strict-transport-security'] ?? ''))
      .map((r) => new URL(r.url()).pathname));
    const lines = await waitForLog(redirecting, from, (all) => all.some((l) => l.target === '/banner.png'));
    assert.ok(lines.length >= 5, `the page and its subresources were served:\n${formatLog(lines)}`);
    assert.ok(lines.every((l) => l.scheme === 'https'), `all over https:\n${formatLog(lines)}`);
    const missing = lines.filter((l) => !withHsts.has(l.target));
    assert.deepEqual(missing, [], 'HSTS on every response the server sent');
    const others = record.responses.filter((r) => !want.test(r.headers()['strict-transport-security'] ?? ''));
    t.diagnostic(`${withHsts.size} resources with strict-transport-security: max-age=${HSTS_MAX_AGE}; without it `
      + `(not from the server): ${others.map((r) => `${r.request().resourceType()} ${r.url()}`).join(', ') || 'none'}`);
  }));

// --- the certificate -------------------------------------------------------------------------

test('a Chromium without the key on its allow-list refuses the HTTPS page (the trust is that one key)',
  { timeout: TEST_TIMEOUT }, async () => {
    const untrusting = await launch(false);
    try {
      const context = await untrusting.newContext();
      const page = await context.newPage();
      await assert.rejects(page.goto(new URL('index.html', servers.default.urls.https).href, { timeout: ACTION_TIMEOUT }),
        /net::ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }
  });
