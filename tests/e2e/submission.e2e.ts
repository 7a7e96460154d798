import { collectDownloads, completeTestResponse, expect, expectNoAxeViolations, pickFiles, section, test } from './fixtures';

test('create an identity, complete a response, sign and export both files, and verify them', async ({ page }) => {
  // 1. The identity: name, organisation, e-mail; a key id to read aloud; the public signer card.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signing identity' }).click();
  await page.getByLabel('Your name').fill('Kai Tamm');
  await page.getByLabel('Organisation').fill('Information System Authority');
  await page.getByLabel('E-mail').fill('kai.tamm@example.ee');
  await page.getByRole('button', { name: 'Create identity and key' }).click();
  await expect(page.getByRole('heading', { name: 'Current identity' })).toBeVisible();
  await expect(page.getByTestId('key-id')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await expectNoAxeViolations(page, 'the identity screen');
  const cardFile = collectDownloads(page);
  await page.getByRole('button', { name: 'Save signer card' }).click();
  const [card] = await cardFile(1);
  if (!card) throw new Error('no signer card');
  expect(JSON.parse(card.buffer.toString('utf8'))).toMatchObject({ format: 'egov-desk/signer-card', name: 'Kai Tamm', algorithm: 'Ed25519' });

  // 2. A complete response.
  await completeTestResponse(page);

  // 3. Check, review, sign, save both files.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Check and submit/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ready to submit.' })).toBeVisible();
  await page.getByRole('button', { name: 'Review and sign…' }).click();
  await expect(page.getByRole('heading', { name: 'Final review' })).toBeFocused();
  await expectNoAxeViolations(page, 'the final review');
  const files = collectDownloads(page);
  await page.getByRole('button', { name: 'Sign and save both files' }).click();
  const [json, xlsx] = await files(2);
  if (!json || !xlsx) throw new Error('expected two files');
  expect(json.name).toMatch(/^Estonia-test-all-types-\d{4}-\d{2}-\d{2}\.json$/);
  expect(xlsx.name).toMatch(/\.xlsx$/);
  await expect(page.getByText(/Signed and exported on .* This response is now read-only\./)).toBeVisible();

  // Read-only from now on.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /A\. Institutional framework/ }).click();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toBeDisabled();

  // 4. The verifier: trust the card, open both files.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verify files' }).click();
  await pickFiles(page, 'Add signer cards…', [card]);
  await expect(page.getByRole('region', { name: 'Trusted signers' })).toContainText('Kai Tamm (Information System Authority, kai.tamm@example.ee)');
  await pickFiles(page, 'Choose files to verify…', [json, xlsx]);
  const results = page.getByRole('region', { name: 'Results' }).getByRole('listitem').filter({ has: page.getByRole('heading') });
  await expect(results).toHaveCount(2);
  for (const result of await results.all()) {
    await expect(result).toContainText('Valid: signed by Kai Tamm (Information System Authority) and unchanged since signing.');
    await expect(result).toContainText('The signer is on your trusted list.');
  }
  await expectNoAxeViolations(page, 'the verifier with results');

  // 5. An edited answer is caught, and named.
  const edited = JSON.parse(json.buffer.toString('utf8')) as { answers: Record<string, unknown> };
  edited.answers['A.1'] = 'https://phishing.example/';
  await pickFiles(page, 'Choose files to verify…', [{ name: 'edited.json', buffer: Buffer.from(JSON.stringify(edited)) }]);
  await expect(page.getByRole('region', { name: 'Results' })).toContainText('Changed after signing');
  await expect(page.getByRole('region', { name: 'Results' })).toContainText('answers.A.1');

  // 6. A revision starts an editable copy.
  await page.goBack();
  await page.getByRole('button', { name: 'Start a revision' }).click();
  await expect(page.getByText(/This is a revision of submission/)).toBeVisible();
  await section(page, 'A. Institutional framework').click();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toBeEnabled();
});
