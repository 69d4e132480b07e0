/**
 * Browser mode: the same handler table as Electron, served to a browser tab from this process.
 * - bound to 127.0.0.1 only, on a random port unless one is given;
 * - a random secret per launch: the launch URL carries it once, the server swaps it for an HttpOnly,
 *   SameSite=Strict cookie, and every API, media and upload request must present that cookie;
 * - the Host and Origin of every request must be this server's own (no DNS rebinding, no other sites);
 * - the API is a WebSocket at /api carrying calls, results and events (shared/api/wire.ts).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallMessage, CallResult, EventMessage, ResultMessage } from '../../shared/api/wire';
import { ApiError } from '../../shared/api/errors';
import { dispatch } from '../api/dispatch';
import type { CallContext } from '../api/handlers';
import { storedFileResponse } from '../services/files/stored-file-response';
import type { Services } from '../services/services';
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy } from './security-headers';
import { resolveStatic } from './static-files';

export interface BrowserServerOptions {
  services: Services;
  rendererDir: string;
  version: string;
  port?: number;
}

export interface BrowserServer {
  origin: string;
  /** Open this once to get a session cookie; it carries the secret. */
  launchUrl: string;
  close(): Promise<void>;
}

const COOKIE = 'attune_session';
const MAX_MESSAGE_BYTES = 1024 * 1024;

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function sameSecret(a: string | undefined, secret: string): boolean {
  if (!a || a.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(secret));
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { services, rendererDir, version } = options;
  const secret = randomBytes(32).toString('hex');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The browser-mode server has no address.');
  const host = `127.0.0.1:${address.port}`;
  const origin = `http://${host}`;
  const csp = contentSecurityPolicy(`ws://${host}`);
  const ctx: CallContext = { services, shell: 'browser', version, mediaBase: origin };

  const authorised = (req: http.IncomingMessage): boolean => sameSecret(parseCookies(req.headers.cookie).get(COOKIE), secret);
  const sameOrigin = (req: http.IncomingMessage): boolean => req.headers.origin === undefined || req.headers.origin === origin;

  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { ...COMMON_SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  server.on('request', (req, res) => {
    void handleRequest(req, res).catch((error: unknown) => {
      console.error('[browser-server] request failed:', error);
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.headers.host !== host) return send(res, 421, 'Wrong host');
    if (!sameOrigin(req)) return send(res, 403, 'Cross-origin requests are refused');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname === '/' && url.searchParams.has('launch')) {
      if (!sameSecret(url.searchParams.get('launch') ?? undefined, secret)) return send(res, 403, 'This link has expired. Start Attune again.');
      res.writeHead(302, {
        ...COMMON_SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      res.end();
      return;
    }

    if (url.pathname.startsWith('/media/') || url.pathname.startsWith('/peaks/')) {
      if (!authorised(req)) return send(res, 401, 'Not signed in to this Attune window');
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      const answer = await storedFileResponse(services.paths, url.pathname, req.headers.range);
      res.writeHead(answer.status, { ...COMMON_SECURITY_HEADERS, ...answer.headers });
      if (!answer.body || req.method === 'HEAD') {
        answer.body?.destroy();
        res.end();
        return;
      }
      await pipeline(answer.body, res).catch(() => undefined); // the player often abandons a range mid-way
      return;
    }

    if (url.pathname === '/upload') {
      if (!authorised(req)) return send(res, 401, 'Not signed in to this Attune window');
      if (req.method !== 'POST' || req.headers.origin !== origin) return send(res, 403, 'Uploads must come from the Attune window');
      return receiveUpload(req, res);
    }

    if (url.pathname === '/upload-model') {
      if (!authorised(req)) return send(res, 401, 'Not signed in to this Attune window');
      if (req.method !== 'POST' || req.headers.origin !== origin) return send(res, 403, 'Uploads must come from the Attune window');
      return receiveModelUpload(req, res);
    }

    if (url.pathname === '/upload-package') {
      if (!authorised(req)) return send(res, 401, 'Not signed in to this Attune window');
      if (req.method !== 'POST' || req.headers.origin !== origin) return send(res, 403, 'Uploads must come from the Attune window');
      return receivePackageUpload(req, res);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const file = resolveStatic(rendererDir, url.pathname) ?? resolveStatic(rendererDir, '/');
    if (!file) return send(res, 500, 'The Attune window files are missing. Run "npm run build".');
    const headers: Record<string, string> = { ...COMMON_SECURITY_HEADERS, 'Content-Type': file.contentType };
    if (file.contentType.startsWith('text/html')) {
      headers['Content-Security-Policy'] = csp;
      headers['Cache-Control'] = 'no-store';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    await pipeline(fs.createReadStream(file.file), res);
  }

  /** Streams an uploaded recording into the data dir's tmp folder, then queues its import. */
  async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let originalName: string;
    try {
      originalName = path.basename(decodeURIComponent(String(req.headers['x-attune-file-name'] ?? 'recording'))).slice(0, 255) || 'recording';
    } catch {
      return send(res, 400, JSON.stringify({ code: 'invalid_input', message: 'The file name could not be read.' }), 'application/json');
    }
    const temp = path.join(services.paths.tmpDir, `upload-${randomUUID()}`);
    try {
      await pipeline(req, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      fs.rmSync(temp, { force: true });
      const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
      if (!res.headersSent && !req.destroyed) {
        send(
          res,
          full ? 507 : 400,
          JSON.stringify(
            full
              ? { code: 'disk_full', message: 'There is not enough free disk space to import this recording. Free some space and try again.' }
              : { code: 'cancelled', message: 'The upload stopped before the whole file arrived.' },
          ),
          'application/json',
        );
      }
      return;
    }
    const [jobId] = services.imports.enqueue([{ sourcePath: temp, originalName, ownsSource: true }]);
    send(res, 202, JSON.stringify({ jobId }), 'application/json');
  }

  /** Streams an uploaded model file (Models screen) into tmp, then adds it like `models.add`; answers the model. */
  async function receiveModelUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let fileName: string;
    try {
      fileName = path.basename(decodeURIComponent(String(req.headers['x-attune-file-name'] ?? 'model.bin'))).slice(0, 255) || 'model.bin';
    } catch {
      return send(res, 400, JSON.stringify({ code: 'invalid_input', message: 'The file name could not be read.' }), 'application/json');
    }
    const temp = path.join(services.paths.tmpDir, `model-upload-${randomUUID()}`);
    try {
      await pipeline(req, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      const info = services.models.add(temp, fileName);
      services.events.emit('models.changed', {});
      send(res, 200, JSON.stringify(info), 'application/json');
    } catch (error) {
      const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
      if (!res.headersSent && !req.destroyed) {
        const body =
          error instanceof ApiError
            ? { code: error.code, message: error.message.replace(path.basename(temp), fileName) }
            : full
              ? { code: 'disk_full', message: 'There is not enough free disk space for this model. Free some space and try again.' }
              : { code: 'cancelled', message: 'The upload stopped before the whole file arrived.' };
        send(res, error instanceof ApiError ? 400 : full ? 507 : 400, JSON.stringify(body), 'application/json');
      }
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /**
   * Opens an uploaded feedback package or reply file like `package.open` (the passphrase, if any,
   * arrives URI-encoded in X-Attune-Passphrase) and answers its outcome, or the refusal as
   * { code, message }. The upload lives in the data dir's tmp folder only while this request runs:
   * it is deleted whatever the outcome, so a locked file is sent again with its passphrase.
   */
  async function receivePackageUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const json = (status: number, body: unknown): void => send(res, status, JSON.stringify(body), 'application/json');
    let fileName: string;
    let passphrase: string | null;
    try {
      fileName = path.basename(decodeURIComponent(String(req.headers['x-attune-file-name'] ?? 'package'))).slice(0, 255) || 'package';
      const header = req.headers['x-attune-passphrase'];
      passphrase = typeof header === 'string' && header !== '' ? decodeURIComponent(header) : null;
    } catch {
      return json(400, { code: 'invalid_input', message: 'The file name or passphrase could not be read.' });
    }
    const extension = /\.[A-Za-z0-9-]{1,20}$/.exec(fileName)?.[0] ?? '';
    const temp = path.join(services.paths.tmpDir, `package-upload-${randomUUID()}${extension}`);
    try {
      try {
        await pipeline(req, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        if (res.headersSent || req.destroyed) return;
        return (error as NodeJS.ErrnoException).code === 'ENOSPC'
          ? json(507, { code: 'disk_full', message: 'There is not enough free disk space to open this file. Free some space and try again.' })
          : json(400, { code: 'cancelled', message: 'The upload stopped before the whole file arrived.' });
      }
      const result = await dispatch('package.open', { path: temp, passphrase }, ctx);
      if (result.ok) return json(200, result.value);
      const status = result.error.code === 'internal' ? 500 : result.error.code === 'disk_full' ? 507 : 400;
      // Messages name the file by the user's own name, never the temp one.
      json(status, { code: result.error.code, message: result.error.message.split(temp).join(fileName).split(path.basename(temp)).join(fileName) });
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api' || req.headers.host !== host || req.headers.origin !== origin || !authorised(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  // Events that a call's handler emits while it runs are sent to the calling window after the call's
  // result, so that window handles its own change once, from the result; other windows get them at once.
  let caller: { ws: WebSocket; held: string[] } | null = null;
  const unsubscribe = services.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ t: 'event', name, payload } satisfies EventMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (caller?.ws === ws) caller.held.push(frame);
      else ws.send(frame);
    }
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'Text frames only');
      let message: CallMessage;
      try {
        message = JSON.parse(String(data)) as CallMessage;
      } catch {
        return ws.close(1007, 'Malformed message');
      }
      if (message?.t !== 'call' || typeof message.id !== 'number') return ws.close(1007, 'Malformed message');
      const held: string[] = [];
      caller = { ws, held };
      let running: Promise<CallResult>;
      try {
        running = dispatch(message.name, message.input, ctx);
      } finally {
        caller = null;
      }
      void running.then((result) => {
        const frame: ResultMessage = result.ok
          ? { t: 'result', id: message.id, ok: true, value: result.value }
          : { t: 'result', id: message.id, ok: false, error: result.error };
        if (ws.readyState !== ws.OPEN) return;
        ws.send(JSON.stringify(frame));
        for (const event of held) ws.send(event);
      });
    });
  });

  return {
    origin,
    launchUrl: `${origin}/?launch=${secret}`,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
