// Work is never lost and a bundle is never silently wrong (issue 8, items 1-4): each scenario was
// observed going wrong through the UI and fails on the build before its fix.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const { openFresh, waitForApp, fileText, readZip, cli } = require('./helpers');

const savedConfig = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('dockwright.config.v1')));

test('opening a link over saved work is undoable, also after a reload', async ({ page }) => {
  await openFresh(page);
  await page.locator('#field-project-name').fill('my-own-work');
  await expect.poll(async () => (await savedConfig(page)).project.name).toBe('my-own-work');

  // A teammate's link, opened in the same browser (cold, as from a chat message).
  const fragment = cli('link', '--preset', 'node-minimal').trim();
  await page.goto('/?opened=1' + fragment);
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('api');
  await expect(page.getByTestId('info-banner')).toContainText('Undo brings it back');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await expect.poll(async () => (await savedConfig(page)).project.name).toBe('api');

  // Still reachable after a reload.
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('api');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.getByTestId('undo').click();
  await expect(page.locator('#field-project-name')).toHaveValue('my-own-work');
  await expect(page.getByTestId('file-tab-docker-compose.yml')).toBeVisible();
  // Restored: it is not offered again after the next reload.
  await expect.poll(async () => (await savedConfig(page)).project.name).toBe('my-own-work');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('downloading with errors says what is missing and never hands over an empty zip', async ({ page }) => {
  await openFresh(page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));

  // Every file blocked: nothing is downloaded, the banner says why.
  await page.locator('#field-project-name').fill('My Project');
  await page.getByTestId('download-zip').click();
  await expect(page.getByTestId('error-banner')).toContainText('Nothing to download');
  await page.waitForTimeout(300);
  expect(downloads).toHaveLength(0);

  // Some files blocked: the user is told which and why, and may decline.
  await page.locator('#field-project-name').fill('crm');
  await page.getByTestId('port-postgres-host').fill('3000');
  await expect(page.getByTestId('download-warning')).toBeVisible();
  await expect(page.getByTestId('download-warning')).toContainText('missing');
  let question = '';
  page.once('dialog', (d) => { question = d.message(); d.dismiss(); });
  await page.getByTestId('download-zip').click();
  await expect.poll(() => question).toContain('docker-compose.yml');
  expect(question).toContain('host port 3000 is already used');
  await page.waitForTimeout(300);
  expect(downloads).toHaveLength(0);

  // ...or take the incomplete bundle, named and labelled as such.
  page.once('dialog', (d) => d.accept());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  expect(download.suggestedFilename()).toBe('crm-docker-INCOMPLETE.zip');
  const entries = readZip(fs.readFileSync(await download.path()));
  const missing = entries.find((e) => e.name === 'MISSING-FILES.txt');
  expect(missing, 'MISSING-FILES.txt in the zip').toBeTruthy();
  expect(missing.data).toContain('docker-compose.yml');
  expect(entries.map((e) => e.name)).not.toContain('docker-compose.yml');

  // Without errors the warning goes away and the zip is the plain one.
  await page.getByTestId('port-postgres-host').fill('5432');
  await expect(page.getByTestId('download-warning')).toBeHidden();
  const [clean] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  expect(clean.suggestedFilename()).toBe('crm-docker.zip');
});

test('a field that cannot be read is an error that blocks its files, not a silent old value', async ({ page }) => {
  await openFresh(page);
  const summary = page.getByTestId('validation-summary');
  const port = page.getByTestId('port-app-host');
  for (const bad of ['70000', '30a0']) {
    await port.fill(bad);
    await expect(port).toHaveValue(bad);
    await expect(summary).toContainText('1 error');
    await expect(summary).toContainText('App › host port');
    await expect(summary).not.toContainText('No problems');
    await expect(page.getByTestId('file-tab-docker-compose.yml')).toHaveClass(/blocked/);
    await expect(port).toHaveAttribute('aria-invalid', 'true');
  }
  await port.fill('3100');
  await expect(summary).toContainText('No problems');
  expect(await fileText(page, 'docker-compose.yml')).toContain('${APP_PORT:-3100}:3000');
});

test('choosing a secret generator gives the variable a value at once', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('env-add').click();
  const i = 2; // the default preset has two variables
  await page.getByTestId(`env-name-${i}`).fill('API_TOKEN');
  await page.locator(`#field-env-${i}-mode`).selectOption('required');
  await page.getByTestId(`env-secret-${i}`).check();
  await page.locator(`#field-env-${i}-generator`).selectOption('hex');
  await expect(page.getByTestId(`env-value-${i}`)).toHaveValue(/^[0-9a-f]{64}$/);
  const env = await fileText(page, '.env');
  expect(env).toMatch(/^API_TOKEN=[0-9a-f]{64}$/m);
  await expect(page.getByTestId('validation-summary')).not.toContainText('API_TOKEN has no value');
  // Clearing it is not a way to an empty required secret either.
  await page.getByTestId(`env-value-${i}`).fill('');
  await expect(page.getByTestId(`env-value-${i}`)).toHaveValue(/^[0-9a-f]{64}$/);
});

