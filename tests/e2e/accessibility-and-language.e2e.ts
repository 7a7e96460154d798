import { expect, expectNoAxeViolations, section, startResponse, test } from './fixtures';

test('axe-core finds no violations on any screen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Your questionnaires' })).toBeVisible();
  await expectNoAxeViolations(page, 'home (empty)');

  await page.getByRole('link', { name: /Start a response to Test questionnaire/ }).click();
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByText('Enter the country or city this response is for.')).toBeVisible();
  await expectNoAxeViolations(page, 'new response with errors');

  await page.getByRole('textbox', { name: /^Country/ }).fill('Ghana');
  await page.getByLabel('Organisation').fill('NITA');
  await page.getByLabel('Focal point name').fill('Kofi');
  await page.getByLabel('Focal point e-mail').fill('kofi@example.gh');
  await page.getByRole('button', { name: 'Create response' }).click();
  await page.getByRole('radiogroup', { name: /digital government strategy/ }).getByLabel('Yes').check();
  await page.getByLabel('Year the strategy was adopted').fill('20x1');
  await page.getByLabel('Year the strategy was adopted').blur();
  await expectNoAxeViolations(page, 'section A with a follow-up and an error');
  for (const name of ['B. Online services', 'C. Ministry websites']) {
    await section(page, name).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    if (name.startsWith('C')) await page.getByRole('button', { name: 'Add Ministry' }).click();
    await expectNoAxeViolations(page, name);
  }

  await page.getByRole('link', { name: '← Back to home' }).click();
  await expectNoAxeViolations(page, 'home with a response');
  await page.getByRole('button', { name: /Delete the response of Ghana/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'delete confirmation');
});

test('switching to French persists across a reload, with dates and numbers in French', async ({ page }) => {
  await startResponse(page);
  await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByRole('link', { name: '← Retour à l’accueil' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('link', { name: '← Retour à l’accueil' })).toBeVisible();
  await expect(page.getByLabel('Langue')).toHaveValue('fr');
  await page.getByRole('link', { name: '← Retour à l’accueil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vos questionnaires' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Réponses en cours' })).toBeVisible();
  // Percentages in French put a (narrow) space before the sign.
  await expect(page.getByRole('row', { name: /Estonia/ })).toContainText(/\d+\s%/);
  await expectNoAxeViolations(page, 'home in French');

  await page.getByLabel('Langue').selectOption('en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your questionnaires' })).toBeVisible();
});

test('the layout mirrors when the direction is right-to-left', async ({ page }) => {
  await startResponse(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const body = page.getByRole('heading', { level: 1 });
  const ltrNav = await nav.boundingBox();
  const ltrBody = await body.boundingBox();
  expect(ltrNav && ltrBody && ltrNav.x < ltrBody.x).toBe(true);

  // The same switch the i18n layer makes for a right-to-left language.
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
  const rtlNav = await nav.boundingBox();
  const rtlBody = await body.boundingBox();
  expect(rtlNav && rtlBody && rtlNav.x > rtlBody.x).toBe(true);
});
