import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TextSaver, type SaveStatus } from './text-saver';

describe('TextSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function saver(save: (value: string) => Promise<void>) {
    const statuses: SaveStatus['kind'][] = [];
    const s = new TextSaver('', save, (st) => statuses.push(st.kind), { delayMs: 400 });
    return { s, statuses };
  }

  it('saves once typing pauses, with the last value', async () => {
    const sent: string[] = [];
    const { s, statuses } = saver(async (v) => void sent.push(v));
    s.schedule('H');
    s.schedule('He');
    s.schedule('Hello');
    await vi.advanceTimersByTimeAsync(399);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['Hello']);
    expect(statuses.at(-1)).toBe('saved');
    expect(s.dirty).toBe(false);
  });

  it('saves at once on flush (blur, Escape), and not again when nothing changed', async () => {
    const sent: string[] = [];
    const { s } = saver(async (v) => void sent.push(v));
    s.schedule('note');
    s.flush();
    await vi.advanceTimersByTimeAsync(1000);
    s.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['note']);
  });

  it('sends a value typed during a save right after it, one request at a time', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const { s } = saver((v) => {
      sent.push(v);
      return new Promise<void>((r) => (release = r));
    });
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(400);
    s.schedule('ab');
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['a']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a', 'ab']);
  });

  it('reports an error and keeps the text as not saved', async () => {
    const { s, statuses } = saver(async () => {
      throw new Error('A comment can hold at most 10,000 characters.');
    });
    s.schedule('x'.repeat(10));
    await vi.advanceTimersByTimeAsync(400);
    expect(statuses.at(-1)).toBe('error');
    expect(s.dirty).toBe(true);
  });

  it('says what went wrong in the words it is given', async () => {
    const messages: string[] = [];
    const s = new TextSaver(
      '',
      async () => {
        throw new Error('patch.title: The title cannot be empty.');
      },
      (st) => st.kind === 'error' && messages.push(st.message),
      { describe: (e) => (e instanceof Error ? e.message.replace(/^patch\.\w+:\s*/, '') : '?') },
    );
    s.commit('');
    s.commit(' ');
    await vi.advanceTimersByTimeAsync(0);
    expect(messages).toEqual(['The title cannot be empty.']);
  });

  it('saves a discrete choice at once, and a choice made during a save right after it', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const { s, statuses } = saver((v) => {
      sent.push(v);
      return new Promise<void>((r) => (release = r));
    });
    s.commit('draft');
    expect(sent).toEqual(['draft']);
    s.commit('final');
    expect(sent).toEqual(['draft']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['draft', 'final']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toBe('saved');
    expect(s.dirty).toBe(false);
  });

  it('keeps a keystroke typed while a save answers, and saves it after the pause', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const { s, statuses } = saver((v) => {
      sent.push(v);
      return new Promise<void>((r) => (release = r));
    });
    s.schedule('Hel');
    await vi.advanceTimersByTimeAsync(400);
    s.schedule('Hell');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['Hel']);
    expect(statuses.at(-1)).toBe('pending');
    expect(s.adopt('Hel')).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['Hel', 'Hell']);
  });

  it('takes a value stored elsewhere only when nothing typed is pending', async () => {
    const sent: string[] = [];
    const { s } = saver(async (v) => void sent.push(v));
    s.schedule('mine');
    s.adopt('theirs');
    expect(s.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['mine']);
    s.adopt('theirs');
    expect(s.dirty).toBe(false);
    s.flush();
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['mine']);
  });
});