test('the file on show follows a rename instead of going blank', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('file-tab-docker-compose.dev.yml').click();
  await page.locator('#field-project-compose_naming').selectOption('compose_yaml');
  await expect(page.locator('.viewer-title')).toHaveText('compose.dev.yaml');
  await expect(page.getByTestId('preview')).toContainText('services:');
  await expect(page.getByTestId('copy-file')).toBeEnabled();
  await page.locator('#field-project-layout').selectOption('docker_dir');
  await expect(page.locator('.viewer-title')).toHaveText('docker/compose.dev.yaml');
  await expect(page.getByTestId('download-file')).toBeEnabled();
});

test('a blocked file shows its last text greyed; an invalid name has a one-click fix', async ({ page }) => {
  await openFresh(page);
  const before = await fileText(page, 'docker-compose.yml');
  await page.getByTestId('port-postgres-host').fill('3000');
  await expect(page.getByTestId('file-tab-docker-compose.yml')).toHaveClass(/blocked/);
  await expect(page.getByTestId('preview-pane')).toHaveClass(/stale/);
  expect(await page.getByTestId('preview').textContent()).toBe(before);
  await expect(page.locator('div.blocked[role=status]')).toContainText('last generated version');
  await expect(page.getByTestId('copy-file')).toBeDisabled();
  await page.getByTestId('port-postgres-host').fill('5432');
  await expect(page.getByTestId('preview-pane')).not.toHaveClass(/stale/);

  await page.locator('#field-project-name').fill('My Project');
  const offer = page.getByTestId('project-name-slug');
  await expect(offer).toContainText('my-project');
  await offer.click();
  await expect(page.locator('#field-project-name')).toHaveValue('my-project');
  await expect(offer).toBeHidden();
  await expect(page.getByTestId('validation-summary')).toContainText('No problems');
});

test('a localhost URL never reaches production files unnoticed; staging and prod can have their own values', async ({ page }) => {
  await openFresh(page);
  const i = 1; // BETTER_AUTH_URL in the default preset: http://localhost:3000, none in prod
  await page.getByTestId(`env-details-${i}`).click();
  const prodChoice = page.locator(`#field-env-${i}-per_env-prod`);
  await expect(prodChoice).toHaveValue('deploy');
  expect(await fileText(page, '.env.production.example')).toMatch(/^BETTER_AUTH_URL=$/m);
  expect(await fileText(page, 'DOCKER.md')).toContain('In prod, set `BETTER_AUTH_URL` yourself');

  // The old behaviour, chosen on purpose, is warned about and names the files.
  await prodChoice.selectOption('same');
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('BETTER_AUTH_URL is http://localhost:3000 in production files too');
  await expect(summary).toContainText('.env.production.example');
  await expect(summary).toContainText('Variable “BETTER_AUTH_URL” › value in › production');
  expect(await fileText(page, '.env.production.example')).toMatch(/^BETTER_AUTH_URL=http:\/\/localhost:3000$/m);

  // Its own production value goes to the production template only.
  await prodChoice.selectOption('own');
  await page.locator(`#field-env-${i}-per_env-prod-value`).fill('https://crm.example.com');
  await expect(summary).not.toContainText('production files too');
  expect(await fileText(page, '.env.production.example')).toMatch(/^BETTER_AUTH_URL=https:\/\/crm\.example\.com$/m);
  expect(await fileText(page, '.env.example')).toMatch(/^BETTER_AUTH_URL=http:\/\/localhost:3000$/m);

  // A staging environment gets a choice of its own, written into its override.
  await page.locator('#field-project-environments-staging').check();
  await page.locator(`#field-env-${i}-per_env-staging`).selectOption('own');
  await page.locator(`#field-env-${i}-per_env-staging-value`).fill('https://staging.crm.example.com');
  await page.locator(`#field-env-${i}-mode`).selectOption('default');
  const staging = await fileText(page, 'docker-compose.staging.yml');
  expect(staging).toContain('BETTER_AUTH_URL: ${BETTER_AUTH_URL:-https://staging.crm.example.com}');
  expect(await fileText(page, 'docker-compose.prod.yml')).toContain('BETTER_AUTH_URL: ${BETTER_AUTH_URL:-https://crm.example.com}');
});

test("an extra service's port listens on 127.0.0.1 unless opened, and an open datastore is a warning", async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('extra-add').click();
  await page.locator('#field-extra_services-0-image').fill('postgres:16-alpine');
  await page.locator('#field-extra_services-0-name').fill('analytics-db');
  expect(await fileText(page, 'docker-compose.dev.yml')).toMatch(/- "127\.0\.0\.1:\d+:8025"/);
  await page.locator('#field-extra_services-0-ports-0-bind').selectOption('all');
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('analytics-db is a datastore published on every interface');
  const dev = await fileText(page, 'docker-compose.dev.yml');
  expect(dev).toMatch(/- "\d+:8025"/);
  expect(dev).not.toMatch(/127\.0\.0\.1:\d+:8025/);
  await page.locator('#field-extra_services-0-ports-0-bind').selectOption('loopback');
  await expect(summary).not.toContainText('every interface');
});
