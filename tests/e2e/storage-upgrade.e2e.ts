import { expect, startResponse, test } from './fixtures';

/**
 * A newer version of the app opened in another tab upgrades the stored data (issue 9's gap, closed
 * with issue 10): this tab writes what it holds, lets go of the database so the upgrade goes ahead,
 * says so, and takes its answer screen out of use, since nothing typed now could be stored.
 */
test('another tab upgrading the stored data: this tab saves, lets go, says so and stops taking changes', async ({ page }) => {
  await startResponse(page);
  const url = page.getByLabel('Address (URL) of the national government portal');
  await url.fill('https://www.gov.example/');

  // The "newer tab": an upgrade of the app's database, from a connection of its own in this page.
  const stored = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const probe = indexedDB.open('egov-desk');
        probe.onerror = () => { reject(probe.error ?? new Error('open failed')); };
        probe.onsuccess = () => {
          const version = probe.result.version;
          probe.result.close();
          const upgrade = indexedDB.open('egov-desk', version + 1);
          upgrade.onerror = () => { reject(upgrade.error ?? new Error('upgrade failed')); };
          // "blocked" only says the app's connection is still open while it saves; the upgrade waits for
          // it to close (a connection that never closed would leave this promise, and the test, hanging).
          upgrade.onsuccess = () => {
            const db = upgrade.result;
            const read = db.transaction('answers').objectStore('answers').getAll();
            read.onsuccess = () => {
              db.close();
              resolve(read.result);
            };
            read.onerror = () => { reject(read.error ?? new Error('read failed')); };
          };
        };
      }),
  );
  // What was typed before the upgrade is in the upgraded database.
  expect(JSON.stringify(stored)).toContain('https://www.gov.example/');

  await expect(page.getByText('has upgraded your stored data. Everything this tab had was saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
  // Nothing more can be stored: the answer screen is out of use, the notice still reachable.
  await expect(page.locator('#main')).toHaveAttribute('inert', '');
  // An inert field cannot take the focus, so nothing can be typed into it.
  expect(await url.evaluate((input) => { (input as HTMLInputElement).focus(); return document.activeElement === input; })).toBe(false);
});
