import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/app/router';
import type { Route } from '../../../renderer/src/app/router';
import { parseNumberInput } from '../../../renderer/src/features/answering/ScalarField';

describe('routes', () => {
  const routes: Route[] = [
    { name: 'home' },
    { name: 'new' },
    { name: 'new', questionnaireId: 'msq-2024' },
    { name: 'response', responseId: 'a b/c' },
    { name: 'response', responseId: 'r1', sectionId: 'A.1' },
    { name: 'response', responseId: 'r1', sectionId: 'check', questionId: 'A.1.2' },
    { name: 'response', responseId: 'r1', view: 'check' },
    { name: 'response', responseId: 'r1', layout: 'all' },
    { name: 'response', responseId: 'r1', sectionId: 'CP', layout: 'all' },
    { name: 'response', responseId: 'r1', sectionId: 'CP', questionId: 'LOSI.1', layout: 'all' },
    { name: 'identity' },
    { name: 'verify' },
    { name: 'review' },
  ];
  it.each(routes)('round-trips %o', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('falls back to home on anything unknown', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'home' });
    expect(parseRoute('')).toEqual({ name: 'home' });
  });

  it('prints the one-page layout as ?layout=all and ignores a layout it does not know', () => {
    expect(routeHref({ name: 'response', responseId: 'r1', layout: 'all' })).toBe('#/response/r1?layout=all');
    expect(parseRoute('#/response/r1?layout=columns')).toEqual({ name: 'response', responseId: 'r1' });
  });
});

describe('parseNumberInput', () => {
  it.each([
    ['42', 'integer', 42],
    [' -7 ', 'integer', -7],
    ['', 'integer', undefined],
    ['12a', 'integer', '12a'],
    ['1.5', 'integer', '1.5'],
    ['3,25', 'decimal', 3.25],
    ['3.25', 'decimal', 3.25],
    ['2024', 'year', 2024],
  ] as const)('%s as %s gives %s', (text, kind, expected) => {
    expect(parseNumberInput(text, kind)).toEqual(expected);
  });
});
