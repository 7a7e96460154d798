import { describe, expect, it, vi } from 'vitest';
import { DATABASE_NAME } from '../../../renderer/src/db/database';
import { onStorageUpgradedElsewhere, storage } from '../../../renderer/src/db';

/**
 * Another tab upgrades the app's database while this one is still starting, before the update
 * prompt listens (it does after the first render). The app's own handler must already be in place:
 * Dexie's default would close and silently reopen on the next write, which then fails for good
 * against the newer schema. The prompt, once it listens, hears of the upgrade at once.
 */
function upgradeFromAnotherTab(): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = indexedDB.open(DATABASE_NAME);
    probe.onerror = () => { reject(probe.error ?? new Error('open failed')); };
    probe.onsuccess = () => {
      const version = probe.result.version;
      probe.result.close();
      const upgrade = indexedDB.open(DATABASE_NAME, version + 1);
      upgrade.onerror = () => { reject(upgrade.error ?? new Error('upgrade failed')); };
      upgrade.onsuccess = () => {
        upgrade.result.close();
        resolve();
      };
    };
  });
}

describe('an upgrade by another tab during start-up', () => {
  it('closes this tab’s database for good, and tells the listener that comes later', async () => {
    await storage().settings.get('ui.language');
    await upgradeFromAnotherTab();
    // Not reopened behind the person's back: a write now fails instead of reaching an older schema.
    await expect(storage().settings.get('ui.language')).rejects.toThrow();

    const afterClose = vi.fn();
    const beforeClose = vi.fn(() => Promise.resolve());
    const stop = onStorageUpgradedElsewhere(beforeClose, afterClose);
    expect(afterClose).toHaveBeenCalledExactlyOnceWith(true);
    // Nothing of this tab was waiting to be written then: there was nothing to save.
    expect(beforeClose).not.toHaveBeenCalled();
    stop();
  });
});
