// Import in the page: files dropped on it, a folder picked with "Import folder…", what could
// not be carried over listed beside the editor (linked to its field), one undoable step,
// refusals that keep the configuration, and the shipped import worker fuzzed with mutated input.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { openFresh, fileText, filePaths, allFiles } = require('./helpers');

const COMPOSE = `name: bookshop
services:
  web:
    build: .
    ports: ["3000:3000"]
    environment:
      SITE_NAME: Books
      STRIPE_SECRET_KEY: \${STRIPE_SECRET_KEY}
    secrets: [stripe]
    depends_on: [db]
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_DB: books
      POSTGRES_USER: books
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    volumes: ["pgdata:/var/lib/postgresql/data"]
secrets:
  stripe:
    file: ./stripe.txt
volumes:
  pgdata: {}
`;
const PACKAGE = JSON.stringify({
  name: 'bookshop',
  scripts: { build: 'next build', dev: 'next dev', start: 'next start' },
  dependencies: { next: '15.1.0' },
  packageManager: 'pnpm@9.15.0',
  engines: { node: '>=22' },
});
const DOTENV = 'DB_PASSWORD=hunter2-real-password\nSTRIPE_SECRET_KEY=sk_live_real_key\n';

/** Drops `files` ({ name: text }) on the page as a person dragging them from a file manager. */
async function drop(page, files) {
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, text] of Object.entries(files)) dt.items.add(new File([text], name));
    return dt;
  }, files);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-hint')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-hint')).toBeHidden();
}

test('dropped compose, env and package.json files are imported, reported and undoable', async ({ page }) => {
  await openFresh(page);
  const before = await page.locator('#field-project-name').inputValue();
  await drop(page, { 'docker-compose.yml': COMPOSE, 'package.json': PACKAGE, '.env': DOTENV });

  // The warnings panel: what was read, and what was not carried over with its compose path.
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('Read: 1 compose file (docker-compose.yml), 1 env file, 1 project file (package.json)');
  await expect(report).toContainText('services.web.secrets');
  await expect(report).toContainText('next.config.js'); // standalone output not set: said
  await expect(page.getByTestId('info-banner')).toContainText('Undo restores your configuration');

  // The configurator continues from the import: the form and the preview follow it.
  await expect(page.locator('#field-project-name')).toHaveValue('bookshop');
  const compose = await fileText(page, 'docker-compose.yml');
  expect(compose).toContain('postgres:16-alpine');
  expect(compose).toContain('POSTGRES_DB: ${POSTGRES_DB:-books}');
  // A real .env's secret values never reach the configuration or the files.
  const files = await allFiles(page);
  for (const [name, text] of Object.entries(files)) {
    expect(text, name).not.toContain('hunter2-real-password');
    expect(text, name).not.toContain('sk_live_real_key');
  }
  expect(await page.getByTestId('share-link').inputValue()).not.toContain('hunter2');

  // A warning links to the field it landed in.
  await report.locator('button[data-field="app.service_name"]').first().click();
  await expect(page.locator('#field-app-service_name')).toBeFocused();

  // One undoable step.
  await page.getByTestId('undo').click();
  await expect(page.locator('#field-project-name')).toHaveValue(before);
  await page.getByTestId('redo').click();
  await expect(page.locator('#field-project-name')).toHaveValue('bookshop');
  await page.getByTestId('import-report-dismiss').click();
  await expect(report).toBeHidden();
});

