import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_CHANNEL, announceRestore, announceRestoring, listenForRestore, reloadOnRestoreElsewhere } from '../../../renderer/src/app/data-broadcast';
import { realChannels } from '../../helpers/broadcast-channels';
import * as notices from '../../../renderer/src/app/notices';

const { factory: realChannel, closeAll, settle } = realChannels();

afterEach(() => {
  closeAll();
  vi.useRealTimers();
});

describe('telling other tabs that a restore replaced the data', () => {
  it('another page hears it; the page that restored does not react to its own message', async () => {
    const otherTab = vi.fn();
    const thisTab = vi.fn();
    const stopOther = listenForRestore(otherTab, realChannel, 'page-b');
    const stopThis = listenForRestore(thisTab, realChannel, 'page-a');
    announceRestore(realChannel, 'page-a');
    await settle();
    expect(otherTab).toHaveBeenCalledTimes(1);
    expect(thisTab).not.toHaveBeenCalled();
    stopOther();
    stopThis();
  });

  it('"restoring" is said before the restore writes, and other pages stop at once: they do not wait for the commit', async () => {
    const order: string[] = [];
    const abandonWrites = vi.fn(() => { order.push('other page stopped'); });
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, reload: vi.fn(), notify: vi.fn(), abandonWrites, delayMs: 10_000 });
    // The restoring page waits after announcing, so the other page has stopped before its transaction opens.
    await announceRestoring(realChannel, 'page-a', 60);
    order.push('restore writes');
    expect(order).toEqual(['other page stopped', 'restore writes']);
    // The commit's own message afterwards changes nothing more (already stopping and reloading).
    announceRestore(realChannel, 'page-a');
    await settle();
    expect(abandonWrites).toHaveBeenCalledTimes(1);
    stop();
  });

  it('ignores anything on the channel that is not a well-formed "restored" message', async () => {
    const heard = vi.fn();
    const stop = listenForRestore(heard, realChannel, 'page-b');
    const stranger = new BroadcastChannel(DATA_CHANNEL);
    for (const message of [null, 'restored', { type: 'restored' }, { type: 'deleted', from: 'x' }, { type: 'restored', from: 5 }]) stranger.postMessage(message);
    await settle();
    stranger.close();
    expect(heard).not.toHaveBeenCalled();
    stop();
  });

  it('stops listening when asked', async () => {
    const heard = vi.fn();
    listenForRestore(heard, realChannel, 'page-b')();
    announceRestore(realChannel, 'page-a');
    await settle();
    expect(heard).not.toHaveBeenCalled();
  });

  it('does nothing (and does not throw) where there is no BroadcastChannel', () => {
    expect(() => { announceRestore(() => undefined); }).not.toThrow();
    const stop = listenForRestore(vi.fn(), () => undefined);
    expect(() => { stop(); }).not.toThrow();
  });

  it('on a restore elsewhere: drops unwritten answers, shows the notice, then reloads once, after the delay', async () => {
    const reload = vi.fn();
    const order: string[] = [];
    const notify = vi.fn(() => { order.push('notify'); });
    const abandonWrites = vi.fn(() => { order.push('abandon'); });
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, reload, notify, abandonWrites, delayMs: 100 });
    announceRestore(realChannel, 'another-page');
    announceRestore(realChannel, 'another-page');
    await settle();
    expect(notify).toHaveBeenCalledTimes(1);
    // The page's pending answers are dropped first, so none is written over the restored data.
    expect(order).toEqual(['abandon', 'notify']);
    expect(reload).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
  });

  it('by default the notice is the app\'s own, in the notices every screen shows', async () => {
    const added = vi.spyOn(notices, 'addNotice');
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, reload: vi.fn(), delayMs: 10_000 });
    announceRestore(realChannel, 'another-page');
    await settle();
    expect(added).toHaveBeenCalledWith({ kind: 'info', key: 'backup.restoredElsewhere' });
    stop();
  });

  it('stopping cancels a pending reload', async () => {
    const reload = vi.fn();
    const notify = vi.fn();
    const stop = reloadOnRestoreElsewhere({ factory: realChannel, reload, notify, delayMs: 200 });
    announceRestore(realChannel, 'another-page');
    await settle();
    expect(notify).toHaveBeenCalledTimes(1);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reload).not.toHaveBeenCalled();
  });
});
