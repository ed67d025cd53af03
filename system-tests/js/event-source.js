#!/usr/bin/env node
// An EventSource in Debian's chromium (headless, through playwright-core) on one SSE URL of the server:
// appends every event as a JSON line {"id", "data"} to OUT_FILE until STOP_FILE exists or the deadline
// passes. Exit 0 when stopped by the file (and no page error), 1 on page errors, 3 at the deadline, 2 on an error.
//
//   node event-source.js BASE_URL SSE_PATH OUT_FILE STOP_FILE [DEADLINE_MS]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const [baseUrl, ssePath, outFile, stopFile, deadlineArg] = process.argv.slice(2);
if (!baseUrl || !ssePath || !outFile || !stopFile) {
  process.stderr.write('usage: node event-source.js BASE_URL SSE_PATH OUT_FILE STOP_FILE [DEADLINE_MS]\n');
  process.exit(64);
}
const deadline = Date.now() + Number(deadlineArg || 300000);

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'certstream-es-'));
  const out = fs.openSync(outFile, 'w');
  const errors = [];
  let context;
  let code = 3;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(baseUrl + '/health');
    await page.evaluate((url) => {
      window.received = [];
      window.opened = false;
      const source = new EventSource(url);
      source.onopen = () => { window.opened = true; };
      source.onmessage = (e) => window.received.push({ id: e.lastEventId, data: e.data });
    }, baseUrl + ssePath);
    let count = 0;
    while (Date.now() < deadline) {
      const batch = await page.evaluate(() => window.received.splice(0));
      batch.forEach((e) => fs.writeSync(out, JSON.stringify(e) + '\n'));
      count += batch.length;
      if (fs.existsSync(stopFile)) {
        code = errors.length > 0 ? 1 : 0;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    process.stderr.write(`event-source: ${count} events, page errors: ${JSON.stringify(errors)}\n`);
  } finally {
    if (context) { await context.close(); }
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((err) => {
  process.stderr.write(`event-source: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
