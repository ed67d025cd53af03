#!/usr/bin/env node
// Opens the server's index page in Debian's chromium (headless, through playwright-core, a fresh profile),
// waits for the live feed and the counters, checks what the page shows, saves a screenshot and prints a
// JSON summary on stdout. Exit 0 when every check passed, 1 with the failed checks on stderr, 2 on an error.
//
//   node index-page.js BASE_URL SCREENSHOT_PNG EXPECTED_LOG_URLS(comma-separated) [DEADLINE_MS]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MIN_FEED_ITEMS = 5;
const DOMAIN = /^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;

const [baseUrl, screenshot, expectedArg, deadlineArg] = process.argv.slice(2);
if (!baseUrl || !screenshot || expectedArg === undefined) {
  process.stderr.write('usage: node index-page.js BASE_URL SCREENSHOT_PNG EXPECTED_LOG_URLS [DEADLINE_MS]\n');
  process.exit(64);
}
const deadlineMs = Number(deadlineArg || 120000);
const expectedLogs = expectedArg.split(',').filter((u) => u.length > 0).sort();
const hostPort = new URL(baseUrl).host;

// Reads what the page shows; runs inside the page.
function readPage() {
  const text = (id) => (document.getElementById(id) || {}).textContent || '';
  const number = (id) => Number(text(id).replace(/[^0-9.]/g, '')) || 0;
  const rows = Array.from(document.querySelectorAll('#logs-body tr.log-row[data-url]'));
  return {
    title: document.title,
    status: text('feed-status').trim(),
    feed: Array.from(document.querySelectorAll('#feed li.feed-item[data-domain]')).map((li) => li.getAttribute('data-domain')),
    processed: number('stat-processed'),
    rate: number('stat-rate'),
    users: number('stat-users'),
    logs: number('stat-logs'),
    logRows: rows.map((tr) => ({ url: tr.getAttribute('data-url'), cells: Array.from(tr.cells).map((td) => td.textContent) })),
    snippets: { python: text('snippet-python'), js: text('snippet-js'), go: text('snippet-go') },
  };
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'certstream-chromium-'));
  const problems = [];
  const pageErrors = [];
  let context;
  try {
    // A persistent context is how playwright takes a user-data-dir of our choosing (a fresh one per run).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 },
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    // A failed request is reported by its response (with its URL); chromium's console line about it adds nothing.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) { pageErrors.push('console: ' + msg.text()); }
    });
    page.on('response', (r) => {
      // The filter check answers 400 on purpose below; every other answer, the icon included, must succeed.
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/filter') { pageErrors.push(`HTTP ${r.status()} for ${r.url()}`); }
    });

    const response = await page.goto(baseUrl + '/', { waitUntil: 'load', timeout: deadlineMs });
    if (!response || response.status() !== 200) {
      problems.push(`GET / answered ${response && response.status()}`);
    }
    try {
      await page.waitForFunction((min) => {
        const n = (id) => Number((document.getElementById(id).textContent || '').replace(/[^0-9.]/g, '')) || 0;
        return document.querySelectorAll('#feed li.feed-item[data-domain]').length >= min
          && n('stat-processed') > 0 && n('stat-rate') > 0 && n('stat-users') > 0 && n('stat-logs') > 0;
      }, MIN_FEED_ITEMS, { timeout: deadlineMs, polling: 250 });
    } catch (err) {
      problems.push(`the feed or the counters did not fill within ${deadlineMs} ms: ${err.message.split('\n')[0]}`);
    }
    const shown = await page.evaluate(readPage);
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });

    check(problems, shown, hostPort, expectedLogs);
    await page.click('button.tab[data-tab="js"]');
    const jsVisible = await page.isVisible('#snippet-js');
    const pythonVisible = await page.isVisible('#snippet-python');
    if (!jsVisible || pythonVisible) {
      problems.push(`the JavaScript tab did not switch snippets (js visible ${jsVisible}, python visible ${pythonVisible})`);
    }
    const filter = await checkFilterBox(page, shown, problems);
    problems.push(...pageErrors.map((e) => 'page error: ' + e));
    process.stdout.write(JSON.stringify({ shown, filter, pageErrors, problems }, null, 1) + '\n');
  } finally {
    if (context) { await context.close(); }
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    process.stderr.write('index page checks failed:\n  ' + problems.join('\n  ') + '\n');
    process.exit(1);
  }
  process.stderr.write(`index page OK: ${summary()}\n`);
}

