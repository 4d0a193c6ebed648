// Uploads a JSON document with fetch to the URL in ?target= (another origin), as a page of one
// site sending to the upload endpoint of another would, and records what the script could read
// of the answer on #outcome: the status, the stored path from the body, and the exposed fields.
(async function () {
  'use strict';
  var outcome = document.getElementById('outcome');
  var target = new URLSearchParams(location.search).get('target');
  var data = outcome.dataset;
  try {
    var response = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: 'the cross-origin test', at: Date.now() })
    });
    var body = await response.json();
    data.filepath = body.filepath || '';
    data.location = response.headers.get('Location') || '';
    data.requestId = response.headers.get('X-Request-Id') || '';
    data.status = String(response.status);
  } catch (err) {
    data.error = err.name;
    data.status = 'failed';
  }
  outcome.textContent = data.status;
})();
