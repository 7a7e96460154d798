import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectSaved, section, startLosiResponse, startResponse, test } from './fixtures';

/**
 * Issue 10: "All sections on one page" on the answer screen. Every LOSI section is on the page under
 * its own heading, a question far down answers, shows its conditional question and saves like on its
 * own section page, the layout survives a reload (it is in the address), the section links and Tab
 * reach a later section, and the page is axe clean.
 */

const LOSI_SECTIONS = [
  'City portal',
  'Institutional Framework',
  'Content Provision',
  'Services Provision',
  'Participation and Engagement',
  'E-Government Literacy',
  'Technology',
];

async function startLosi(page: Page): Promise<void> {
  await startLosiResponse(page);
}

const question = (page: Page, id: string): Locator => page.locator(`[data-question-id="${id}"]`);

/** Presses Tab, as a person would, until the control has focus (at most `limit` presses). */
async function tabTo(page: Page, target: Locator, limit = 8): Promise<void> {
  const focused = () => target.evaluate((element) => element === document.activeElement);
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await focused()) return;
  }
  throw new Error(`${target.toString()} was not reached with ${String(limit)} Tab presses`);
}

test('shows every LOSI section on one page, answers a later section with the keyboard, and keeps it after a reload', async ({ page }) => {
  await startLosi(page);
  await expect(page.getByRole('heading', { level: 1, name: 'City portal' })).toBeFocused();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'All sections on one page' }).click();
  await expect(page).toHaveURL(/[?&]layout=all/);
  const body = page.locator('.section-body');
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeVisible();
  // Each section is a region named by its own h2, in the questionnaire's order.
  await expect(body.getByRole('heading', { level: 2 })).toHaveText(LOSI_SECTIONS);
  for (const name of LOSI_SECTIONS) await expect(body.getByRole('region', { name, exact: true })).toHaveCount(1);
  // All 95 indicators (and the two portal questions) are there; the five conditional follow-ups are not yet.
  await expect(body.locator('[data-question-id]')).toHaveCount(97);
  await expect(body.locator('[data-question-id]').last()).toHaveAttribute('data-question-id', 'LOSI.288');
  // No section pager on one page: the page itself is the whole questionnaire.
  await expect(page.getByRole('button', { name: 'Next section →' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the LOSI answer screen with all sections on one page');
  // Every section is in the DOM (nothing is virtualised): the browser's find-in-page reaches the last
  // one from the top of the page, here through window.find, which searches the same way.
  await page.evaluate(() => { window.scrollTo(0, 0); });
  const found = await page.evaluate(() => (window as unknown as { find: (text: string) => boolean }).find('Does the city portal work properly in the three'));
  expect(found).toBe(true);

  // A section link brings that section into view and puts focus on its heading; Tab goes on from there.
  await section(page, 'E-Government Literacy').click();
  await expect(page).toHaveURL(/\/EGL\?layout=all$/);
  await expect(body.getByRole('heading', { level: 2, name: 'E-Government Literacy' })).toBeFocused();
  const digitalId = question(page, 'LOSI.245').getByRole('radiogroup');
  await tabTo(page, question(page, 'LOSI.206').getByRole('radiogroup').getByLabel('Yes', { exact: true }));
  await page.keyboard.press('Space');
  await expect(question(page, 'LOSI.206').getByRole('radiogroup').getByLabel('Yes', { exact: true })).toBeChecked();
  // Relevance works as on a section page: "yes" shows the follow-up question in place.
  await digitalId.getByLabel('Yes', { exact: true }).check();
  const method = page.getByLabel('Which digital ID or login method does the portal accept?');
  await expect(method).toBeVisible();
  await method.fill('Smart-ID and Mobile-ID');
  await method.blur();
  await expectSaved(page);

  await page.reload();
  await expect(page).toHaveURL(/layout=all/);
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeVisible();
  await expect(question(page, 'LOSI.206').getByRole('radiogroup').getByLabel('Yes', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Which digital ID or login method does the portal accept?')).toHaveValue('Smart-ID and Mobile-ID');
  // The section's progress in the navigation counts the answers given on the one page.
  await expect(section(page, 'E-Government Literacy')).toContainText('3 of 11 answered');

  // Back to one section at a time: the same answers, on the section's own page.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'One section at a time' }).click();
  await expect(page).not.toHaveURL(/layout=all/);
  await expect(page.getByRole('heading', { level: 1, name: 'E-Government Literacy' })).toBeVisible();
  await expect(page.getByLabel('Which digital ID or login method does the portal accept?')).toHaveValue('Smart-ID and Mobile-ID');
});

test('checks answers on one page as on a section page: a message once the field is left', async ({ page }) => {
  await startLosi(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'All sections on one page' }).click();
  const portal = page.getByLabel('Address (URL) of the official city portal');
  await portal.fill('not a web address');
  await portal.blur();
  await expect(portal).toHaveAttribute('aria-invalid', 'true');
  await expectSaved(page);
  await expectNoAxeViolations(page, 'one page with a field message');

  // The check view's link to the question keeps the chosen layout: back on the one page, at the field.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Check and submit/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and submit' })).toBeVisible();
  await expect(page).toHaveURL(/layout=all/);
  await page.getByRole('link', { name: 'Address (URL) of the official city portal' }).first().click();
  await expect(page).toHaveURL(/layout=all/);
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeVisible();
  await expect(portal).toBeFocused();
});

/**
 * Render counting on the production build, through the hook React calls after every commit (the one
 * React DevTools uses). A component "rendered" in a commit when its fiber is not the one already on
 * screen and React marked it as having run (PerformedWork, flag 1): a memoised component whose props
 * did not change is cloned but not run, and a subtree React skipped keeps its old fibers. Each
 * rendered component is named by the question it belongs to (`props.question.id`) or, for a
 * section's list of questions, `section:<id>`.
 */
async function countRenders(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Fiber {
      readonly child: Fiber | null;
      readonly sibling: Fiber | null;
      readonly flags: number;
      readonly tag: number;
      readonly memoizedProps: unknown;
    }
    const FUNCTION_TAGS = new Set([0, 11, 14, 15]); // function, forwardRef, memo, simple memo
    const PERFORMED_WORK = 1;
    const w = window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: object; __renders: string[] };
    let onScreen = new WeakSet<object>();
    w.__renders = [];
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
        const seen = new WeakSet<object>();
        const stack: Fiber[] = [root.current];
        for (let fiber = stack.pop(); fiber; fiber = stack.pop()) {
          seen.add(fiber);
          if (FUNCTION_TAGS.has(fiber.tag) && (fiber.flags & PERFORMED_WORK) !== 0 && !onScreen.has(fiber)) {
            const props = fiber.memoizedProps as { question?: { id?: string }; section?: { id?: string } } | null;
            w.__renders.push(props?.question?.id ?? (props?.section?.id ? `section:${props.section.id}` : '(screen)'));
          }
          if (fiber.child) stack.push(fiber.child);
          if (fiber.sibling) stack.push(fiber.sibling);
        }
        onScreen = seen;
      },
    };
  });
}

