// End-to-end scenarios for the web configurator (release build, Debian Chromium).
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, openFresh, waitForApp, fileText, allFiles, readZip, cli } = require('./helpers');

const BASE = 'docker-compose.yml';
const DEV = 'docker-compose.dev.yml';

/** Every request the page makes, to prove nothing leaves the origin. */
function recordRequests(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

function expectSameOrigin(urls, baseURL) {
  const foreign = urls.filter((u) => !u.startsWith(baseURL) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign, 'requests outside the page origin').toEqual([]);
}

test('opens on the default preset with every file and no problems', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await openFresh(page);
  await expect(page.getByTestId('preset-select')).toHaveValue('nextjs-prisma-selfhosted');
  await expect(page.getByTestId('validation-summary')).toContainText('No problems');
  for (const f of [BASE, DEV, 'docker-compose.prod.yml', 'Dockerfile', 'Dockerfile.dev', '.dockerignore', '.env', '.env.example',
    '.env.production.example', 'scripts/docker-entrypoint.sh', 'scripts/backup-database.sh', 'scripts/init-db.sql', 'DOCKER.md']) {
    await expect(page.getByTestId(`file-tab-${f}`)).toBeVisible();
  }
  const compose = await fileText(page, BASE);
  expect(compose).toContain('services:');
  expect(compose).toContain('condition: service_healthy');
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});

test('toggling each service changes the compose preview', async ({ page }) => {
  await openFresh(page);
  // Each toggle is undone after its check (redis stays on: redis-commander needs it).
  const cases = [
    { id: 'postgres', file: BASE, marker: '  postgres:\n', initially: true },
    { id: 'redis', file: BASE, marker: '  redis:\n', initially: false, keep: true },
    { id: 'pgadmin', file: DEV, marker: '  pgadmin:\n', initially: false },
    { id: 'redis-commander', file: DEV, marker: '  redis-commander:\n', initially: false },
    { id: 'app', file: BASE, marker: '  app:\n', initially: true },
  ];
  for (const c of cases) {
    const before = await fileText(page, c.file);
    expect(before.includes(c.marker), `${c.id} initially`).toBe(c.initially);
    await page.getByTestId(`service-toggle-${c.id}`).setChecked(!c.initially);
    await expect(page.getByTestId('validation-summary')).not.toContainText(/[1-9]\d* error/);
    const after = await fileText(page, c.file);
    expect(after.includes(c.marker), `${c.id} after toggling`).toBe(!c.initially);
    expect(after).not.toEqual(before);
    if (!c.keep) await page.getByTestId(`service-toggle-${c.id}`).setChecked(c.initially);
  }
  // An extra service gets its own toggle, named after it.
  await page.getByTestId('extra-add').click();
  await expect(page.getByTestId('service-toggle-mailpit')).toBeChecked();
  expect(await fileText(page, DEV)).toContain('  mailpit:\n');
  await page.getByTestId('service-toggle-mailpit').uncheck();
  expect(await fileText(page, DEV)).not.toContain('  mailpit:\n');
});

test('editing a port and an env var changes every affected file, and only those', async ({ page }) => {
  await openFresh(page);
  const before = await allFiles(page);
  await page.getByTestId('port-app-host').fill('3100');
  const afterPort = await allFiles(page);
  expect(afterPort[BASE]).toContain('${APP_PORT:-3100}:3000');
  expect(afterPort['.env']).toContain('APP_PORT=3100');
  expect(afterPort['.env.example']).toContain('APP_PORT=3100');
  expect(afterPort['.env.production.example']).toContain('APP_PORT=3100');
  expect(afterPort['DOCKER.md']).toContain('http://localhost:3100');
  expect(afterPort['Dockerfile']).toEqual(before['Dockerfile']);
  expect(afterPort['scripts/init-db.sql']).toEqual(before['scripts/init-db.sql']);
  // The changed files are marked in the list, and the changed lines in the viewer.
  await expect(page.getByTestId(`file-tab-${BASE}`)).toHaveClass(/changed/);
  await expect(page.getByTestId('file-tab-Dockerfile')).not.toHaveClass(/changed/);
  await page.getByTestId(`file-tab-${BASE}`).click();
  await expect(page.locator('.code .line.changed')).toHaveCount(1);
  await expect(page.locator('.code .line.changed')).toContainText('3100');

  await page.getByTestId('env-add').click();
  const index = (await page.locator('[data-testid^="env-name-"]').count()) - 1;
  await page.getByTestId(`env-name-${index}`).fill('FEATURE_NOTE');
  await page.getByTestId(`env-value-${index}`).fill("it's $5 # not a comment");
  const afterEnv = await allFiles(page);
  expect(afterEnv[BASE]).toContain('FEATURE_NOTE: "${FEATURE_NOTE:-it\'s $$5 # not a comment}"');
  expect(afterEnv['.env']).toContain('FEATURE_NOTE="it\'s \\$5 # not a comment"');
  expect(afterEnv['.env.example']).toContain('FEATURE_NOTE=');
  expect(afterEnv['.env.production.example']).toContain('FEATURE_NOTE=');
  expect(afterEnv['Dockerfile']).toEqual(before['Dockerfile']);
});

