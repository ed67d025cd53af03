// The index page: live counters from /stats, the log table, and a capped feed of domains from /domains-only.
(function () {
  'use strict';

  var FEED_CAP = 100;          // items kept on screen; older ones are removed
  var FLUSH_MS = 250;          // DOM updates are batched so a fast stream cannot freeze the page
  var PER_FLUSH = 25;          // at most this many new items per batch; the rest are skipped
  var STATS_MS = 2000;

  var wsScheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var base = wsScheme + location.host;
  var $ = function (id) { return document.getElementById(id); };

  function fillConnect() {
    $('url-lite').textContent = base + '/';
    $('url-full').textContent = base + '/full-stream';
    $('url-domains').textContent = base + '/domains-only';
    $('snippet-python').textContent = [
      'import certstream',
      '',
      'def print_callback(message, context):',
      '    if message["message_type"] == "certificate_update":',
      '        print(message["data"]["leaf_cert"]["all_domains"])',
      '',
      'certstream.listen_for_events(print_callback, url="' + base + '/")'
    ].join('\n');
    $('snippet-js').textContent = [
      "const CertStreamClient = require('certstream');",
      '',
      '// true: skip heartbeat messages',
      'const client = new CertStreamClient((message) => {',
      "  if (message.message_type === 'certificate_update') {",
      '    console.log(message.data.leaf_cert.all_domains);',
      '  }',
      '}, true);',
      "client.connect('" + base + "/');"
    ].join('\n');
    $('snippet-go').textContent = [
      'package main',
      '',
      'import (',
      '\t"log"',
      '',
      '\t"github.com/gorilla/websocket"',
      ')',
      '',
      'func main() {',
      '\tc, _, err := websocket.DefaultDialer.Dial("' + base + '/", nil)',
      '\tif err != nil {',
      '\t\tlog.Fatal(err)',
      '\t}',
      '\tdefer c.Close()',
      '\tfor {',
      '\t\tvar msg struct {',
      '\t\t\tMessageType string `json:"message_type"`',
      '\t\t\tData        struct {',
      '\t\t\t\tLeafCert struct {',
      '\t\t\t\t\tAllDomains []string `json:"all_domains"`',
      '\t\t\t\t} `json:"leaf_cert"`',
      '\t\t\t} `json:"data"`',
      '\t\t}',
      '\t\tif err := c.ReadJSON(&msg); err != nil {',
      '\t\t\tlog.Fatal(err)',
      '\t\t}',
      '\t\tif msg.MessageType == "certificate_update" {',
      '\t\t\tlog.Println(msg.Data.LeafCert.AllDomains)',
      '\t\t}',
      '\t}',
      '}'
    ].join('\n');
  }

  function wireTabs() {
    Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (tab) {
      tab.addEventListener('click', function () {
        document.querySelectorAll('.tab').forEach(function (t) { t.classList.toggle('active', t === tab); });
        document.querySelectorAll('.snippet').forEach(function (s) {
          s.classList.toggle('active', s.getAttribute('data-snippet') === tab.getAttribute('data-tab'));
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('.copy-btn'), function (btn) {
      btn.addEventListener('click', function () {
        var text = $(btn.getAttribute('data-copy')).textContent;
        var done = function () { btn.textContent = 'Copied'; setTimeout(function () { btn.textContent = 'Copy'; }, 1500); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        } else {
          fallbackCopy(text); done();
        }
      });
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing else to try */ }
    document.body.removeChild(area);
  }

  // ---- live feed (restartable with a server-side filter, see filter.js) ----
  var pending = [];
  var received = 0;
  var paused = false;
  var feedQuery = '';
  var feedSocket = null;
  var retryTimer = null;

  function connectFeed(delay) {
    var ws = new WebSocket(base + '/domains-only' + (feedQuery ? '?' + feedQuery : ''));
    feedSocket = ws;
    setStatus('connecting', 'connecting…');
    ws.onopen = function () { delay = 1000; setStatus('live', feedQuery ? 'live, filtered' : 'live'); };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.message_type !== 'dns_entries' || !Array.isArray(msg.data)) { return; }
      received++;
      if (!paused) {
        pending.push(msg.data);
        if (pending.length > PER_FLUSH) { pending.shift(); }
      }
    };
    ws.onclose = function () {
      if (ws !== feedSocket) { return; } // replaced by a restart
      setStatus('down', 'disconnected, retrying…');
      var next = Math.min((delay || 1000) * 2, 30000);
      retryTimer = setTimeout(function () { connectFeed(next); }, delay || 1000);
    };
  }

  // Starts the feed again with another filter (a query string, '' for everything) and an empty list.
  function restartFeed(query) {
    feedQuery = query;
    clearTimeout(retryTimer);
    var old = feedSocket;
    feedSocket = null;
    if (old) { old.close(); }
    pending = [];
    received = 0;
    $('feed').replaceChildren();
    connectFeed(1000);
  }
  window.CertstreamFeed = { restart: restartFeed, base: base };

  function setStatus(kind, text) {
    var el = $('feed-status');
    el.className = 'status status-' + kind;
    el.textContent = text;
  }

  function flushFeed() {
    $('feed-count').textContent = received.toLocaleString() + ' received';
    if (pending.length === 0) { return; }
    var feed = $('feed');
    var batch = pending;
    pending = [];
    batch.forEach(function (domains) {
      var li = document.createElement('li');
      li.className = 'feed-item';
      li.setAttribute('data-domain', domains[0] || '');
      var name = document.createElement('span');
      name.className = 'domain';
      name.textContent = domains[0] || '(no domain)';
      li.appendChild(name);
      if (domains.length > 1) {
        var more = document.createElement('span');
        more.className = 'more';
        more.textContent = '+' + (domains.length - 1) + ' more';
        li.title = domains.join('\n');
        li.appendChild(more);
      }
      feed.insertBefore(li, feed.firstChild);
    });
    while (feed.children.length > FEED_CAP) { feed.removeChild(feed.lastChild); }
  }

  // ---- stats ----
  var lastProcessed = null;
  var lastAt = 0;

  function pollStats() {
    fetch('/stats', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(showStats)
      .catch(function () { /* next poll retries */ });
  }

  function showStats(stats) {
    var now = Date.now();
    var processed = stats.processed_certificates;
    if (typeof processed === 'number') {
      $('stat-processed').textContent = processed.toLocaleString();
      if (lastProcessed !== null && now > lastAt) {
        var rate = Math.max(0, (processed - lastProcessed) * 1000 / (now - lastAt));
        $('stat-rate').textContent = rate < 10 ? rate.toFixed(1) : Math.round(rate).toLocaleString();
      }
      lastProcessed = processed;
      lastAt = now;
    }
    if (typeof stats.current_users === 'number') { $('stat-users').textContent = stats.current_users.toLocaleString(); }
    var logs = stats.logs || {};
    var urls = Object.keys(logs).sort(function (a, b) { return (logs[b].processed || 0) - (logs[a].processed || 0); });
    $('stat-logs').textContent = urls.length.toLocaleString();
    renderLogs(urls, logs);
    $('logs-updated').textContent = stats.error ? stats.error : 'updated ' + new Date(now).toLocaleTimeString();
  }

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function renderLogs(urls, logs) {
    var body = $('logs-body');
    var rows = document.createDocumentFragment();
    urls.forEach(function (url) {
      var log = logs[url];
      var tr = document.createElement('tr');
      tr.className = 'log-row';
      tr.setAttribute('data-url', url);
      var name = cell(tr, log.name || url);
      name.title = url;
      cell(tr, log.operator);
      cell(tr, log.type);
      cell(tr, fmt(log.processed), 'num');
      cell(tr, fmt(log.tree_size), 'num');
      cell(tr, fmt(log.next_index), 'num');
      var state = cell(tr, '');
      var badge = document.createElement('span');
      badge.className = 'badge ' + (log.state || '');
      badge.textContent = log.state || 'unknown';
      state.appendChild(badge);
      var err = cell(tr, log.last_error || '', 'error');
      err.title = log.last_error || '';
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }

  function fmt(n) { return typeof n === 'number' && n >= 0 ? n.toLocaleString() : null; }

  fillConnect();
  wireTabs();
  $('feed-pause').addEventListener('click', function (e) {
    paused = !paused;
    e.target.textContent = paused ? 'Resume' : 'Pause';
  });
  // filter.js starts the feed, with the filter the page's URL carries, if any.
  setInterval(flushFeed, FLUSH_MS);
  pollStats();
  setInterval(function () { if (!document.hidden) { pollStats(); } }, STATS_MS);
})();
