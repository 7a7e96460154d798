import type { Locator, Page } from '@playwright/test';
import { expect, expectSaved, section, startResponse, test } from './fixtures';

const radios = (page: Page, name: string | RegExp) => page.getByRole('radiogroup', { name });

async function fillEverything(page: Page) {
  // Section A: URL, yes/no with conditional follow-ups, short text, year, date, yes/no/NA, e-mail.
  await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
  await radios(page, /national e-government or digital government strategy/).getByLabel('Yes').check();
  await page.getByLabel('Title of the strategy').fill('Digital Estonia 2030 — «e-State»');
  await page.getByLabel('Year the strategy was adopted').fill('2021');
  await page.getByLabel('Date of the latest revision of the strategy').fill('2023-06-15');
  await radios(page, /Chief Information Officer/).getByLabel('Not applicable').check();
  await page.getByLabel('E-mail address of the lead e-government agency').fill('info@ria.example.ee');
  await expectSaved(page);

  // Section B: multiple choice (with a conditional "other"), single choice, integer, decimal, long text.
  await section(page, 'B. Online services').click();
  await expect(page.getByRole('heading', { level: 1, name: 'B. Online services' })).toBeVisible();
  const channels = page.getByRole('group', { name: /Through which channels/ });
  await channels.getByLabel('Web portal').check();
  await channels.getByLabel('SMS').check();
  await expect(page.getByLabel('Which other channels?')).toHaveCount(0);
  await channels.getByLabel('Other').check();
  await page.getByLabel('Which other channels?').fill('Post offices');
  await radios(page, /Who leads the delivery/).getByLabel('A mix of both').check();
  await page.getByLabel('Number of fully online (transactional) services').fill('1250');
  await page.getByLabel('Share of users satisfied with online services').fill('87.5');
  await page.getByLabel('Describe the main obstacles').fill('Line one.\nLine two, with ünïcödé and 漢字.');
  await expectSaved(page);

  // Section C: a repeatable group with a conditional sub-question, two rows.
  await section(page, 'C. Ministry websites').click();
  await page.getByRole('button', { name: 'Add Ministry' }).click();
  const row1 = page.getByRole('group', { name: 'Ministry 1' });
  await row1.getByLabel('Name of the ministry').fill('Ministry of Social Affairs');
  await row1.getByRole('radiogroup', { name: /Sector/ }).getByLabel('Health').check();
  await row1.getByLabel('Website').fill('https://www.sm.example.ee/');
  await row1.getByRole('radiogroup', { name: /offer online services/ }).getByLabel('Yes').check();
  await row1.getByLabel('How many?').fill('14');
  await page.getByRole('button', { name: 'Add Ministry' }).click();
  const row2 = page.getByRole('group', { name: 'Ministry 2' });
  await row2.getByLabel('Name of the ministry').fill('Ministry of Justice');
  await row2.getByRole('radiogroup', { name: /offer online services/ }).getByLabel('No').check();
  await expect(row2.getByLabel('How many?')).toHaveCount(0);
  await expectSaved(page);
}

