import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SessionReplies } from '../../shared/package/feedback-view';
import { AnnotationReply, ReflectionNote } from './RepliesNote';
import { replyFor } from './reply-data';

const REPLIES: SessionReplies = {
  sessionId: 's',
  byAnnotation: {
    a: { text: 'I was nervous here.', repliedAt: '2026-03-02T10:00:00Z', readAt: '2026-03-02T09:59:00Z' },
    b: { text: '', repliedAt: null, readAt: '2026-03-02T09:58:00Z' },
  },
  reflection: { text: 'Slow down, reflect more.', writtenAt: '2026-03-02T10:05:00Z' },
  from: 'Alex Kim',
  mergedAt: '2026-03-03T08:00:00Z',
};

const html = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el);

describe('AnnotationReply', () => {
  it('shows who replied, the reply and the read mark', () => {
    const out = html(createElement(AnnotationReply, { reply: replyFor(REPLIES, 'a'), from: REPLIES.from }));
    expect(out).toContain('data-testid="annotation-reply"');
    expect(out).toContain('Alex Kim replied');
    expect(out).toContain('I was nervous here.');
    expect(out).toContain('Read by Alex Kim');
  });
  it('shows only the read mark for a point read without a reply', () => {
    const out = html(createElement(AnnotationReply, { reply: replyFor(REPLIES, 'b') }));
    expect(out).toContain('Read by the trainee');
    expect(out).not.toContain('replied');
  });
  it('renders nothing for an annotation without an answer', () => {
    expect(html(createElement(AnnotationReply, { reply: replyFor(REPLIES, 'zzz') }))).toBe('');
    expect(html(createElement(AnnotationReply, { reply: replyFor(null, 'a') }))).toBe('');
  });
});

describe('ReflectionNote', () => {
  it('shows the reflection and who wrote it', () => {
    const out = html(createElement(ReflectionNote, { replies: REPLIES }));
    expect(out).toContain('data-testid="trainee-reflection"');
    expect(out).toContain('Reflection from Alex Kim');
    expect(out).toContain('Slow down, reflect more.');
  });
  it('says a reply came without a reflection, and nothing before any reply', () => {
    expect(html(createElement(ReflectionNote, { replies: { ...REPLIES, reflection: null } }))).toContain('without an overall reflection');
    expect(html(createElement(ReflectionNote, { replies: { ...REPLIES, reflection: null, mergedAt: null, from: null } }))).toBe('');
    expect(html(createElement(ReflectionNote, { replies: null }))).toBe('');
  });
});
