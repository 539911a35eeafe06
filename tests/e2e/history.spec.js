// History and favourites (issue 13, item 1): every download and every opened link adds an
// entry, kept in this browser, grouped by day; entries can be named (favourites), restored as
// one undoable step and deleted. What an opened link replaced is always kept.
const { test, expect } = require('@playwright/test');
const { openFresh, waitForApp } = require('./helpers');

async function download(page) {
  await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
}

async function openHistory(page) {
  const panel = page.getByTestId('history-panel');
  if (!(await panel.isVisible())) await page.getByTestId('history-button').click();
  await expect(panel).toBeVisible();
  return panel;
}

test('a download adds an entry, grouped under today, that restores as one undoable step', async ({ page }) => {
  await openFresh(page);
  const panel = await openHistory(page);
  await expect(page.getByTestId('history-empty')).toBeVisible();

  await page.locator('#field-project-name').fill('first-shop');
  await download(page);
  await expect(panel.getByTestId('history-entry')).toHaveCount(1);
  await expect(panel.locator('.history-day').first()).toHaveText('Today');
  const entry = panel.getByTestId('history-entry').first();
  await expect(entry).toContainText('Downloaded');
  await expect(entry).toContainText('first-shop');
  await expect(entry).toContainText('PostgreSQL');

  // Downloading the same configuration again does not list it twice; another one is added.
  await download(page);
  await expect(panel.getByTestId('history-entry')).toHaveCount(1);
  await page.locator('#field-project-name').fill('second-shop');
  await download(page);
  await expect(panel.getByTestId('history-entry')).toHaveCount(2);
  await expect(panel.getByTestId('history-entry').first()).toContainText('second-shop');

  // Kept across a reload.
  await page.reload();
  await waitForApp(page);
  await openHistory(page);
  await expect(panel.getByTestId('history-entry')).toHaveCount(2);

  // Restore the older one: one step, which Undo takes back.
  await panel.getByTestId('history-entry').nth(1).getByTestId('history-restore').click();
  await expect(page.locator('#field-project-name')).toHaveValue('first-shop');
  await expect(page.getByTestId('info-banner')).toContainText('Restored “first-shop”');
  // The panel closes and focus returns to the button that opened it.
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('history-button')).toBeFocused();
  await page.getByTestId('undo').click();
  await expect(page.locator('#field-project-name')).toHaveValue('second-shop');
  await page.getByTestId('redo').click();
  await expect(page.locator('#field-project-name')).toHaveValue('first-shop');
});

test('opening a link keeps both the opened configuration and the one it replaced', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFresh(page);
  await page.locator('#field-project-name').fill('shared-stack');
  await page.getByTestId('service-toggle-redis').check();
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();

  // Someone's own work, then the link opened over it.
  await page.locator('#field-project-name').fill('my-own-work');
  await page.getByTestId('service-toggle-redis').uncheck();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
  await page.goto(link);
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('shared-stack');

  const panel = await openHistory(page);
  const entries = panel.getByTestId('history-entry');
  await expect(entries.filter({ hasText: 'Opened from a link' })).toContainText('shared-stack');
  await expect(entries.filter({ hasText: 'Replaced by a link' })).toContainText('my-own-work');

  // The replaced configuration comes back from the history too (not only through Undo).
  await entries.filter({ hasText: 'Replaced by a link' }).getByTestId('history-restore').click();
  await expect(page.locator('#field-project-name')).toHaveValue('my-own-work');
  await expect(page.getByTestId('service-toggle-redis')).not.toBeChecked();
});

test('naming an entry makes it a favourite; entries can be deleted; secrets are never kept', async ({ page }) => {
  await openFresh(page);
  await page.locator('#field-project-name').fill('kept-stack');
  await download(page);
  await page.locator('#field-project-name').fill('passing-stack');
  await download(page);
  const panel = await openHistory(page);
  const entries = panel.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);

  const kept = entries.filter({ hasText: 'kept-stack' });
  await kept.getByTestId('history-name').fill('Shop template');
  await kept.getByTestId('history-name').press('Enter');
  await expect(entries.filter({ hasText: 'Shop template' })).toContainText('★');

  await page.getByTestId('history-favourites').check();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Shop template');
  await page.getByTestId('history-favourites').uncheck();

  await entries.filter({ hasText: 'passing-stack' }).getByTestId('history-delete').click();
  await expect(entries).toHaveCount(1);

  // Stored without a single secret value of the configuration.
  const stored = await page.evaluate(() => localStorage.getItem('dockwright.history.v1'));
  const config = JSON.parse(await page.evaluate(() => localStorage.getItem('dockwright.config.v1')));
  expect(stored).toContain('Shop template');
  expect(config.postgres.password.value.length).toBeGreaterThan(8);
  expect(stored).not.toContain(config.postgres.password.value);

  // Escape closes the panel and gives focus back to its button.
  await page.getByTestId('history-favourites').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('history-button')).toBeFocused();
});
