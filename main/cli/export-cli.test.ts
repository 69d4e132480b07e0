/**
 * `attune export` as a user runs it: the built CLI, a real library (recording, transcript and
 * annotations imported through the CLI), files written where --out says and nowhere else.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_ROWS, SAMPLE_RECORDING, truthUtterances, truthVtt } from '../services/export/export-test-session';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

describe('attune export', () => {
  let dataDir: string;
  let work: string;
  let id: string;
  const run = (...args: string[]) => runAttune(dataDir, args);

  beforeAll(() => {
    dataDir = tempDir('attune-cli-export-');
    work = tempDir('attune-cli-export-out-');
    const imported = run('import', path.join(sharedData, SAMPLE_RECORDING), '--title', 'Session 3: Dana', '--json');
    expect(imported.code).toBe(0);
    id = (JSON.parse(imported.stdout) as { id: string }[])[0]?.id ?? '';
    const vtt = path.join(work, 'truth.vtt');
    fs.writeFileSync(vtt, truthVtt());
    expect(run('transcript', 'import', id, vtt).code).toBe(0);
    const csv = path.join(work, 'annotations.csv');
    fs.writeFileSync(csv, ['start,end,code,comment,model_response', ...ANNOTATION_ROWS.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(','))].join('\n'));
    expect(run('annotations', 'import', id, csv).code).toBe(0);
    fs.rmSync(vtt);
    fs.rmSync(csv);
  }, 120_000);

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes a file, says where in plain words, and answers JSON with --json', () => {
    const out = path.join(work, 'transcript.vtt');
    const res = run('export', id.slice(0, 8), '--format', 'vtt', '--out', out);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim()).toMatch(new RegExp(`^Exported “Session 3: Dana” as Transcript \\(WebVTT\\) to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+(\\.\\d)? KB\\)\\.$`));
    expect(fs.readFileSync(out, 'utf8')).toContain(`<v Therapist>${truthUtterances()[0]?.text}`);

    const eaf = path.join(work, 'session.eaf');
    const json = run('export', id, '--format', 'eaf', '--out', eaf, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ sessionId: id, format: 'eaf', path: eaf, bytes: fs.statSync(eaf).size });
    execFileSync('xmllint', ['--noout', '--schema', path.join(sharedData, 'elan', 'EAFv3.0.xsd'), eaf], { stdio: 'pipe' });
  });

  it('--out a folder: the file is named from the title', () => {
    const res = run('export', id, '--format', 'docx', '--out', work, '--json');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { path: string }).path).toBe(path.join(work, 'session-3-dana.transcript.docx'));
    expect(fs.readFileSync(path.join(work, 'session-3-dana.transcript.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('never overwrites without --force; a missing folder is refused; nothing half-written is left', () => {
    const out = path.join(work, 'existing.csv');
    fs.writeFileSync(out, 'keep me');
    const refused = run('export', id, '--format', 'csv', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`attune export: ${out} already exists; add --force to replace it.`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    expect(run('export', id, '--format', 'csv', '--out', out, '--force').code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe('start,end,code,code_name,kind,author,comment,transcript_text,model_response');

    const missing = path.join(work, 'no-such-folder');
    const failed = run('export', id, '--format', 'txt', '--out', path.join(missing, 'x.txt'));
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(`attune export: The folder ${missing} does not exist.`);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('the feedback package, locked with the first line of a passphrase file', () => {
    const secret = path.join(work, 'passphrase.txt');
    fs.writeFileSync(secret, 'correct horse battery\nnot part of it\n');
    const out = path.join(work, 'for-dana.attune-feedback');
    const res = run('export', id, '--format', 'package', '--out', out, '--passphrase-file', secret, '--deidentify-terms', 'David, Sam', '--json');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ format: 'package', path: out });
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 2).toString('latin1')).not.toBe('PK');
    expect(bytes.includes(Buffer.from('correct horse battery'))).toBe(false);
    fs.rmSync(secret);
    fs.rmSync(out);
  });

  it('explains misuse, and never takes a passphrase on the command line', () => {
    expect(run('export', id, '--out', work).stderr).toMatch(/^attune export: Choose the format with --format \(pdf, html, csv, json, vtt, srt, txt, docx, eaf, package\)\./);
    expect(run('export', id, '--format', 'mp3', '--out', work).code).toBe(2);
    expect(run('export', id, '--format', 'vtt').stderr).toMatch(/^attune export: Say where to save the export: --out <file or folder>\./);
    expect(run('export', '--format', 'vtt', '--out', work).code).toBe(2);
    const secret = run('export', id, '--format', 'package', '--out', work, '--passphrase', 'hunter2hunter2');
    expect(secret.code).toBe(2);
    expect(secret.stderr).toMatch(/^attune export: A passphrase on the command line can be seen by others on this computer: write it on the first line of a file and use --passphrase-file F\./);
    expect(run('export', id, '--format', 'vtt', '--out', work, '--clips').stderr).toMatch(/^attune export: --clips is for --format package\./);
    expect(run('export', id, '--format', 'package', '--out', work, '--clips', '--media').stderr).toMatch(/^attune export: Choose one: --clips/);
    // The transcript's client is still the unnamed "Client", so there is no name to prefill.
    expect(run('export', id, '--format', 'package', '--out', work, '--deidentify').stderr).toMatch(
      /^attune export: This session’s transcript names no client \(the Client speaker is unnamed\): list the names and places to replace with --deidentify-terms "Name,Place"\./,
    );
    const short = path.join(work, 'short-passphrase.txt');
    fs.writeFileSync(short, 'short\nsecond line ignored\n');
    expect(run('export', id, '--format', 'package', '--out', work, '--passphrase-file', short).stderr).toMatch(/^attune export: A passphrase needs at least 8 characters\./);
    expect(run('export', id, '--format', 'package', '--out', work, '--passphrase-file', path.join(work, 'none.txt')).stderr.trim()).toBe(
      `attune export: The passphrase file ${path.join(work, 'none.txt')} does not exist.`,
    );
    fs.rmSync(short);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.attune-feedback'))).toEqual([]);
  });
});