test('the zip download equals the preview and the CLI byte for byte', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('port-app-host').fill('3200');
  const preview = await allFiles(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  expect(download.suggestedFilename()).toBe('crm-docker.zip');
  const zipBytes = fs.readFileSync(await download.path());
  const entries = readZip(zipBytes);
  expect(entries.map((e) => e.name)).toEqual(Object.keys(preview).sort());
  for (const e of entries) {
    expect(e.data, e.name).toEqual(preview[e.name]);
    expect(e.mode, e.name).toBe(e.name.endsWith('.sh') ? 0o755 : 0o644);
  }
  // The CLI builds the same bytes from the same configuration (a link with secrets).
  await page.getByTestId('include-secrets').check();
  const link = await page.getByTestId('share-link').inputValue();
  const out = path.join(os.tmpdir(), `dockwright-e2e-${process.pid}.zip`);
  cli('zip', '--link', link, '-o', out);
  expect(Buffer.compare(fs.readFileSync(out), zipBytes)).toBe(0);
  fs.unlinkSync(out);
});

test('share links: copy, reopen in a fresh browser, no secrets by default', async ({ page, browser, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFresh(page);
  await page.getByTestId('service-toggle-redis').check();
  await page.locator('#field-project-name').fill('shared-stack');
  const env = await fileText(page, '.env');
  const password = /POSTGRES_PASSWORD=(\S+)/.exec(env)[1];
  expect(password.length).toBeGreaterThan(20);

  const defaultLink = await page.getByTestId('share-link').inputValue();
  expect(defaultLink).not.toContain(password);
  expect(defaultLink.length).toBeLessThan(400);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('info-banner')).toContainText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(defaultLink);

  // Without secrets: everything but the secrets is identical, the secrets are fresh.
  const mine = await allFiles(page);
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto(defaultLink);
  await waitForApp(page2);
  const theirs = await allFiles(page2);
  expect(Object.keys(theirs)).toEqual(Object.keys(mine));
  // The files that hold generated secrets: .env and the Kubernetes dev overlay's secrets.env.
  const secretFiles = Object.keys(mine).filter((f) => f === '.env' || f.endsWith('/secrets.env'));
  expect(secretFiles).toContain('k8s/overlays/dev/secrets.env');
  for (const f of Object.keys(mine)) {
    if (secretFiles.includes(f)) continue;
    expect(theirs[f], f).toEqual(mine[f]);
  }
  for (const f of secretFiles) expect(theirs[f], f).not.toContain(password);

  // With the explicit opt-in every file is identical, secrets included.
  await page.getByTestId('include-secrets').check();
  await expect(page.getByRole('alert').filter({ hasText: 'contains your passwords' })).toBeVisible();
  const fullLink = await page.getByTestId('share-link').inputValue();
  expect(fullLink).toContain('#c=v2.');
  const page3 = await (await browser.newContext()).newPage();
  await page3.goto(fullLink);
  await waitForApp(page3);
  expect(await allFiles(page3)).toEqual(mine);
  await other.close();
});

