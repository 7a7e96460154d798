import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, section, test } from './fixtures';

interface Instrument {
  title: RegExp;
  place: 'Country' | 'City';
  section: string;
  trigger: RegExp;
  followUp: RegExp;
  code: string;
}

// One conditional follow-up per instrument, with the indicator whose guidance is shown.
const instruments: Instrument[] = [
  { title: /^Start a response to Member States Questionnaire/, place: 'Country', section: 'A. Institutional', trigger: /national strategy for e-government/, followUp: /Official title of the strategy/, code: 'OSI #342' },
  { title: /^Start a response to Local Government Questionnaire/, place: 'City', section: 'Legal Framework', trigger: /own rule on access to information/, followUp: /Official title of the local rule/, code: 'LOSI #224' },
  { title: /^Start a response to LOSI 2024 self-assessment/, place: 'City', section: 'Content Provision', trigger: /second language/, followUp: /Which languages besides the primary one/, code: 'LOSI #212' },
  { title: /^Start a response to OSI 2024 self-assessment/, place: 'Country', section: 'Institutional Framework', trigger: /strategy/i, followUp: /Title and year of adoption of the strategy/, code: 'OSI #342' },
];

async function start(page: Page, instrument: Instrument) {
  await page.goto('/');
  await page.getByRole('link', { name: instrument.title }).click();
  await page.getByRole('textbox', { name: new RegExp(`^${instrument.place}`) }).fill(instrument.place === 'City' ? 'Tallinn' : 'Uruguay');
  await page.getByLabel('Organisation').fill('Digital office');
  await page.getByLabel('Focal point name').fill('Mari');
  await page.getByLabel('Focal point e-mail').fill('mari@example.org');
  await page.getByRole('button', { name: 'Create response' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

for (const instrument of instruments) {
  test(`${instrument.title.source.replace(/^\^Start a response to /, '')}: a follow-up, guidance and the provenance notice`, async ({ page }) => {
    await start(page, instrument);
    // The definition's provenance notice.
    await page.getByText('About this questionnaire').click();
    await expect(page.getByText('Based on public documentation; parts are reconstructed.')).toBeVisible();

    await section(page, instrument.section).first().click();
    const question = page.getByRole('radiogroup', { name: instrument.trigger }).filter({ hasText: instrument.code }).first();
    await expect(page.getByLabel(instrument.followUp)).toHaveCount(0);
    await question.getByLabel('Yes', { exact: true }).check();
    await expect(page.getByLabel(instrument.followUp)).toBeVisible();

    // Guidance next to the question, with the indicator code tied to its criterion.
    await question.getByText(`Guidance ${instrument.code}`).click();
    await expect(question.getByText('What counts')).toBeVisible();
    await expect(question.locator('.badge', { hasText: instrument.code })).toBeVisible();
    await expectNoAxeViolations(page, instrument.section);
  });
}

test('reconstructed questions carry a short notice', async ({ page }) => {
  await start(page, instruments[0] as Instrument);
  await section(page, 'A. Institutional').first().click();
  await expect(page.getByText('Wording reconstructed from public documentation; check against the official instrument.').first()).toBeVisible();
});
