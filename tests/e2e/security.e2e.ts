import { expect, startResponse, test } from './fixtures';

test('a javascript: link in an answer is refused with a reason, and nothing opens', async ({ page, context }) => {
  await startResponse(page);
  let popups = 0;
  context.on('page', () => { popups += 1; });
  await page.getByLabel('Address (URL) of the national government portal').fill('javascript:alert(document.domain)');
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('alert')).toContainText('The link was not opened. Only http and https links can be opened, not javascript:');
  expect(popups).toBe(0);
});

test('an http(s) link opens in a new tab that has no handle on the app', async ({ page, context }) => {
  await startResponse(page);
  // Nothing is reachable here: answer the request locally so the tab loads.
  await context.route('https://www.gov.example/**', (route) => route.fulfill({ body: '<title>portal</title>', contentType: 'text/html' }));
  await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open link' }).click()]);
  await popup.waitForLoadState();
  expect(await popup.evaluate(() => window.opener === null)).toBe(true);
});

test('the page runs under the strict Content-Security-Policy: no inline script can run', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const blocked = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => { resolve(event.violatedDirective); }, { once: true });
    });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return { directive: await violation, ran: 'injected' in window };
  });
  expect(blocked).toEqual({ directive: 'script-src-elem', ran: false });
  // Chromium reports the blocked script on the console, and the fixture reports the violation event;
  // those two reports are the expected outcome here, and nothing else (no other violation).
  expect(consoleErrors).toHaveLength(2);
  expect(consoleErrors).toEqual(
    expect.arrayContaining([expect.stringContaining('violates the following Content Security Policy directive'), expect.stringContaining('Content-Security-Policy violation: script-src-elem')]),
  );
  consoleErrors.length = 0;
});
