// Sends the JSON in #json to POST /upload and reports the outcome in #result.
(function () {
  'use strict';

  var textarea = document.getElementById('json');
  var button = document.getElementById('upload');
  var result = document.getElementById('result');
  if (!textarea || !button || !result) return;

  function show(kind, nodes) {
    result.className = kind;
    result.replaceChildren.apply(result, nodes);
  }

  function para(text) {
    var p = document.createElement('p');
    if (text) p.textContent = text;
    return p;
  }

  async function upload() {
    button.disabled = true;
    show('', [para('Sending\u2026')]);
    try {
      var response = await fetch('/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: textarea.value
      });
      var text = await response.text();

      if (response.status === 201) {
        var path = null;
        try { path = JSON.parse(text).filepath; } catch (e) { /* fall back to Location */ }
        path = path || response.headers.get('Location');
        var line = para('Stored');
        if (path) {
          var link = document.createElement('a');
          link.className = 'stored-link';
          link.href = path;
          link.textContent = path;
          line.append(': ', link);
        }
        show('ok', [line]);
        return;
      }

      // Errors arrive as a small HTML page: show its <h1> and first paragraph.
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var h1 = doc.querySelector('h1');
      var p = doc.querySelector('p');
      var heading = para(h1 ? h1.textContent.trim() : response.status + ' ' + response.statusText);
      heading.style.fontWeight = '700';
      var nodes = [heading];
      if (p && p.textContent.trim()) nodes.push(para(p.textContent.trim()));
      show('error', nodes);
    } catch (err) {
      show('error', [para('Request failed: ' + err.message)]);
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener('click', upload);
})();
