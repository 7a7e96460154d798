import { describe, expect, it, vi } from 'vitest';
import { openFilesHandedOver } from '../../../renderer/src/features/review/use-opened-with';
import type { OpenedWithDependencies } from '../../../renderer/src/features/review/use-opened-with';
import type { OpenedWithFiles } from '../../../renderer/src/platform/types';

/** The page side of "open with": what it does with the files the desktop side hands over. */
function dependencies(taken: OpenedWithFiles) {
  return {
    take: vi.fn<OpenedWithDependencies['take']>(() => Promise.resolve(taken)),
    open: vi.fn<OpenedWithDependencies['open']>(() => Promise.resolve()),
    report: vi.fn<OpenedWithDependencies['report']>(),
  } satisfies OpenedWithDependencies;
}

const file = (name: string) => ({ name, data: new Uint8Array([1, 2, 3]) });

describe('openFilesHandedOver', () => {
  it('does nothing when no file waits', async () => {
    const deps = dependencies({ files: [], refused: [] });
    await openFilesHandedOver(deps);
    expect(deps.take).toHaveBeenCalledOnce();
    expect(deps.open).not.toHaveBeenCalled();
    expect(deps.report).not.toHaveBeenCalled();
  });

  it('verifies and reviews the first file, and reports the others as not opened', async () => {
    const deps = dependencies({ files: [file('a.json'), file('b.xlsx')], refused: [] });
    await openFilesHandedOver(deps);
    expect(deps.open).toHaveBeenCalledExactlyOnceWith('a.json', new Uint8Array([1, 2, 3]));
    expect(deps.report).toHaveBeenCalledOnce();
    expect(deps.report.mock.calls[0]?.[0]).toBe('review.openFailed');
    expect(String(deps.report.mock.calls[0]?.[1])).toContain('b.xlsx: Only one submission');
  });

  it('reports each refused file as "name: reason" under review.openFailed', async () => {
    const deps = dependencies({ files: [], refused: [{ name: 'huge.xlsx', reason: 'The file is larger than the 64 MiB limit.' }] });
    await openFilesHandedOver(deps);
    expect(deps.report).toHaveBeenCalledExactlyOnceWith('review.openFailed', new Error('huge.xlsx: The file is larger than the 64 MiB limit.'));
    expect(deps.open).not.toHaveBeenCalled();
  });

  it('passes a failed verification on to the caller, which reports it', async () => {
    const deps = dependencies({ files: [file('broken.json')], refused: [] });
    deps.open.mockRejectedValueOnce(new Error('not a submission'));
    await expect(openFilesHandedOver(deps)).rejects.toThrow('not a submission');
  });
});
