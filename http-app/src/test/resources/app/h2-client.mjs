// Node's http2 client against the server, for Http2ClientsTest: one session to the URL given
// (https: trusting the CA file given, and nothing else; http: prior knowledge), GET /, HEAD /,
// POST /upload and 20 concurrent GETs on that one session (maxInFlight: how many were open at
// once). Prints one JSON summary line.
//
//   node h2-client.mjs URL CA_FILE|- UPLOAD_FILE
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const [url, caFile, uploadFile] = process.argv.slice(2);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
// Bounded on its own too: the Java side kills the process after its own timeout.
const timer = setTimeout(() => { console.error('timed out'); process.exit(3); }, 30_000);

const options = caFile === '-' ? {} : { ca: readFileSync(caFile) };
const session = http2.connect(url, options);
session.on('error', (error) => { console.error('session error: ' + error.stack); process.exit(2); });

let inFlight = 0;
let maxInFlight = 0;

function request(headers, body) {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    const chunks = [];
    let response;
    stream.on('response', (fields) => { response = fields; });
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      inFlight--;
      const bytes = Buffer.concat(chunks);
      resolve({
        status: response[':status'],
        id: stream.id,
        length: bytes.length,
        sha256: sha256(bytes),
        contentType: response['content-type'] ?? null,
        contentLength: response['content-length'] ?? null,
        location: response['location'] ?? null,
      });
    });
    stream.on('error', reject);
    if (body !== undefined) {
      stream.end(body);
    }
  });
}

try {
  await new Promise((resolve) => session.once('connect', resolve));
  const alpn = session.alpnProtocol ?? null;
  const get = await request({ ':method': 'GET', ':path': '/' });
  const head = await request({ ':method': 'HEAD', ':path': '/' });
  const upload = await request({ ':method': 'POST', ':path': '/upload', 'content-type': 'application/json' },
    readFileSync(uploadFile));
  maxInFlight = 0;
  const concurrent = await Promise.all(Array.from({ length: 20 },
    (_, i) => request({ ':method': 'GET', ':path': i % 2 === 0 ? '/' : '/big.bin' })));
  console.log(JSON.stringify({ alpn, get, head, upload, concurrent, maxInFlight }));
  session.close();
  clearTimeout(timer);
} catch (error) {
  console.error('request failed: ' + (error.stack ?? error));
  process.exit(1);
}