const rendersSince = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const w = window as unknown as { __renders: string[] };
    const renders = w.__renders;
    w.__renders = [];
    return renders;
  });

test('on one page, answering one question re-renders that question alone, not the other 96', async ({ page }) => {
  await countRenders(page);
  await startLosi(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'All sections on one page' }).click();
  await expect(page.locator('.section-body [data-question-id]')).toHaveCount(97);
  const first = await rendersSince(page);
  // The counter works: the first render of the page ran every question's components.
  expect(new Set(first.filter((id) => id.startsWith('LOSI.'))).size).toBeGreaterThanOrEqual(95);

  // "Yes" on an indicator with no follow-up question.
  await question(page, 'LOSI.206').getByRole('radiogroup').getByLabel('Yes', { exact: true }).check();
  await expectSaved(page);
  const afterYes = await rendersSince(page);
  expect(afterYes).toContain('LOSI.206');
  expect(new Set(afterYes.filter((id) => id !== '(screen)'))).toEqual(new Set(['LOSI.206']));

  // Typing into the city portal's address, a text answer: each keystroke re-renders that question only.
  // (Moving the focus there first: leaving "Yes" marks that field as visited, a render of its own.)
  const portal = page.getByLabel('Address (URL) of the official city portal');
  await portal.focus();
  await rendersSince(page);
  await portal.pressSequentially('https://www.tallinn.ee', { delay: 20 });
  await expectSaved(page);
  const afterTyping = await rendersSince(page);
  expect(afterTyping.filter((id) => id === 'portal.url').length).toBeGreaterThanOrEqual(1);
  expect(new Set(afterTyping.filter((id) => id !== '(screen)'))).toEqual(new Set(['portal.url']));

  // "Yes" that shows a follow-up question: the section's list changes (one question more) and the
  // new question mounts; the other sections and their questions stay as they were.
  await question(page, 'LOSI.245').getByRole('radiogroup').getByLabel('No', { exact: true }).focus();
  await rendersSince(page);
  await question(page, 'LOSI.245').getByRole('radiogroup').getByLabel('Yes', { exact: true }).check();
  await expect(page.getByLabel('Which digital ID or login method does the portal accept?')).toBeVisible();
  const afterFollowUp = new Set((await rendersSince(page)).filter((id) => id !== '(screen)'));
  expect(afterFollowUp).toEqual(new Set(['LOSI.245', 'LOSI.245.method', 'section:EGL']));
});

