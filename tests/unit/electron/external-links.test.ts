import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ExternalUrlRefusedError } from '../../../shared/errors';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) },
}));
vi.mock('electron', () => electron);

import { openExternalSafely } from '../../../electron/main/external-links';

describe('openExternalSafely', () => {
  beforeEach(() => {
    electron.shell.openExternal.mockClear();
  });

  it.each([
    ['https://publicadministration.un.org/egovkb', 'https://publicadministration.un.org/egovkb'],
    ['http://example.org/a?b=c#d', 'http://example.org/a?b=c#d'],
    ['  https://example.org  ', 'https://example.org/'],
  ])('opens %s in the system browser', async (input, expected) => {
    await openExternalSafely(input);
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-settings:privacy'],
    ['credentials', 'https://user:secret@example.org/'],
    ['malformed text', 'https://'],
    ['a relative path', '/index.html'],
    ['an empty string', ''],
    ['a number', 42],
    ['null', null],
    ['an object', { href: 'https://example.org' }],
  ])('refuses %s and never calls shell.openExternal', async (_what, input) => {
    await expect(openExternalSafely(input)).rejects.toBeInstanceOf(ExternalUrlRefusedError);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});
