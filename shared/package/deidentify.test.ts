import { describe, expect, it } from 'vitest';
import { bleepRanges, makeDeidentifier } from './deidentify';

describe('makeDeidentifier', () => {
  it('replaces each listed term by its numbered placeholder, case-insensitively, as whole words', () => {
    const d = makeDeidentifier(['Anna', 'Leeds']);
    expect(d.replace('anna moved to LEEDS; Anna’s mother stayed in leeds.')).toBe('[NAME 1] moved to [NAME 2]; [NAME 1]’s mother stayed in [NAME 2].');
    // Inside a longer word nothing is replaced.
    expect(d.replace('Annabel and Hannah went to Leedsville')).toBe('Annabel and Hannah went to Leedsville');
    // An underscore or a dot is a boundary (file names).
    expect(d.replace('2024-05-03_session_with_ANNA.m4a')).toBe('2024-05-03_session_with_[NAME 1].m4a');
  });

  it('matches the longest term first, and a shorter term where the longer one does not fit', () => {
    const d = makeDeidentifier(['Anna', 'Anna Smith']);
    expect(d.replace('Anna Smith said Anna  Smith and Anna Smithson')).toBe('[NAME 2] said [NAME 2] and [NAME 1] Smithson');
  });

  it('numbers distinct terms once, in the order listed, ignoring repeats and blanks', () => {
    const d = makeDeidentifier([' Anna ', 'ANNA', '', 'Bob']);
    expect(d.terms).toEqual(['Anna', 'Bob']);
    expect(d.replace('Bob, anna')).toBe('[NAME 2], [NAME 1]');
  });

  it('treats terms literally (no pattern characters) and handles letters beyond ASCII', () => {
    const d = makeDeidentifier(['Zoë', 'J. (Jo)']);
    expect(d.replace('Zoë and zoë and Zoëy; J. (Jo) came')).toBe('[NAME 1] and [NAME 1] and Zoëy; [NAME 2] came');
  });

  it('uses another placeholder word when a term would reappear inside NAME', () => {
    const d = makeDeidentifier(['Name']);
    expect(d.replace('My name is Name')).toBe('My [REDACTED 1] is [REDACTED 1]');
  });

  it('with no terms changes nothing', () => {
    expect(makeDeidentifier([]).replace('Anna')).toBe('Anna');
  });
});

describe('bleepRanges', () => {
  it('places each occurrence by its character position in the segment, padded and merged', () => {
    const d = makeDeidentifier(['Anna']);
    // 20 characters over 10 s: half a second per character.
    const text = 'Hello Anna, how are ';
    expect(text.length).toBe(20);
    const ranges = bleepRanges([{ start: 100, end: 110, text }], d, 3600, 0.15);
    expect(ranges).toHaveLength(1);
    expect(ranges[0]?.start).toBeCloseTo(100 + 6 * 0.5 - 0.15, 6);
    expect(ranges[0]?.end).toBeCloseTo(100 + 10 * 0.5 + 0.15, 6);

    const two = bleepRanges([{ start: 0, end: 2, text: 'Anna Anna' }], d, 3600, 0.15);
    expect(two).toHaveLength(1); // touching stretches merge
    expect(two[0]?.start).toBe(0); // clipped to the recording
  });

  it('finds nothing in segments without the terms, and clips to the recording end', () => {
    const d = makeDeidentifier(['Anna']);
    expect(bleepRanges([{ start: 0, end: 5, text: 'nobody here' }], d, 60)).toEqual([]);
    const end = bleepRanges([{ start: 58, end: 60, text: 'bye Anna' }], d, 60);
    expect(end[0]?.end).toBe(60);
  });
});