test('on one page: focus stays put when a section shows or hides, a section link works twice, and "One section at a time" opens the section in view', async ({ page }) => {
  // A short window, so that only part of the test questionnaire is on screen at a time.
  await page.setViewportSize({ width: 1280, height: 500 });
  await startResponse(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const body = page.locator('.section-body');
  await nav.getByRole('link', { name: 'All sections on one page' }).click();
  await expect(page).toHaveURL(/layout=all/);
  // The switch is announced by the page's own heading, not a section's.
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeFocused();

  // Section D shows once A.2 is "no"; its link targets it (aria-current="location").
  const strategy = question(page, 'A.2').getByRole('radiogroup');
  await strategy.getByLabel('No', { exact: true }).check();
  await expect(body.getByRole('region', { name: 'D. Plans' })).toBeVisible();
  await section(page, 'D. Plans').click();
  await expect(page).toHaveURL(/\/D\?layout=all$/);
  await expect(body.getByRole('heading', { level: 2, name: 'D. Plans' })).toBeFocused();
  await expect(section(page, 'D. Plans')).toHaveAttribute('aria-current', 'location');
  // "Yes" hides the section the address names: focus stays on the radio the person chose.
  await strategy.getByLabel('Yes', { exact: true }).check();
  await expect(body.getByRole('region', { name: 'D. Plans' })).toHaveCount(0);
  await expect(page.getByLabel('Title of the strategy')).toBeVisible();
  await expect(strategy.getByLabel('Yes', { exact: true })).toBeFocused();
  // Typing on, in a question the follow-up just showed, keeps focus there too.
  await page.getByLabel('Title of the strategy').fill('Digital Estonia 2030');
  await expect(page.getByLabel('Title of the strategy')).toBeFocused();

  // A section link, then back up the page, then the same link again: it still brings the section.
  const online = body.getByRole('heading', { level: 2, name: 'B. Online services' });
  await section(page, 'B. Online services').click();
  await expect(online).toBeFocused();
  await expect(section(page, 'B. Online services')).toHaveAttribute('aria-current', 'location');
  await page.getByLabel('Address (URL) of the national government portal').focus();
  await expect(online).not.toBeInViewport();
  await section(page, 'B. Online services').click();
  await expect(online).toBeFocused();
  await expect(online).toBeInViewport();

  // The person moves on to section C (the address still names B): one section at a time opens C.
  await body.getByRole('button', { name: 'Add Ministry' }).focus();
  await nav.getByRole('link', { name: 'One section at a time' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'C. Ministry websites' })).toBeVisible();
  await expect(page).toHaveURL(/\/C$/);

  // Back on one page (at C); the person answers in section A, then scrolls away: A is where they work.
  await nav.getByRole('link', { name: 'All sections on one page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeFocused();
  await expect(body.getByRole('heading', { level: 2, name: 'C. Ministry websites' })).toBeInViewport();
  await page.getByLabel('Year the strategy was adopted').fill('2021');
  await page.evaluate(() => { window.scrollTo(0, document.body.scrollHeight); });
  await nav.getByRole('link', { name: 'One section at a time' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A. Institutional framework' })).toBeVisible();
  await expect(page.getByLabel('Title of the strategy')).toHaveValue('Digital Estonia 2030');
});

test('on one page, switching the language changes the texts of every question at once', async ({ page }) => {
  await startLosi(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'All sections on one page' }).click();
  const last = question(page, 'LOSI.288').getByRole('radiogroup');
  await expect(last.getByLabel('Yes', { exact: true })).toHaveCount(1);
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Toutes les sections' })).toBeVisible();
  // Texts the app gives every question (through the one shared language listener) follow at once.
  await expect(last.getByLabel('Oui', { exact: true })).toHaveCount(1);
  await expect(question(page, 'LOSI.206').getByRole('radiogroup').getByLabel('Oui', { exact: true })).toHaveCount(1);
  await expect(page.locator('.section-body').getByLabel('Yes', { exact: true })).toHaveCount(0);
  await page.getByLabel('Langue').selectOption('en');
  await expect(last.getByLabel('Yes', { exact: true })).toHaveCount(1);
});

test('on one page, typing outside a repeatable group re-renders neither the group nor its section (MSQ)', async ({ page }) => {
  await countRenders(page);
  await page.goto('/');
  await page.getByRole('link', { name: /^Start a response to Member States Questionnaire/ }).click();
  await page.getByRole('textbox', { name: /^Country/ }).fill('Estonia');
  await page.getByLabel('Organisation').fill('Information System Authority');
  await page.getByLabel('Focal point name').fill('Kai Tamm');
  await page.getByLabel('Focal point e-mail').fill('kai.tamm@example.ee');
  await page.getByRole('button', { name: 'Create response' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'All sections on one page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All sections' })).toBeVisible();
  // Section A holds two groups (A.1 and A.6); the job title is in the respondent section.
  await expect(question(page, 'A.6')).toBeVisible();
  const title = page.getByLabel('Your job title or position');
  await title.focus();
  const first = await rendersSince(page);
  expect(first).toContain('A.1');
  await title.pressSequentially('Head of unit', { delay: 20 });
  await expectSaved(page);
  const typed = await rendersSince(page);
  expect(typed).toContain('0.2.title');
  expect(new Set(typed.filter((id) => id !== '(screen)'))).toEqual(new Set(['0.2.title']));

  // A row added to a group re-renders that group alone.
  const add = question(page, 'A.6').getByRole('button', { name: /^Add (?!evidence)/ });
  await add.focus();
  await rendersSince(page);
  await add.click();
  await expect(question(page, 'A.6').getByRole('group').first()).toBeVisible();
  const added = new Set((await rendersSince(page)).filter((id) => id !== '(screen)'));
  expect(added.has('A.6')).toBe(true);
  expect(added.has('A.1')).toBe(false);
  expect(added.has('section:A')).toBe(false);
});
