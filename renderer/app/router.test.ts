import { describe, expect, it } from 'vitest';
import { codebooksHref, cohortHref, feedbackHref, parseRoute, progressHref, searchHref, sessionHref } from './router';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'library' }],
    ['#/', { name: 'library' }],
    ['#/models', { name: 'models' }],
    ['#/codebooks', { name: 'codebooks', id: null }],
    ['#/codebooks/', { name: 'codebooks', id: null }],
    ['#/codebooks/default', { name: 'codebooks', id: 'default' }],
    ['#/session/abc', { name: 'session', id: 'abc' }],
    ['#/feedback/abc', { name: 'feedback', id: 'abc' }],
    ['#/feedback/', { name: 'not-found', path: '/feedback/' }],
    ['#/codebooks/%E0%A4%A', { name: 'not-found', path: '/codebooks/%E0%A4%A' }],
    ['#/elsewhere', { name: 'not-found', path: '/elsewhere' }],
    ['#/session/abc?t=12.5', { name: 'session', id: 'abc', at: 12.5 }],
    ['#/session/abc?t=-3', { name: 'session', id: 'abc' }],
    ['#/session/abc?t=soon', { name: 'session', id: 'abc' }],
    ['#/search', { name: 'search', params: {} }],
    ['#/search?q=sustain%20talk&trainee=Ana', { name: 'search', params: { q: 'sustain talk', trainee: 'Ana' } }],
    ['#/progress', { name: 'progress', trainee: null }],
    ['#/progress/Ana%20Li', { name: 'progress', trainee: 'Ana Li' }],
    ['#/cohort', { name: 'cohort', cohort: null }],
    ['#/cohort/MSW%202026', { name: 'cohort', cohort: 'MSW 2026' }],
    ['#/retention', { name: 'retention' }],
    ['#/storage', { name: 'storage' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads back the addresses it makes', () => {
    expect(parseRoute(codebooksHref('a b/c'))).toEqual({ name: 'codebooks', id: 'a b/c' });
    expect(parseRoute(codebooksHref())).toEqual({ name: 'codebooks', id: null });
    expect(parseRoute(sessionHref('x/y'))).toEqual({ name: 'session', id: 'x/y' });
    expect(parseRoute(feedbackHref('x/y'))).toEqual({ name: 'feedback', id: 'x/y' });
    expect(parseRoute(sessionHref('x/y', 61.25))).toEqual({ name: 'session', id: 'x/y', at: 61.25 });
    expect(parseRoute(searchHref({ q: 'a & b?', speaker: '' }))).toEqual({ name: 'search', params: { q: 'a & b?' } });
    expect(parseRoute(progressHref('Ana / Li'))).toEqual({ name: 'progress', trainee: 'Ana / Li' });
    expect(parseRoute(cohortHref('C#1'))).toEqual({ name: 'cohort', cohort: 'C#1' });
  });
});
