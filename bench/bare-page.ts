/**
 * The floor under annotate_roundtrip_p95_ms on this machine: a bare page that does the least the
 * hotkey must do — on a key, send one WebSocket message; the server inserts one row into SQLite with
 * the app's settings (WAL, synchronous = FULL) and answers; the page then adds a list row and a
 * waveform "region" in a shadow root. No React, no styles, no media. The annotate benchmark measures
 * it with the same code and in the same browser as the app, interleaved, so the two are comparable:
 * what the app takes above this page is what Attune itself costs.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Bare round trip</title></head>
<body style="margin:0;font:14px sans-serif">
<div data-testid="waveform" tabindex="0" style="height:160px;background:#eef"><div id="regions"></div></div>
<div id="list"></div>
<script>
const socket = new WebSocket('ws://' + location.host + '/');
let next = 0;
const layer = document.getElementById('regions').attachShadow({ mode: 'open' });
window.addEventListener('keydown', (e) => {
  if (e.key !== 'q' || e.repeat) return;
  e.preventDefault();
  socket.send(JSON.stringify({ id: 'a' + (++next), start: next }));
});
socket.onmessage = (e) => {
  const { id } = JSON.parse(e.data);
  const region = document.createElement('div');
  region.setAttribute('part', 'region ' + id);
  region.textContent = id;
  layer.append(region);
  const row = document.createElement('div');
  row.dataset.testid = 'annotation-row';
  row.dataset.annotationId = id;
  row.textContent = 'Open question ' + id;
  document.getElementById('list').prepend(row);
};
</script></body></html>`;

export interface BarePage {
  url: string;
  close(): Promise<void>;
}

/** Serves the bare page from 127.0.0.1 with its own SQLite file in `dir`. */
export async function startBarePage(dir: string): Promise<BarePage> {
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE marks (id TEXT PRIMARY KEY, start REAL NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO marks (id, start, created_at) VALUES (?, ?, ?)');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const { id, start } = JSON.parse(String(data)) as { id: string; start: number };
      insert.run(id, start, new Date().toISOString());
      ws.send(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      fs.rmSync(path.join(dir, 'bare.sqlite'), { force: true });
    },
  };
}
