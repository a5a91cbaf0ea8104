// A small HTTP client for the hostile tests: a cookie jar, the CSRF token read from the last page
// (sent with every form post, as a browser would), a chosen source address (127.0.0.x), and raw
// request lines on a socket for what fetch cannot send (a full URL, a path left undecoded).
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

const TOKEN = /name="_csrf" value="([^"]+)"/;

/** One visitor: cookies kept between requests; `from` binds the source address. */
export function httpClient(base, { from, headers: always = {} } = {}) {
  const jar = new Map();
  let token = null;
  let tokenPage = '/login';
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (setCookies = []) => {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, pair.slice(at + 1).trim());
      if (name === 'sid') token = null; // a new session: its pages carry a new token
    }
  };
  const send = (method, path, { body, headers = {} } = {}) =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: from, headers: { ...always, ...(jar.size ? { cookie: cookieHeader() } : {}), ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            keep(res.headers['set-cookie']);
            const found = TOKEN.exec(text);
            if (found) token = found[1];
            if (res.statusCode === 303 && token === null) tokenPage = res.headers.location;
            resolve({ status: res.statusCode, location: res.headers.location ?? null, headers: res.headers, text });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const client = {
    jar,
    get: (path, options) => send('GET', path, options),
    /** A form post with the page's CSRF token (unless `csrf: false`), as the page would send it. */
    async post(path, form = {}, { csrf = true, headers = {} } = {}) {
      if (csrf && token === null) await send('GET', tokenPage);
      const fields = csrf && token ? { ...form, _csrf: token } : form;
      return send('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    },
    /** Follows a 303 with a GET, as a browser does after a form post. */
    async follow(response) {
      return response.status === 303 ? send('GET', response.location) : response;
    },
    request: send,
    get token() {
      return token;
    },
    cookie: (name) => jar.get(name),
    setCookie: (name, value) => jar.set(name, value),
  };
  return client;
}

/** Sends one request exactly as written (request line and headers) and reads the status and Location. */
export function rawRequest(port, requestLine, headers = {}, body = '') {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = [requestLine, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c) => (data += c));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      const location = /\r\nlocation: ([^\r]*)/i.exec(head)?.[1] ?? null;
      resolve({ status, location, head, text: rest.join('\r\n\r\n') });
    });
  });
}
