#!/usr/bin/env node
// Follows a certstream server with CaliDog's own JS client (the npm package `certstream`, unchanged) and
// writes every message its callback receives as one JSON line to OUT_FILE. Exits 0 once WANTED
// certificate_update messages arrived, 3 at the deadline, 2 on an error (the reason on stderr).
//
//   node certstream-client.js URL WANTED OUT_FILE [DEADLINE_MS]
'use strict';

const fs = require('fs');
const CertStreamClient = require('certstream');

const [url, wantedArg, outFile, deadlineArg] = process.argv.slice(2);
if (!url || !wantedArg || !outFile) {
  process.stderr.write('usage: node certstream-client.js URL WANTED OUT_FILE [DEADLINE_MS]\n');
  process.exit(64);
}
const wanted = Number(wantedArg);
const deadlineMs = Number(deadlineArg || 120000);
const out = fs.openSync(outFile, 'w');
let messages = 0;
let updates = 0;

process.on('uncaughtException', (err) => {
  process.stderr.write(`certstream-client: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});

// false: keep heartbeats, so the test also sees what the client does with them.
const client = new CertStreamClient((message) => {
  // The client hands over what it parsed; writeSync keeps every line even when we exit right after.
  fs.writeSync(out, JSON.stringify(message) + '\n');
  messages++;
  if (message && message.message_type === 'certificate_update') {
    updates++;
    if (updates >= wanted) {
      process.stderr.write(`certstream-client: got ${updates} certificate_update in ${messages} messages\n`);
      process.exit(0);
    }
  }
}, false);
client.connect(url);

setTimeout(() => {
  process.stderr.write(`certstream-client: deadline of ${deadlineMs} ms passed with ${updates} of ${wanted} certificate_update (${messages} messages)\n`);
  process.exit(3);
}, deadlineMs);
