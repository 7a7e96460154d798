import { completeTestResponse, collectDownloads, createIdentity, expect, pickFiles, signAndSave, test } from './fixtures';

test('the review loop: query two questions, the focal point answers in a revision, the reviewer sees it answers the review', async ({ browser }) => {
  // Two people, two browsers: each has its own IndexedDB, as on two machines.
  const focal = await (await browser.newContext()).newPage();
  const reviewer = await (await browser.newContext()).newPage();

  await focal.goto('/');
  await createIdentity(focal, { name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai@example.ee' });
  await completeTestResponse(focal);
  const first = await signAndSave(focal);

  // The reviewer opens the file: valid but unknown, then trusted.
  await reviewer.goto('/');
  await createIdentity(reviewer, { name: 'Rosa Díaz', organisation: 'UN DESA', email: 'rosa@example.org' });
  await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Responses' }).click();
  await pickFiles(reviewer, 'Open a submission…', [first.json]);
  const banner = reviewer.locator('.verification-banner');
  await expect(banner).toContainText('Valid, but the signer is not on your trusted list: Kai Tamm');
  await banner.getByRole('button', { name: 'Add to trusted signers' }).click();
  await expect(banner).toContainText('Valid, from a trusted signer: Kai Tamm');

  // Two queries and a general comment, then the signed review.
  const portal = reviewer.locator('[data-question-id="A.1"]');
  await portal.getByRole('radio', { name: 'Query' }).check();
  await portal.getByLabel('Your question to the focal point').fill('This address redirects; give the current portal address.');
  await portal.getByLabel('Your question to the focal point').blur();
  const title = reviewer.locator('[data-question-id="A.2.1"]');
  await title.getByRole('radio', { name: 'Query' }).check();
  await title.getByLabel('Your question to the focal point').fill('Give the official title of the strategy.');
  await title.getByLabel('Your question to the focal point').blur();
  await reviewer.locator('[data-question-id="A.2"]').getByRole('radio', { name: 'Accepted' }).check();
  await reviewer.getByLabel('General comment').fill('Thank you; two points to check.');
  const reviewFiles = collectDownloads(reviewer);
  await reviewer.getByRole('button', { name: 'Sign and save the review' }).click();
  const [reviewJson] = await reviewFiles(2);
  if (!reviewJson) throw new Error('no review file');
  expect(JSON.parse(reviewJson.buffer.toString('utf8'))).toMatchObject({ format: 'egov-desk/review', notes: expect.arrayContaining([expect.objectContaining({ questionId: 'A.1', status: 'query' })]) });

  // The focal point opens the review: the queries sit at the right questions.
  await focal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Responses' }).click();
  await pickFiles(focal, 'Open a review you received…', [reviewJson]);
  await expect(focal.getByRole('status').filter({ hasText: 'Review from Rosa Díaz (UN DESA): 2 questions to answer' })).toBeVisible();
  await expect(focal.locator('[data-question-id="A.1"]').getByRole('note')).toContainText('This address redirects');
  await expect(focal.locator('[data-question-id="A.2.1"]').getByRole('note')).toContainText('official title');
  await expect(focal.locator('[data-question-id="A.4"]').getByRole('note')).toHaveCount(0);

  // A revision answers it, and the new signed version says so.
  await focal.getByRole('button', { name: 'Start a revision' }).click();
  await expect(focal.locator('[data-question-id="A.1"]').getByRole('note')).toBeVisible();
  await focal.getByLabel('Address (URL) of the national government portal').fill('https://portal.gov.example/');
  await focal.getByLabel('Title of the strategy').fill('National Digital Strategy 2030');
  const second = await signAndSave(focal);
  const revised = JSON.parse(second.json.buffer.toString('utf8')) as { answersReview?: { reviewId: string }; revises?: string };
  const review = JSON.parse(reviewJson.buffer.toString('utf8')) as { reviewId: string };
  expect(revised.answersReview?.reviewId).toBe(review.reviewId);

  // The reviewer opens the new version: valid, trusted, and it answers the review.
  await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Responses' }).click();
  await pickFiles(reviewer, 'Open a submission…', [second.json]);
  await expect(banner).toContainText('Valid, from a trusted signer: Kai Tamm');
  await expect(reviewer.getByText(`This version answers review ${review.reviewId}.`)).toBeVisible();
});
