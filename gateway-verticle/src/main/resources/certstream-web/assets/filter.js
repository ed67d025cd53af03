// The filter box: checks a filter with the server (/filter), restarts the live feed with it applied on the
// server, shows the URLs a client would use for the same slice, and keeps it in the page's address.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var feed = window.CertstreamFeed;
  var httpBase = location.protocol + '//' + location.host;

  // "?a=b&c=d", "a=b&c=d" or "a=b c=d" (spaces between terms) all give "a=b&c=d".
  function normalise(text) {
    return text.trim().replace(/^\?/, '').split(/[&\s]+/).filter(function (t) { return t.length > 0; }).join('&');
  }

  function showUrls(query) {
    var q = query ? '?' + query : '';
    $('filter-url-ws').textContent = feed.base + '/' + q;
    $('filter-url-sse').textContent = httpBase + '/events' + (query ? '?stream=lite&' + query : '?stream=lite');
    $('filter-url-curl').textContent = "curl -N '" + httpBase + '/events?stream=domains' + (query ? '&' + query : '') + "'";
  }

  function apply(query, remember) {
    $('filter-error').textContent = '';
    if (!query) {
      showUrls('');
      if (remember) { history.replaceState(null, '', location.pathname); }
      feed.restart('');
      return;
    }
    fetch('/filter?' + query, { cache: 'no-store' })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          $('filter-error').textContent = answer.body.error || 'the server refused this filter';
          return;
        }
        var canonical = answer.body.filter;
        $('filter-input').value = canonical;
        showUrls(canonical);
        if (remember) { history.replaceState(null, '', location.pathname + '?' + canonical); }
        feed.restart(canonical);
      })
      .catch(function (err) { $('filter-error').textContent = 'could not check the filter: ' + err; });
  }

  $('filter-form').addEventListener('submit', function (e) {
    e.preventDefault();
    apply(normalise($('filter-input').value), true);
  });
  $('filter-clear').addEventListener('click', function () {
    $('filter-input').value = '';
    apply('', true);
  });

  var initial = normalise(location.search);
  $('filter-input').value = initial;
  apply(initial, false);
})();
