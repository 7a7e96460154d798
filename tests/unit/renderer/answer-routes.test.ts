import { describe, expect, it } from 'vitest';
import { parseRoute, revisionRoute, routeHref } from '../../../renderer/src/app/router';

/** Issue 10 review, item 1: "Start a revision" keeps the layout the person chose. */
describe('the address "Start a revision" leads to', () => {
  it('keeps the one-page layout', () => {
    const route = revisionRoute('rev-2', 'all');
    expect(route).toEqual({ name: 'response', responseId: 'rev-2', layout: 'all' });
    expect(routeHref(route)).toBe('#/response/rev-2?layout=all');
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('stays section by section when that was the layout', () => {
    expect(routeHref(revisionRoute('rev-2', undefined))).toBe('#/response/rev-2');
  });
});
