// Messages a person can act on, and rows that behave as hands expect (issue 8, items 8 and 11).
const { test, expect } = require('@playwright/test');
const { openFresh } = require('./helpers');

test('messages name what the form shows, and every summary entry reaches its field', async ({ page }) => {
  await openFresh(page);
  const summary = page.getByTestId('validation-summary');

  // A new variable: focus moves to its name; a duplicate is flagged on both rows.
  await page.getByTestId('env-add').click();
  await expect(page.locator('#field-env-2-name')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('BETTER_AUTH_URL');
  await expect(summary).toContainText('Variable “BETTER_AUTH_URL” › name: BETTER_AUTH_URL is defined twice');
  await expect(summary).not.toContainText('env[2]');
  await expect(page.locator('#field-env-2-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-env-1-name')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#field-env-2-name').fill('EXTRA_SETTING');

  // New services: focus on the name, and a host port that does not clash with the first one.
  await page.getByTestId('extra-add').click();
  await expect(page.locator('#field-extra_services-0-name')).toBeFocused();
  await page.getByTestId('extra-add').click();
  await expect(page.getByTestId('port-mailpit-host')).toHaveValue('8025');
  await expect(page.getByTestId('port-mailpit2-host')).toHaveValue('8026');
  await expect(summary).not.toContainText('already used');

  // Renaming the app carries what depends on it along.
  await page.locator('#field-extra_services-0-depends_on').fill('app');
  await page.locator('#field-app-service_name').fill('web');
  await expect(page.locator('#field-extra_services-0-depends_on')).toHaveValue('web');
  await expect(summary).not.toContainText('not an enabled service');

  // A depends_on entry's message jumps to the list it is edited in.
  await page.locator('#field-extra_services-0-depends_on').fill('nope');
  const entry = summary.getByRole('button', { name: /Extra service “mailpit” › depends on “nope”/ });
  await expect(entry).toBeVisible();
  await page.locator('#field-project-name').focus();
  await entry.click();
  await expect(page.locator('#field-extra_services-0-depends_on')).toBeFocused();
});

test('ticking "Include secrets" retracts the "secrets are not in it" notice', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFresh(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('info-banner')).toContainText('Secrets are not in it');
  await page.getByTestId('include-secrets').check();
  await expect(page.getByTestId('info-banner')).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'contains your passwords' })).toBeVisible();
});

test('keyboard: the file tree is one Tab stop moved by arrows; the help dialog holds and returns focus', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('file-tab-docker-compose.yml').click();
  const stops = page.locator('[role=treeitem][tabindex="0"]');
  await expect(stops).toHaveCount(1);
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.viewer-title')).toHaveText('docker-compose.prod.yml');
  await expect(page.getByTestId('file-tab-docker-compose.prod.yml')).toBeFocused();
  await expect(page.getByTestId('file-tab-docker-compose.prod.yml')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('file-tab-docker-compose.yml')).toBeFocused();
  // A folder takes focus without changing the file shown.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('folder-scripts')).toBeFocused();
  await expect(page.locator('.viewer-title')).toHaveText('docker-compose.yml');
  await expect(stops).toHaveCount(1);
  // The Kubernetes part comes last, after the Docker files.
  await page.keyboard.press('End');
  await expect(page.getByTestId('file-tab-KUBERNETES.md')).toBeFocused();
  await expect(stops).toHaveCount(1);

  // The help dialog takes focus, keeps Tab inside, and gives focus back on close.
  await page.getByTestId('help-button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('help-button')).toBeFocused();

  // A read-only field is no Tab stop (Copy link copies it; a click still selects it).
  await expect(page.getByTestId('share-link')).toHaveAttribute('tabindex', '-1');
});

test('on a phone: a compact header, and a Form / Files switch brings the preview up', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await openFresh(page);
  const header = await page.locator('header.toolbar').boundingBox();
  expect(header.height, 'header height at 375 px').toBeLessThanOrEqual(170);
  await expect(page.locator('form.editor')).toBeVisible();
  await expect(page.getByTestId('preview')).toBeHidden();
  await page.getByTestId('show-files').click();
  await expect(page.locator('form.editor')).toBeHidden();
  await expect(page.getByTestId('preview')).toBeVisible();
  const files = await page.locator('nav.files').boundingBox();
  expect(files.y, 'the file list starts near the top').toBeLessThan(400);
  await expect(page.getByTestId('show-files')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('show-form').click();
  await expect(page.locator('form.editor')).toBeVisible();
  // The desktop never shows the switch.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByTestId('show-files')).toBeHidden();
  await expect(page.getByTestId('preview')).toBeVisible();
  await context.close();
});

test('40 variables stay a compact table: one row each, details on expand', async ({ page }) => {
  // A configuration with 40 variables, opened from a link the CLI makes.
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const { cli } = require('./helpers');
  const config = JSON.parse(cli('config', '--preset', 'nextjs-render-parity', '--json'));
  for (let n = 0; n < 33; n++) config.env.push({ name: `FEATURE_FLAG_${n}`, value: `value-${n}`, section: 'Flags' });
  const file = path.join(os.tmpdir(), `dockwright-40-vars-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  const fragment = cli('link', '--config', file).trim();
  fs.unlinkSync(file);
  await openFresh(page, '/' + fragment);
  await expect(page.locator('article.card.env')).toHaveCount(40);
  const section = await page.locator('#section-env').boundingBox();
  expect(section.height, 'height of 40 variables (was about 20,000 px)').toBeLessThan(40 * 64);
  // Details on demand, with the right ARIA state.
  const more = page.getByTestId('env-details-5');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('#field-env-5-mode')).toBeHidden();
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#field-env-5-mode')).toBeVisible();
  // A problem inside the details opens them by itself.
  await page.getByTestId('env-name-6').fill('NEXT_PUBLIC_TOKEN');
  await page.getByTestId('env-details-6').click();
  await page.getByTestId('env-secret-6').check();
  await page.getByTestId('env-details-6').click();
  await expect(page.getByTestId('env-details-6')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#field-env-6-secret-msg')).toContainText('NEXT_PUBLIC_');
});

test("an extra service's password becomes a secret variable in one click", async ({ page }) => {
  const { fileText } = require('./helpers');
  await openFresh(page);
  await page.getByTestId('extra-add').click();
  await page.locator('#field-extra_services-0-name').fill('minio');
  await page.locator('#field-extra_services-0-environment').fill('MINIO_ROOT_USER=admin; MINIO_ROOT_PASSWORD=s3cr3t-minio-pass');
  await expect(page.getByTestId('validation-summary')).toContainText('MINIO_ROOT_PASSWORD looks like a secret');
  expect(await page.getByTestId('share-link').inputValue()).toBeTruthy();
  await page.getByTestId('make-secret-MINIO_ROOT_PASSWORD').click();
  await expect(page.getByTestId('validation-summary')).not.toContainText('looks like a secret');
  await expect(page.locator('#field-extra_services-0-environment')).toHaveValue('MINIO_ROOT_USER=admin');
  const env = await fileText(page, '.env');
  expect(env).toContain('MINIO_ROOT_PASSWORD=s3cr3t-minio-pass');
  const dev = await fileText(page, 'docker-compose.dev.yml');
  expect(dev).toContain('MINIO_ROOT_PASSWORD: "${MINIO_ROOT_PASSWORD:?');
  expect(dev).not.toContain('s3cr3t-minio-pass');
  // The share link (secrets out by default) no longer carries it.
  const link = await page.getByTestId('share-link').inputValue();
  const config = require('./helpers').cli('config', '--link', link, '--json');
  expect(config).not.toContain('s3cr3t-minio-pass');
});