async function expectEverything(page: Page) {
  await section(page, 'A. Institutional framework').click();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://www.gov.example/');
  await expect(radios(page, /national e-government or digital government strategy/).getByLabel('Yes')).toBeChecked();
  await expect(page.getByLabel('Title of the strategy')).toHaveValue('Digital Estonia 2030 — «e-State»');
  await expect(page.getByLabel('Year the strategy was adopted')).toHaveValue('2021');
  await expect(page.getByLabel('Date of the latest revision of the strategy')).toHaveValue('2023-06-15');
  await expect(radios(page, /Chief Information Officer/).getByLabel('Not applicable')).toBeChecked();
  await expect(page.getByLabel('E-mail address of the lead e-government agency')).toHaveValue('info@ria.example.ee');

  await section(page, 'B. Online services').click();
  const channels = page.getByRole('group', { name: /Through which channels/ });
  await expect(channels.getByLabel('Web portal')).toBeChecked();
  await expect(channels.getByLabel('SMS')).toBeChecked();
  await expect(channels.getByLabel('Mobile app')).not.toBeChecked();
  await expect(channels.getByLabel('Other')).toBeChecked();
  await expect(page.getByLabel('Which other channels?')).toHaveValue('Post offices');
  await expect(radios(page, /Who leads the delivery/).getByLabel('A mix of both')).toBeChecked();
  await expect(page.getByLabel('Number of fully online (transactional) services')).toHaveValue('1250');
  await expect(page.getByLabel('Share of users satisfied with online services')).toHaveValue('87.5');
  await expect(page.getByLabel('Describe the main obstacles')).toHaveValue('Line one.\nLine two, with ünïcödé and 漢字.');

  await section(page, 'C. Ministry websites').click();
  const row1 = page.getByRole('group', { name: 'Ministry 1' });
  await expect(row1.getByLabel('Name of the ministry')).toHaveValue('Ministry of Social Affairs');
  await expect(row1.getByRole('radiogroup', { name: /Sector/ }).getByLabel('Health')).toBeChecked();
  await expect(row1.getByLabel('Website')).toHaveValue('https://www.sm.example.ee/');
  await expect(row1.getByLabel('How many?')).toHaveValue('14');
  const row2 = page.getByRole('group', { name: 'Ministry 2' });
  await expect(row2.getByLabel('Name of the ministry')).toHaveValue('Ministry of Justice');
  await expect(row2.getByRole('radiogroup', { name: /offer online services/ }).getByLabel('No')).toBeChecked();
}

test('fills every question type, reloads, and finds every answer exactly as left', async ({ page }) => {
  await startResponse(page);
  await fillEverything(page);
  await page.reload();
  await expectEverything(page);

  // The home screen shows the response with its respondent and progress.
  await page.getByRole('link', { name: '← Back to home' }).click();
  const row = page.getByRole('row', { name: /Estonia — Information System Authority/ });
  await expect(row).toContainText('Kai Tamm');
  await expect(row.getByRole('progressbar')).toHaveAttribute('value', /\d+/);
  await expect(row).toContainText(/\d+% \(\d+ of \d+\)/);
});

test('shows and hides conditional questions and sections, keeping hidden answers', async ({ page }) => {
  await startResponse(page);
  const strategy = radios(page, /national e-government or digital government strategy/);
  await expect(page.getByLabel('Title of the strategy')).toHaveCount(0);
  await strategy.getByLabel('Yes').check();
  await page.getByLabel('Title of the strategy').fill('National Digital Agenda');
  await expect(section(page, 'D. Plans')).toHaveCount(0);

  await strategy.getByLabel('No').check();
  await expect(page.getByLabel('Title of the strategy')).toHaveCount(0);
  await expect(section(page, 'D. Plans')).toBeVisible();

  await strategy.getByLabel('Yes').check();
  await expect(page.getByLabel('Title of the strategy')).toHaveValue('National Digital Agenda');
  await expect(section(page, 'D. Plans')).toHaveCount(0);
});

test('keeps a number that cannot be read and explains it after the field is left', async ({ page }) => {
  await startResponse(page);
  await section(page, 'B. Online services').click();
  const count = page.getByLabel('Number of fully online (transactional) services');
  await count.fill('12a');
  await expect(page.getByText('Enter a number, using digits only.')).toHaveCount(0);
  await count.blur();
  await expect(page.getByText('Enter a number, using digits only.')).toBeVisible();
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expectSaved(page);
  await page.reload();
  await expect(page.getByLabel('Number of fully online (transactional) services')).toHaveValue('12a');
});

/** Presses Tab, as a person would, until the control has focus (at most `limit` presses). */
async function tabTo(page: Page, target: Locator, limit = 6) {
  const focused = () => target.evaluate((element) => element === document.activeElement);
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await focused()) return;
  }
  throw new Error(`${target.toString()} was not reached with ${String(limit)} Tab presses`);
}

