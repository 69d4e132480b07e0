import { describe, expect, it } from 'vitest';
import { codebooksHref, feedbackHref, parseRoute, sessionHref } from './router';

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
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads back the addresses it makes', () => {
    expect(parseRoute(codebooksHref('a b/c'))).toEqual({ name: 'codebooks', id: 'a b/c' });
    expect(parseRoute(codebooksHref())).toEqual({ name: 'codebooks', id: null });
    expect(parseRoute(sessionHref('x/y'))).toEqual({ name: 'session', id: 'x/y' });
    expect(parseRoute(feedbackHref('x/y'))).toEqual({ name: 'feedback', id: 'x/y' });
  });
});
