/**
 * Every standard format written from a real session (real recording, transcript and annotations):
 * ELAN validated by xmllint against ELAN's schema, the DOCX unzipped and read, the WebVTT loaded as
 * a <track> by Chromium, CSV and JSON with the columns the issue names.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_COLUMNS } from '../../../shared/annotations/annotation-file';
import { parseCsv } from '../../../shared/annotations/csv';
import type { ExportFormat, SessionBundle } from '../../../shared/domain/export';
import { parseSrt, parseWebVtt } from '../../../shared/subtitles';
import { xmlText } from '../../../shared/export/xml-text';
import { openTempServices, sharedData, tempDir } from '../../test-support/temp-library';
import { ANNOTATION_ROWS, AWKWARD_TEXT, makeExportSession, SAMPLE_RECORDING, truthUtterances } from './export-test-session';
import { runExport } from './export-test-run';
import { loadSessionBundle } from './session-bundle';

const XSD = path.join(sharedData, 'elan', 'EAFv3.0.xsd');

describe('the standard export formats', () => {
  let lib: ReturnType<typeof openTempServices>;
  let out: string;
  let sessionId: string;
  let bundle: SessionBundle;
  const files = new Map<ExportFormat, string>();

  beforeAll(async () => {
    lib = openTempServices();
    out = tempDir('attune-exports-');
    sessionId = (await makeExportSession(lib)).id;
    bundle = loadSessionBundle(lib, sessionId);
    for (const format of ['vtt', 'srt', 'txt', 'docx', 'eaf', 'csv', 'json'] as const) {
      const file = path.join(out, `session.${format}`);
      const run = await runExport(lib, { sessionId, format, outPath: file });
      expect(run.outcome).toEqual({ kind: 'done', path: file, bytes: fs.statSync(file).size });
      expect(run.progress.at(-1)).toMatchObject({ percent: 100, stage: 'Saved' });
      files.set(format, file);
    }
  }, 120_000);

  afterAll(() => {
    lib.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  const read = (format: ExportFormat): string => fs.readFileSync(files.get(format) as string, 'utf8');

  it('gathers the session bundle: annotations in time order, transcript, scores, feedback, the profile name', () => {
    expect(bundle.session.title).toBe('Session 3 — Dana & Sam');
    expect(bundle.annotations.map((a) => a.start)).toEqual(ANNOTATION_ROWS.map((r) => r[0]));
    expect(bundle.transcript.segments).toHaveLength(truthUtterances().length);
    expect(bundle.transcript.speakerNames).toMatchObject({ counselor: 'Therapist', client: 'Client' });
    expect(bundle.review.feedback.goals).toBe('Two reflections per question.');
    expect(bundle.scores).toEqual(lib.reviews.scores(sessionId));
    expect(bundle.scores.miNonAdherent).toBe(1); // the "persuade" moment
    expect(bundle.codebook.codes.length).toBeGreaterThan(10);
    expect(bundle.generatedBy).toBe(lib.profile.get().name);
  });

  it('ELAN: valid against EAFv3.0.xsd; a tier per speaker and per code kind; media linked relatively', () => {
    const file = files.get('eaf') as string;
    // xmllint exits non-zero (and execFileSync throws) when the file is not valid.
    const res = execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(res).toBe('');
    const eaf = read('eaf');
    const media = path.basename(SAMPLE_RECORDING);
    expect(eaf).toContain(`<MEDIA_DESCRIPTOR MEDIA_URL="${media}" MIME_TYPE="audio/mpeg" RELATIVE_MEDIA_URL="./${media}"/>`);
    const tiers = [...eaf.matchAll(/<TIER LINGUISTIC_TYPE_REF="(\w+)"(?: PARTICIPANT="[^"]*")? TIER_ID="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    // The summary overlaps the opener: a second strength tier; the others are one each.
    expect(tiers).toEqual([
      'transcript:Therapist',
      'transcript:Client',
      'code:Codes: Strength',
      'code:Codes: Strength (2)',
      'code:Codes: Growth area',
      'code:Codes: Client language',
      'code:Codes: Neutral',
    ]);
    expect(eaf.match(/<ALIGNABLE_ANNOTATION /g)).toHaveLength(bundle.transcript.segments.length + ANNOTATION_ROWS.length);
    expect(eaf).toContain(xmlText(AWKWARD_TEXT));
    expect(eaf).toContain('Missed reflection&#10;The client’s worry went by.&#10;Could have said: It sounds like you are worried about your health.');

    // Time slots in ms: the moment at 12.5 s spans 1 s; the one at the very end is cut to the recording.
    const slots = new Map([...eaf.matchAll(/TIME_SLOT_ID="(ts\d+)" TIME_VALUE="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    const spanOf = (value: string): [number, number] => {
      const m = new RegExp(`TIME_SLOT_REF1="(ts\\d+)" TIME_SLOT_REF2="(ts\\d+)">\\s*<ANNOTATION_VALUE>${value}`).exec(eaf);
      return [slots.get(m?.[1] ?? '') ?? -1, slots.get(m?.[2] ?? '') ?? -1];
    };
    expect(spanOf('Affirmation')).toEqual([12500, 13500]);
    const durationMs = Math.round(bundle.session.media.duration * 1000);
    expect(spanOf('Persuade')).toEqual([Math.min(209900, durationMs - 1), Math.min(210900, durationMs)]);
    const first = truthUtterances()[0];
    expect(spanOf(xmlText(first?.text ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).toEqual([Math.round((first?.start ?? 0) * 1000), Math.round((first?.end ?? 0) * 1000)]);
  });

  it('DOCX: a Word package whose document holds the title, the details and every segment as “[m:ss] Speaker: text”', () => {
    const zip = unzipSync(new Uint8Array(fs.readFileSync(files.get('docx') as string)));
    expect(Object.keys(zip).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/document.xml']);
    const types = strFromU8(zip['[Content_Types].xml'] as Uint8Array);
    expect(types).toContain('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>');
    expect(types).toContain('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>');
    expect(strFromU8(zip['_rels/.rels'] as Uint8Array)).toContain('Target="word/document.xml"');
    const doc = strFromU8(zip['word/document.xml'] as Uint8Array);
    for (const file of ['word/document.xml', 'docProps/core.xml', '[Content_Types].xml', '_rels/.rels']) {
      // Well-formed XML (xmllint reads it from stdin).
      execFileSync('xmllint', ['--noout', '-'], { input: zip[file] });
    }
    expect(doc).toContain(xmlText('Session 3 — Dana & Sam'));
    expect(doc).toContain('>Dr. Lee<');
    for (const s of bundle.transcript.segments) expect(doc).toContain(`>${xmlText(s.text)}<`);
    const texts = [...doc.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...(m[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    const u = truthUtterances();
    expect(texts).toContain(`[0:00] Therapist: ${xmlText(u[0]?.text ?? '')}`);
    const last = u.at(-1);
    expect(texts).toContain(`[${Math.floor((last?.start ?? 0) / 60)}:${String(Math.floor((last?.start ?? 0) % 60)).padStart(2, '0')}] ${last?.speaker === 'therapist' ? 'Therapist' : 'Client'}: ${xmlText(last?.text ?? '')}`);
  });

  it('WebVTT and SRT carry the speakers (voice tags, prefixes) and read back as the same segments; plain text has one line each', () => {
    const segments = bundle.transcript.segments;
    const speakerOf = (role: string | null) => (role === 'counselor' ? 'Therapist' : 'Client');
    const vtt = parseWebVtt(read('vtt'));
    expect(read('vtt')).toContain(`<v Therapist>${truthUtterances()[0]?.text}`);
    expect(vtt.map((c) => [c.speaker, c.text])).toEqual(segments.map((s) => [speakerOf(s.speaker), s.text]));
    // SRT has no escaping: text is written as it is (a reader takes "<said>" for markup).
    const srt = parseSrt(read('srt'));
    expect(srt.map((c) => [c.start, c.end, c.speaker])).toEqual(segments.map((s) => [s.start, s.end, speakerOf(s.speaker)]));
    for (const s of segments) expect(read('srt')).toContain(`\n${speakerOf(s.speaker)}: ${s.text}\n`);
    const lines = read('txt').trimEnd().split('\n');
    expect(lines).toHaveLength(segments.length);
    expect(lines[0]).toBe(`[0:00:00] Therapist: ${truthUtterances()[0]?.text}`);
  });

  it('WebVTT loads as a <track> in Chromium with one cue per segment', async () => {
    const dir = path.dirname(files.get('vtt') as string);
    fs.copyFileSync(path.join(sharedData, SAMPLE_RECORDING), path.join(dir, 'recording.mp3'));
    fs.writeFileSync(
      path.join(dir, 'page.html'),
      '<!doctype html><video src="recording.mp3" controls><track id="t" kind="subtitles" srclang="en" label="Transcript" default src="session.vtt"></video>',
    );
    const types: Record<string, string> = { '.html': 'text/html', '.vtt': 'text/vtt', '.mp3': 'audio/mpeg' };
    const server = http.createServer((req, res) => {
      const file = path.join(dir, path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/page.html`);
      // In the page (a string: main's tests have no DOM types): wait for the track to load or fail.
      const result = (await page.evaluate(`new Promise((resolve) => {
        const el = document.getElementById('t');
        const report = () => resolve({ readyState: el.readyState, cues: el.track.cues ? el.track.cues.length : -1, first: el.track.cues && el.track.cues[0] ? el.track.cues[0].text : '' });
        if (el.readyState >= 2) report();
        el.addEventListener('load', report);
        el.addEventListener('error', report);
      })`)) as { readyState: number; cues: number; first: string };
      expect(result.readyState).toBe(2); // LOADED, not ERROR
      expect(result.cues).toBe(bundle.transcript.segments.length);
      expect(result.first).toBe(`<v Therapist>${truthUtterances()[0]?.text}`);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('CSV: the columns the issue names, one row per annotation in time order', () => {
    const [header, ...rows] = parseCsv(read('csv'));
    expect(header?.fields).toEqual([...ANNOTATION_COLUMNS]);
    expect(ANNOTATION_COLUMNS).toEqual(['start', 'end', 'code', 'code_name', 'kind', 'author', 'comment', 'transcript_text', 'model_response']);
    expect(rows).toHaveLength(ANNOTATION_ROWS.length);
    const missed = rows.find((r) => r.fields[2] === 'missed-reflection')?.fields ?? [];
    expect(missed).toEqual(['30', '36', 'missed-reflection', 'Missed reflection', 'growth', lib.profile.get().name, 'The client’s worry went by.', expect.stringMatching(/\S/), 'It sounds like you are worried about your health.']);
    expect(rows.map((r) => r.fields[0])).toEqual(ANNOTATION_ROWS.map((r) => String(r[0])));
  });

  it('JSON: the annotation rows, the scores and the overall feedback', () => {
    const json = JSON.parse(read('json')) as {
      annotations: Record<string, unknown>[];
      scores: { miAdherent: number; miNonAdherent: number };
      review: { feedback: { strengths: string; growthAreas: string; goals: string } };
      session: { title: string };
    };
    expect(json.annotations).toHaveLength(ANNOTATION_ROWS.length);
    expect(Object.keys(json.annotations[0] ?? {})).toEqual(['start', 'end', 'codeId', 'codeName', 'kind', 'author', 'comment', 'transcriptText', 'modelResponse']);
    expect(json.annotations[0]).toMatchObject({ codeId: 'open-question', codeName: 'Open question', kind: 'strength', comment: `Good opener. ${AWKWARD_TEXT}` });
    expect(json.annotations[3]).toMatchObject({ codeId: 'missed-reflection', modelResponse: 'It sounds like you are worried about your health.', transcriptText: expect.stringMatching(/\S/) });
    expect(json.scores.miNonAdherent).toBe(1); // the "persuade" moment
    expect(json.review.feedback).toEqual({ strengths: 'Warm tone throughout.', growthAreas: 'Reflect before asking.', goals: 'Two reflections per question.' });
    expect(json.session.title).toBe('Session 3 — Dana & Sam');
  });
});