test('an edit is saved off the keystroke, and a reload right after it still keeps it', async ({ page }) => {
  await openFresh(page);
  const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('dockwright.config.v1')).project.name);
  const before = await saved();
  await page.locator('#field-project-name').fill('typed-then-reloaded');
  // The edit is in the preview at once; storage is written a moment later (a burst of
  // keystrokes writes once), not inside the keystroke.
  await expect(page.getByTestId('preview')).toContainText('typed-then-reloaded');
  // Reload before that moment: leaving the page (pagehide) writes the pending edit.
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('typed-then-reloaded');
  expect(before).not.toBe('typed-then-reloaded');
  // And without leaving, it is written within a second.
  await page.locator('#field-project-name').fill('saved-while-staying');
  await expect.poll(saved, { timeout: 2000 }).toBe('saved-while-staying');
});

test('the configuration survives a reload; a garbage link keeps it and explains', async ({ page }) => {
  await openFresh(page);
  await page.locator('#field-project-name').fill('keep-me');
  await page.getByTestId('port-app-host').fill('3300');
  // CDP's reload bypasses the input queue a user's reload key goes through: wait until the edit
  // has landed (and been saved) first.
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('dockwright.config.v1')).app.host_port)).toBe(3300);
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('keep-me');
  await expect(page.getByTestId('port-app-host')).toHaveValue('3300');

  // A damaged link while the page is open.
  await page.evaluate(() => { location.hash = 'c=v1.@@not-a-link'; });
  await expect(page.getByTestId('error-banner')).toContainText('could not be opened');
  await expect(page.locator('#field-project-name')).toHaveValue('keep-me');

  // A truncated link opened cold, and one from a newer format.
  const good = await page.getByTestId('share-link').inputValue();
  for (const bad of [good.slice(0, good.length - 12), good.replace('#c=v2.', '#c=v9.')]) {
    await page.goto('/?cold=' + Math.random() + bad.slice(bad.indexOf('#')));
    await waitForApp(page);
    await expect(page.getByTestId('error-banner')).toBeVisible();
    await expect(page.locator('#field-project-name')).toHaveValue('keep-me');
  }
  await expect(page.getByTestId('error-banner')).toContainText('newer dockwright');
});

test('undo and redo, by button and keyboard', async ({ page }) => {
  await openFresh(page);
  const name = page.locator('#field-project-name');
  await expect(name).toHaveValue('crm');
  await name.fill('first');
  await page.waitForTimeout(700);
  await page.getByTestId('port-app-host').fill('3400');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('port-app-host')).toHaveValue('3000');
  await expect(name).toHaveValue('first');
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('crm');
  await page.keyboard.press('Control+Shift+z');
  await expect(name).toHaveValue('first');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('port-app-host')).toHaveValue('3400');
  await expect(page.getByTestId('redo')).toBeDisabled();
  // Loading a preset asks first and is undoable.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('preset-select').selectOption('node-minimal');
  await expect(page.getByTestId('file-tab-compose.yaml')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(name).toHaveValue('first');
});

test('invalid input is explained at the field and in the summary, which jumps to it', async ({ page }) => {
  await openFresh(page);
  const port = page.getByTestId('port-app-host');
  await port.fill('30x0');
  await expect(page.locator('#field-app-host_port-msg')).toContainText('whole number');
  await expect(port).toHaveValue('30x0');
  await port.fill('3000');
  await page.getByTestId('port-postgres-host').fill('3000');
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('host port 3000 is already used by app in dev');
  await expect(page.getByTestId('file-tab-docker-compose.yml')).toHaveClass(/blocked/);
  await summary.getByRole('button', { name: /PostgreSQL › host port/ }).click();
  await expect(page.getByTestId('port-postgres-host')).toBeFocused();
});

test('keyboard shortcuts, help overlay and theme', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId(`file-tab-${BASE}`).click();
  // Files in the tree's order: the Kubernetes part after the Docker files.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('.viewer-title')).toHaveText('k8s/base/app.yaml');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.locator('.viewer-title')).toHaveText(BASE);
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog')).toContainText('Keyboard shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const theme = await page.evaluate(() => document.documentElement.dataset.theme || '');
  await page.getByTestId('theme-toggle').click();
  const toggled = await page.evaluate(() => document.documentElement.dataset.theme);
  expect(toggled).not.toBe(theme);
  await page.reload();
  await waitForApp(page);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(toggled);
});

