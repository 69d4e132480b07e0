import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../shared/domain/export';
import { FORMAT_GROUPS, packageOptionsOf, parseTerms, pathForFormat, prefilledTerms, type PackageForm } from './export-options';

const form = (over: Partial<PackageForm> = {}): PackageForm => ({
  media: 'clips',
  preRoll: '5',
  postRoll: '3',
  terms: '',
  bleep: false,
  protect: true,
  passphrase: 'long enough',
  confirm: 'long enough',
  ...over,
});

describe('export options', () => {
  it('groups every format exactly once', () => {
    expect(FORMAT_GROUPS.flatMap((g) => g.formats).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it('keeps the folder the user chose when the format changes, on either kind of path', () => {
    expect(pathForFormat('/home/s/Desktop/mine.pdf', '/home/s/Documents/Attune exports/session-3.attune-feedback')).toBe('/home/s/Desktop/session-3.attune-feedback');
    expect(pathForFormat('C:\\Users\\s\\Desktop\\x.pdf', 'C:\\Users\\s\\Documents\\Attune exports\\s.vtt')).toBe('C:\\Users\\s\\Desktop\\s.vtt');
    expect(pathForFormat('', '/a/b.pdf')).toBe('/a/b.pdf');
  });

  it('reads names and places one per line, without blanks or repeats', () => {
    expect(parseTerms('  Rosalind \n\nHarrogate\nrosalind\r\nSam Lee')).toEqual(['Rosalind', 'Harrogate', 'Sam Lee']);
  });

  it('prefills only a client name someone gave', () => {
    expect(prefilledTerms({ counselor: 'Dana', client: 'Rosalind', other: 'Other' })).toBe('Rosalind');
    expect(prefilledTerms({ counselor: 'Counselor', client: 'Client', other: 'Other' })).toBe('');
    expect(prefilledTerms(null)).toBe('');
  });

  it('builds the package options, and says plainly what is wrong', () => {
    expect(packageOptionsOf(form({ terms: 'Rosalind\n', bleep: true }))).toEqual({
      ok: true,
      options: { media: 'clips', clipPreRoll: 5, clipPostRoll: 3, deidentify: { terms: ['Rosalind'], bleep: true }, passphrase: 'long enough' },
    });
    expect(packageOptionsOf(form({ media: 'none', bleep: true, terms: 'X', protect: false }))).toMatchObject({
      ok: true,
      options: { deidentify: { terms: ['X'], bleep: false }, passphrase: null },
    });
    expect(packageOptionsOf(form({ passphrase: 'short', confirm: 'short' }))).toEqual({ ok: false, field: 'passphrase', message: 'The passphrase needs at least 8 characters.' });
    expect(packageOptionsOf(form({ confirm: 'long enougH' }))).toMatchObject({ ok: false, field: 'confirm' });
    expect(packageOptionsOf(form({ preRoll: '' }))).toMatchObject({ ok: false, field: 'preRoll' });
    expect(packageOptionsOf(form({ postRoll: '61' }))).toMatchObject({ ok: false, field: 'postRoll', message: 'The time after each moment is at most 60 seconds.' });
  });
});