// The filter box: a filter on the top-level domain of a shown name restarts the feed with only certificates
// that have such a name, shows the URLs for it and puts it in the address; a bad filter shows the server's reason.
async function checkFilterBox(page, shown, problems) {
  const first = shown.feed.find((d) => d.includes('.'));
  if (!first) { problems.push('no domain to build a filter from'); return null; }
  const tld = first.split('.').pop();
  await page.fill('#filter-input', `domain=*.${tld}`);
  await page.click('#filter-apply');
  try {
    await page.waitForFunction(() => document.getElementById('feed-status').textContent.includes('filtered')
      && document.querySelectorAll('#feed li.feed-item[data-domain]').length >= 3, null, { timeout: deadlineMs, polling: 250 });
  } catch (err) {
    problems.push(`the filtered feed did not fill: ${err.message.split('\n')[0]}`);
  }
  const filtered = await page.evaluate(() => ({
    items: Array.from(document.querySelectorAll('#feed li.feed-item[data-domain]'))
      .map((li) => (li.title || li.getAttribute('data-domain')).split('\n')),
    ws: document.getElementById('filter-url-ws').textContent,
    sse: document.getElementById('filter-url-sse').textContent,
    search: location.search,
  }));
  filtered.items.filter((names) => !names.some((d) => d.endsWith('.' + tld)))
    .forEach((names) => problems.push(`a filtered feed item has no name under .${tld}: ${JSON.stringify(names)}`));
  if (!filtered.ws.endsWith(`/?domain=*.${tld}`)) { problems.push(`websocket URL shown: ${filtered.ws}`); }
  if (!filtered.sse.includes(`/events?stream=lite&domain=*.${tld}`)) { problems.push(`SSE URL shown: ${filtered.sse}`); }
  if (filtered.search !== `?domain=*.${tld}`) { problems.push(`the address does not carry the filter: ${filtered.search}`); }
  await page.fill('#filter-input', 'regex=(');
  await page.click('#filter-apply');
  try {
    await page.waitForFunction(() => document.getElementById('filter-error').textContent.includes('RE2'), null,
      { timeout: 30000, polling: 100 });
  } catch (err) {
    problems.push('a bad filter showed no reason');
  }
  filtered.error = await page.evaluate(() => document.getElementById('filter-error').textContent);
  filtered.tld = tld;
  return filtered;
}

let lastShown = null;
function summary() {
  return lastShown ? `${lastShown.feed.length} feed items, processed ${lastShown.processed}, `
    + `rate ${lastShown.rate}/s, ${lastShown.users} users, ${lastShown.logs} logs` : '';
}

function check(problems, shown, host, expected) {
  lastShown = shown;
  const named = shown.feed.filter((d) => d.length > 0);
  if (named.length < MIN_FEED_ITEMS) { problems.push(`only ${named.length} feed items with a domain`); }
  named.filter((d) => !DOMAIN.test(d)).forEach((d) => problems.push(`feed item is not a domain name: ${JSON.stringify(d)}`));
  if (shown.status !== 'live') { problems.push(`#feed-status says ${JSON.stringify(shown.status)}, not "live"`); }
  for (const [lang, code] of Object.entries(shown.snippets)) {
    if (!code.includes(host)) { problems.push(`the ${lang} snippet does not mention ${host}: ${JSON.stringify(code.slice(0, 200))}`); }
  }
  const urls = shown.logRows.map((r) => r.url).sort();
  if (JSON.stringify(urls) !== JSON.stringify(expected)) {
    problems.push(`the log table lists ${JSON.stringify(urls)}, expected ${JSON.stringify(expected)}`);
  }
  if (shown.logs !== expected.length) { problems.push(`#stat-logs shows ${shown.logs}, expected ${expected.length}`); }
  const types = new Set(shown.logRows.map((r) => r.cells[2]));
  ['rfc6962', 'static-ct'].forEach((t) => { if (!types.has(t)) { problems.push(`no ${t} log in the table`); } });
}

main().catch((err) => {
  process.stderr.write(`index-page: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