test('no request leaves the origin', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const urls = recordRequests(page);
  await openFresh(page);
  await page.getByTestId('service-toggle-redis').check();
  await page.getByTestId('service-toggle-pgadmin').check();
  await page.getByTestId('copy-link').click();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  await allFiles(page);
  expectSameOrigin(urls, baseURL);
  expect(urls.filter((u) => u.endsWith('.wasm')), 'the wasm is inlined, never fetched').toEqual([]);
  // The CSP itself forbids connections.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'none'");
  const blocked = await page.evaluate(async () => {
    try { await fetch('/index.html'); return false; } catch (e) { return true; }
  });
  expect(blocked, 'fetch is refused by the CSP').toBe(true);
});

test('axe finds no serious or critical accessibility violation', async ({ browser }) => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
    // axe is injected as a script, which the page's own CSP would (rightly) refuse.
    const context = await browser.newContext({ bypassCSP: true, viewport });
    const page = await context.newPage();
    await openFresh(page);
    await page.getByTestId('service-toggle-redis').check();
    await page.getByTestId('port-postgres-host').fill('6379');
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    // On a phone both panes are checked, one after the other.
    const panes = viewport.width < 900 ? ['show-form', 'show-files'] : [null];
    for (const pane of panes) {
      if (pane) await page.getByTestId(pane).click();
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
        });
        expect(result, `${theme} theme at ${viewport.width} px ${pane || ''}`).toEqual([]);
      }
    }
    await context.close();
  }
});

test('screenshots at desktop and phone width', async ({ browser }) => {
  const out = path.join(ROOT, 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const phone = { width: 375, height: 812 };
  const desktop = { width: 1440, height: 900 };
  // [file name, viewport, colour scheme, what the preview shows]
  const shots = [
    ['desktop', desktop, 'light', 'files'], ['desktop-dark', desktop, 'dark', 'files'],
    ['phone', phone, 'light', 'files'], ['phone-dark', phone, 'dark', 'files'], ['phone-form', phone, 'light', 'form'],
    ['stack-desktop', desktop, 'light', 'stack'], ['stack-desktop-dark', desktop, 'dark', 'stack'],
    ['stack-phone', phone, 'light', 'stack'], ['stack-phone-dark', phone, 'dark', 'stack'],
    ['explore-desktop', desktop, 'light', 'guide'], ['compare-desktop-dark', desktop, 'dark', 'compare'],
  ];
  for (const [name, viewport, scheme, shows] of shots) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await openFresh(page);
    await page.getByTestId('service-toggle-redis').check();
    if (shows === 'stack') await page.getByTestId('service-toggle-pgadmin').check();
    if (shows === 'form') {
      // The form half of the phone's Form / Files switch, at the compact variables table.
      await page.locator('#section-env').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(out, `${name}.png`) });
      await context.close();
      continue;
    }
    if (viewport === phone) await page.getByTestId('show-files').click();
    if (shows === 'files') await page.getByTestId(`file-tab-${BASE}`).click();
    if (shows === 'guide') await page.getByTestId('file-tab-DOCKER.md').click();
    if (shows === 'stack') {
      await page.getByTestId('explore-stack').click();
      await expect(page.getByTestId('stack-picture').locator('g.service')).not.toHaveCount(0);
    }
    if (shows === 'compare') await page.getByTestId('explore-compare').click();
    if (viewport === phone) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `no horizontal scrolling at 375 px (${name})`).toBeLessThanOrEqual(0);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    if (shows === 'stack' && viewport === phone) await page.getByTestId('stack-picture').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    await context.close();
  }
});

test('a reload the browser started just before the address bar followed an edit keeps the edit', async ({ page }) => {
  await openFresh(page);
  const first = await page.evaluate(() => location.hash);
  expect(first).toContain('c=');
  await page.locator('#field-project-name').fill('raced-reload');
  // The address bar follows once typing pauses; storage has the edit first.
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(first);
  // A reload that began with the previous address (the race): the fragment is the app's own,
  // older than the saved configuration, which wins.
  // (A new document, as a reload is: not a fragment change of the open page.)
  await page.goto('about:blank');
  await page.goto('/' + first);
  await waitForApp(page);
  await expect(page.locator('#field-project-name')).toHaveValue('raced-reload');
  await expect(page.getByTestId('info-banner')).toHaveCount(0);
});