test('answers a section with the keyboard alone', async ({ page }) => {
  await startResponse(page);
  // Focus starts on the section heading; everything below uses Tab, typing, arrows and Space only.
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeFocused();
  const strategy = radios(page, /digital government strategy/);
  const cio = radios(page, /Chief Information Officer/);
  await tabTo(page, page.getByLabel('Address (URL) of the national government portal'));
  await page.keyboard.type('https://www.gov.example/');
  await tabTo(page, strategy.getByLabel('Yes'));
  await page.keyboard.press('Space');
  await expect(strategy.getByLabel('Yes')).toBeChecked();
  await tabTo(page, page.getByLabel('Title of the strategy'));
  await page.keyboard.type('Smart Nation');
  await tabTo(page, page.getByLabel('Year the strategy was adopted'));
  await page.keyboard.type('2019');
  await tabTo(page, page.getByLabel('Date of the latest revision of the strategy'));
  await page.keyboard.type('06152023'); // the date field takes digits segment by segment (en-US order)
  await tabTo(page, cio.getByLabel('Yes'));
  await page.keyboard.press('ArrowRight'); // moves to and selects "No"
  await page.keyboard.press('ArrowRight'); // "Not applicable"
  await expect(cio.getByLabel('Not applicable')).toBeChecked();
  await tabTo(page, page.getByLabel('E-mail address of the lead e-government agency'));
  await page.keyboard.type('cio@gov.example');
  await tabTo(page, page.getByRole('button', { name: 'Next section →' }));
  await expectSaved(page);

  // Next section by keyboard: the pager button, then the new heading has focus.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'B. Online services' })).toBeFocused();

  await page.reload();
  await section(page, 'A. Institutional framework').click();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://www.gov.example/');
  await expect(page.getByLabel('Title of the strategy')).toHaveValue('Smart Nation');
  await expect(page.getByLabel('Year the strategy was adopted')).toHaveValue('2019');
  await expect(page.getByLabel('Date of the latest revision of the strategy')).toHaveValue('2023-06-15');
  await expect(cio.getByLabel('Not applicable')).toBeChecked();
  await expect(page.getByLabel('E-mail address of the lead e-government agency')).toHaveValue('cio@gov.example');
});

test('duplicates a response and deletes one only after confirmation', async ({ page }) => {
  await startResponse(page);
  await page.getByLabel('Address (URL) of the national government portal').fill('https://www.gov.example/');
  await expectSaved(page);
  await page.getByRole('link', { name: '← Back to home' }).click();

  await page.getByRole('button', { name: /Duplicate the response of Estonia/ }).click();
  await expect(page.getByRole('row', { name: /Estonia — Information System Authority/ })).toHaveCount(2);

  await page.getByRole('button', { name: /Delete the response of Estonia/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Delete this response?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: /Estonia — Information System Authority/ })).toHaveCount(2);

  await page.getByRole('button', { name: /Delete the response of Estonia/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete response' }).click();
  await expect(page.getByRole('row', { name: /Estonia — Information System Authority/ })).toHaveCount(1);

  // The copy kept the answer.
  await page.getByRole('button', { name: /Open the response of Estonia/ }).click();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://www.gov.example/');
});

test('two responses side by side stay separate', async ({ page, context }) => {
  await startResponse(page);
  await page.getByLabel('Address (URL) of the national government portal').fill('https://one.example/');
  await expectSaved(page);
  const other = await context.newPage();
  await startResponse(other, { place: 'Chile', organisation: 'División de Gobierno Digital', name: 'Ana', email: 'ana@example.cl' });
  await other.getByLabel('Address (URL) of the national government portal').fill('https://two.example/');
  await expectSaved(other);
  await page.reload();
  await expect(page.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://one.example/');
  await other.reload();
  await expect(other.getByLabel('Address (URL) of the national government portal')).toHaveValue('https://two.example/');
});
