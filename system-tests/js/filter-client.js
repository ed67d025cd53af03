#!/usr/bin/env node
// Follows one filtered stream with CaliDog's own JS client (npm `certstream`, unchanged) and appends every
// message its callback receives as one JSON line to OUT_FILE, until STOP_FILE exists or the deadline passes.
// Exit 0 when stopped by the file, 3 at the deadline, 2 on an error.
//
//   node filter-client.js URL OUT_FILE STOP_FILE [DEADLINE_MS]
'use strict';

const fs = require('fs');
const CertStreamClient = require('certstream');

const [url, outFile, stopFile, deadlineArg] = process.argv.slice(2);
if (!url || !outFile || !stopFile) {
  process.stderr.write('usage: node filter-client.js URL OUT_FILE STOP_FILE [DEADLINE_MS]\n');
  process.exit(64);
}
const deadline = Date.now() + Number(deadlineArg || 300000);
const out = fs.openSync(outFile, 'w');
let messages = 0;

process.on('uncaughtException', (err) => {
  process.stderr.write(`filter-client: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});

const client = new CertStreamClient((message) => {
  fs.writeSync(out, JSON.stringify(message) + '\n');
  messages++;
}, true);
client.connect(url);

setInterval(() => {
  if (fs.existsSync(stopFile)) {
    process.stderr.write(`filter-client: stopped after ${messages} messages\n`);
    process.exit(0);
  }
  if (Date.now() > deadline) {
    process.stderr.write(`filter-client: deadline passed after ${messages} messages\n`);
    process.exit(3);
  }
}, 200);