test('the import report has no serious or critical accessibility violation, in both themes and on a phone', async ({ browser }) => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
    // axe is injected as a script, which the page's own CSP would (rightly) refuse.
    const context = await browser.newContext({ bypassCSP: true, viewport });
    const page = await context.newPage();
    await openFresh(page);
    await drop(page, { 'docker-compose.yml': COMPOSE, 'package.json': PACKAGE });
    await expect(page.getByTestId('import-report')).toBeVisible();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0] || {}).message).join('; ')})`);
      });
      expect(result, `${theme} theme at ${viewport.width} px`).toEqual([]);
    }
    await context.close();
  }
});

test('a picked project folder is read only for the files that matter', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-import-'));
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  put('shop/docker/docker-compose.yml', COMPOSE.replace('build: .', 'build: ..'));
  put('shop/docker/docker-compose.prod.yml', 'services:\n  web:\n    restart: always\n');
  put('shop/package.json', PACKAGE);
  put('shop/pnpm-lock.yaml', 'lockfileVersion: 9.0\n');
  put('shop/node_modules/left-pad/package.json', '{"name":"left-pad"}');
  put('shop/src/app/page.tsx', 'export default function Page() { return null }\n');
  try {
    await openFresh(page);
    await page.getByTestId('import-folder-input').setInputFiles(path.join(dir, 'shop'));
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('2 compose files (shop/docker/docker-compose.yml, shop/docker/docker-compose.prod.yml)');
    await expect(report).toContainText('project files (package.json, pnpm-lock.yaml)');
    await expect(page.locator('#field-project-name')).toHaveValue('bookshop');
    // The docker/ layout from where the compose files were, pnpm from packageManager.
    const paths = await filePaths(page);
    expect(paths).toContain('docker/docker-compose.yml');
    expect(paths).toContain('docker/docker-compose.prod.yml');
    const dockerfile = paths.find((p) => p.endsWith('Dockerfile'));
    expect(await fileText(page, dockerfile)).toContain('pnpm');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a compose file pasted outside a text field is imported; pasting into a field stays typing', async ({ page }) => {
  await openFresh(page);
  const paste = (selector) => page.evaluate(({ text, selector }) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { text: COMPOSE, selector });
  const before = await page.locator('#field-project-name').inputValue();
  await paste('#field-project-name');
  await expect(page.getByTestId('import-report')).toBeHidden();
  await expect(page.locator('#field-project-name')).toHaveValue(before);
  await paste('main');
  await expect(page.getByTestId('import-report')).toContainText('Read: 1 compose file (compose.yaml)');
  await expect(page.locator('#field-project-name')).toHaveValue('bookshop');
});

test('with two built services, the report offers to import again with the other as the app', async ({ page }) => {
  await openFresh(page);
  const compose = 'services:\n  web:\n    build: .\n    ports: ["3000:3000"]\n  jobs:\n    build: ./jobs\n    ports: ["4000:4000"]\n';
  await drop(page, { 'compose.yaml': compose });
  const choice = page.getByTestId('import-app-choice');
  await expect(choice).toContainText('2 services are built; the app is web');
  await expect(page.locator('#field-app-service_name')).toHaveValue('web');
  await choice.locator('button[data-app="jobs"]').click();
  await expect(page.locator('#field-app-service_name')).toHaveValue('jobs');
  await expect(choice).toContainText('the app is jobs');
  // Each import is its own undo step: back to web, then to what was there before.
  await page.getByTestId('undo').click();
  await expect(page.locator('#field-app-service_name')).toHaveValue('web');
});

test('unreadable input is refused with its file and reason, and the configuration is kept', async ({ page }) => {
  await openFresh(page);
  const before = await page.locator('#field-project-name').inputValue();
  await drop(page, { 'compose.yaml': 'services: [: oops\n' });
  await expect(page.getByTestId('error-banner')).toContainText('Nothing was imported: compose.yaml');
  await expect(page.getByTestId('error-banner')).toContainText('Your configuration was kept');
  await expect(page.locator('#field-project-name')).toHaveValue(before);
  await expect(page.getByTestId('undo')).toBeDisabled();

  await drop(page, { 'notes.txt': 'hello' });
  await expect(page.getByTestId('error-banner')).toContainText('nothing to import');
});

test('an import worker that cannot start is reported and the configuration is kept', async ({ page }) => {
  await openFresh(page);
  const before = await page.locator('#field-project-name').inputValue();
  // As if the worker's script were missing from the host (a partial upload of dist/).
  await page.evaluate(() => document.querySelector('meta[name=dockwright-import-worker]').setAttribute('content', './missing-worker.js'));
  await drop(page, { 'compose.yaml': COMPOSE });
  await expect(page.getByTestId('error-banner')).toContainText('Import failed: the importer could not start');
  await expect(page.getByTestId('error-banner')).toContainText('Your configuration was kept');
  await expect(page.locator('#field-project-name')).toHaveValue(before);
  await expect(page.getByTestId('import-files')).toBeEnabled();
});

test('the shipped import worker answers mutated and random input without failing', async ({ page }) => {
  await openFresh(page);
  // Seeds: this file's compose file and the base compose file of each of the engine's import
  // cases (a case file holds several files, each after a `--- # file: NAME` line).
  const cases = path.join(__dirname, '..', '..', 'engine', 'tests', 'import');
  const seeds = [COMPOSE];
  for (const name of fs.readdirSync(cases).filter((n) => n.endsWith('.yaml')).sort()) {
    const parts = fs.readFileSync(path.join(cases, name), 'utf8').split(/^--- # .*$/m);
    if (parts[1]) seeds.push(parts[1]);
  }
  expect(seeds.length).toBeGreaterThan(4);
  const result = await page.evaluate(async (seeds) => {
    const url = document.querySelector('meta[name=dockwright-import-worker]').content;
    const worker = new Worker(url);
    const failures = [];
    // A panic inside the worker's wasm is a trap: the worker reports an error event.
    const next = () => new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(`the worker failed: ${e.message}`));
    });
    if ((await next()) !== 'ready') failures.push('worker did not start');
    // A seeded generator: the same inputs on every run, so a failure can be replayed.
    let state = 0x2545f491;
    const rand = (n) => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return (state >>> 0) % n; };
    const pieces = ['${', '}', ':', '\n  ', '- ', '<<: *a', '&a ', '!reset ', '!override ', '$$', '${X:-${Y', '"', "'", '\n- x', '[', '{', '\t', 'include:\n  - other.yaml\n', 'extends: { service: web }', '\u0000', '🙂'];
    let answered = 0;
    for (let i = 0; i < 300; i++) {
      const seed = seeds[rand(seeds.length)];
      let text = seed;
      for (let k = 0; k <= rand(4); k++) {
        const at = rand(text.length + 1);
        const op = rand(3);
        if (op === 0) text = text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + rand(40));
        else text = text.slice(0, at) + text.slice(rand(text.length + 1));
      }
      if (i % 10 === 0) text = Array.from({ length: rand(200) }, () => String.fromCharCode(rand(128))).join('');
      const reply = next();
      worker.postMessage(JSON.stringify({ files: [{ path: 'compose.yaml', text }, { path: '.env', text: 'A=1\n' }] }));
      let answer;
      try {
        answer = JSON.parse(await reply);
      } catch (e) {
        failures.push(`case ${i}: ${e.message}; input: ${JSON.stringify(text)}`);
        break;
      }
      if (!answer.config === !answer.error) failures.push(`case ${i}: neither a configuration nor an error`);
      answered++;
      if (failures.length) break;
    }
    worker.terminate();
    return { answered, failures };
  }, seeds);
  expect(result.failures).toEqual([]);
  expect(result.answered).toBe(300);
});
