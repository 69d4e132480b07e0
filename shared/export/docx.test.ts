/** The Word transcript: a well-formed package, times as m:ss (h:mm:ss from an hour), text that needs escaping. */
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SessionBundle } from '../domain/export';
import { segmentClock, transcriptToDocx } from './docx';

function bundle(duration: number, texts: [number, string][]): SessionBundle {
  return {
    session: { title: 'A <b> & c', trainee: 'Dana', supervisor: '', recordedAt: '2026-03-14', media: { duration, originalName: 'r.wav' } },
    transcript: {
      speakerNames: { counselor: 'Dana', client: 'Client', other: 'Other' },
      segments: texts.map(([start, text], i) => ({ id: String(i), sessionId: 's', start, end: start + 1, speaker: i % 2 ? 'client' : 'counselor', text, originalText: text, edited: false })),
    },
    generatedAt: '2026-03-14T10:00:00.000Z',
    generatedBy: 'Dr. Lee',
  } as unknown as SessionBundle;
}

const paragraphs = (docx: Uint8Array): string[] => {
  const doc = strFromU8(unzipSync(docx)['word/document.xml'] as Uint8Array);
  execFileSync('xmllint', ['--noout', '-'], { input: doc });
  return [...doc.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...(m[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
};

describe('transcriptToDocx', () => {
  it('writes the title, the details that are known, and one paragraph per segment', () => {
    const p = paragraphs(transcriptToDocx(bundle(600, [[0, 'Hi \u0002there & "you"'], [65.9, 'Fine.']])));
    expect(p).toEqual([
      'A &lt;b&gt; &amp; c',
      'Trainee: Dana',
      'Recorded: 2026-03-14',
      'Length: 0:10:00',
      'Recording: r.wav',
      'Exported: 2026-03-14 by Dr. Lee',
      'Transcript',
      '[0:00] Dana: Hi there &amp; &quot;you&quot;',
      '[1:05] Client: Fine.',
    ]);
  });

  it('says so when there is no transcript; long recordings get hours', () => {
    expect(paragraphs(transcriptToDocx(bundle(10, []))).at(-1)).toBe('This session has no transcript yet.');
    expect(paragraphs(transcriptToDocx(bundle(4000, [[3725, 'Late.']]))).at(-1)).toBe('[1:02:05] Dana: Late.');
    expect(segmentClock(59.99, false)).toBe('0:59');
    expect(segmentClock(3599, false)).toBe('59:59');
  });
});
