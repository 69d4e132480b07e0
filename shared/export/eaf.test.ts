/** ELAN export edge cases, validated by xmllint against ELAN's own schema. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCodes } from '../codebook/default-codebook';
import type { Annotation } from '../domain/annotation';
import type { SessionBundle } from '../domain/export';
import type { TranscriptSegment } from '../domain/transcript';
import { mediaMimeType, relativeFileUrl, sessionToEaf } from './eaf';

const XSD = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'elan', 'EAFv3.0.xsd');

function validate(xml: string): void {
  // Throws (non-zero exit) with xmllint's complaint when the document is not valid.
  execFileSync('xmllint', ['--noout', '--schema', XSD, '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
}

const segment = (start: number, end: number, speaker: TranscriptSegment['speaker'], text: string): TranscriptSegment => ({
  id: `s${start}`,
  sessionId: 's',
  start,
  end,
  speaker,
  text,
  originalText: text,
  edited: false,
});

const annotation = (codeId: string, start: number, end: number | null, comment = ''): Annotation => ({
  id: `${codeId}-${start}`,
  sessionId: 's',
  codeId,
  start,
  end,
  comment,
  author: 'Dr. Lee',
  modelResponse: '',
  segmentIds: [],
  createdAt: '2026-03-14T10:00:00.000Z',
  updatedAt: '2026-03-14T10:00:00.000Z',
});

function bundle(segments: TranscriptSegment[], annotations: Annotation[], names = { counselor: 'Dana', client: 'Client', other: 'Other' }): SessionBundle {
  return {
    session: {
      id: 's',
      title: 'T',
      trainee: '',
      supervisor: '',
      recordedAt: null,
      notes: '',
      status: 'in-review',
      cohort: '',
      clientPseudonym: '',
      tags: [],
      consent: null,
      retainUntil: null,
      createdAt: '',
      updatedAt: '',
      media: { originalName: 'Session 1 (final) #2.mp4', sha256: 'x', fileName: 'x.mp4', peaksFileName: 'x', sizeBytes: 1, duration: 20, container: 'mov,mp4', audioCodec: 'aac', videoCodec: 'h264', channels: 1, sampleRate: 16000, hasVideo: true, width: 2, height: 2 },
    },
    codebook: { id: 'c', name: 'Default & more', builtIn: true, codes: defaultCodes(), updatedAt: '' },
    annotations,
    transcript: { sessionId: 's', source: 'vtt', origin: null, language: null, speakerNames: names, segments, speech: null, pending: null },
    review: {} as SessionBundle['review'],
    scores: {} as SessionBundle['scores'],
    generatedAt: '2026-03-14T10:00:00.000Z',
    generatedBy: 'Dr. "Lee" <supervisor>',
  };
}

describe('sessionToEaf', () => {
  it('is valid with awkward text, zero-length and overlapping segments, same-named speakers, moments at the very end', () => {
    const xml = sessionToEaf(
      bundle(
        [
          segment(0, 2, 'counselor', 'Hello & <welcome> "here" \u0001\u0007 ]]> 😀'),
          segment(1, 3, 'counselor', 'Overlapping the first'),
          segment(5, 5, 'client', 'Zero length'),
          segment(6, 7, null, 'No speaker'),
          segment(19.9995, 25, 'other', 'Runs past the end'),
        ],
        [annotation('open-question', 0, 2, 'a & b'), annotation('affirmation', 1, null), annotation('question', 20, null), annotation('change-talk', 19.5, 20)],
        { counselor: 'Same', client: 'Same', other: 'Other' },
      ),
      { mediaFileName: 'Session 1 (final) #2.mp4' },
    );
    validate(xml);
    expect(xml.includes('\u0001') || xml.includes('\u0007')).toBe(false);
    expect(xml).toContain('<ANNOTATION_VALUE>Hello &amp; &lt;welcome&gt; &quot;here&quot;  ]]&gt; 😀</ANNOTATION_VALUE>');
    expect(xml).toContain('AUTHOR="Dr. &quot;Lee&quot; &lt;supervisor&gt;"');
    expect(xml).toContain('MEDIA_URL="Session%201%20%28final%29%20%232.mp4" MIME_TYPE="video/mp4" RELATIVE_MEDIA_URL="./Session%201%20%28final%29%20%232.mp4"');
    const tiers = [...xml.matchAll(/TIER_ID="([^"]+)"/g)].map((m) => m[1]);
    expect(tiers).toEqual(['Same', 'Same (2)', 'Same [2]', 'Other', 'Transcript (no speaker)', 'Codes: Strength', 'Codes: Strength (2)', 'Codes: Growth area', 'Codes: Client language', 'Codes: Neutral']);
    // Every annotation ends after it starts and inside the recording.
    const slots = new Map([...xml.matchAll(/TIME_SLOT_ID="(ts\d+)" TIME_VALUE="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    for (const m of xml.matchAll(/TIME_SLOT_REF1="(ts\d+)" TIME_SLOT_REF2="(ts\d+)"/g)) {
      const [a, b] = [slots.get(m[1]) ?? -1, slots.get(m[2]) ?? -1];
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeGreaterThan(a);
      expect(b).toBeLessThanOrEqual(20000);
    }
    expect([...slots.values()]).toEqual([...slots.values()].sort((x, y) => x - y));
  });

  it('is valid with no transcript and no annotations', () => {
    const xml = sessionToEaf(bundle([], []), { mediaFileName: 'a.wav' });
    validate(xml);
    expect(xml).toContain('<TIME_ORDER/>');
    expect([...xml.matchAll(/TIER_ID="([^"]+)"/g)].map((m) => m[1])).toEqual(['Codes: Strength', 'Codes: Growth area', 'Codes: Client language', 'Codes: Neutral']);
  });

  it('names the media type by extension, and percent-encodes the relative URL', () => {
    expect(mediaMimeType('a.WAV', false)).toBe('audio/x-wav');
    expect(mediaMimeType('a.m4a', false)).toBe('audio/mp4');
    expect(mediaMimeType('a.mp4', false)).toBe('video/mp4');
    expect(mediaMimeType('a.m4a', true)).toBe('video/*');
    expect(mediaMimeType('recording', false)).toBe('audio/*');
    expect(relativeFileUrl("Dana's session #1.mp3")).toBe('Dana%27s%20session%20%231.mp3');
  });
});
