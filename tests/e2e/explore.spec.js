// Explore (issue 13 item 2): the file tree with folders, DOCKER.md rendered as Markdown with a
// source toggle (rendered safely), soft wrap, and search across every file.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { openFresh, fileText, cli } = require('./helpers');

test('the file list is a tree: folders first, collapsible by mouse and keyboard', async ({ page }) => {
  await openFresh(page);
  const tree = page.getByRole('tree', { name: 'Files of the bundle' });
  const scripts = page.getByTestId('folder-scripts');
  await expect(scripts).toHaveAttribute('aria-expanded', 'true');
  await expect(scripts).toHaveAttribute('aria-level', '1');
  const backup = page.getByTestId('file-tab-scripts/backup-database.sh');
  await expect(backup).toHaveAttribute('aria-level', '2');
  // Nested folders: k8s/overlays/prod/… sits four levels down.
  await expect(page.getByTestId('folder-k8s/overlays/prod')).toHaveAttribute('aria-level', '3');
  await expect(page.getByTestId('file-tab-k8s/overlays/prod/kustomization.yaml')).toHaveAttribute('aria-level', '4');
  // Every file row says where it sits among its siblings.
  const sizes = await tree.locator('[role=treeitem]').evaluateAll((els) =>
    els.every((e) => +e.getAttribute('aria-posinset') >= 1 && +e.getAttribute('aria-posinset') <= +e.getAttribute('aria-setsize')));
  expect(sizes).toBe(true);
  // A folder comes before the files beside it.
  const order = await tree.locator('[role=treeitem]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  expect(order.indexOf('folder-scripts')).toBeLessThan(order.indexOf('file-tab-Dockerfile'));

  // Mouse: collapse hides the folder's files; expand shows them again.
  await scripts.click();
  await expect(scripts).toHaveAttribute('aria-expanded', 'false');
  await expect(backup).toHaveCount(0);
  await scripts.click();
  await expect(backup).toBeVisible();

  // Keyboard: one Tab stop; Left from a file goes to its folder, Left again closes it,
  // Right opens it and Right again enters it.
  await backup.click();
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(scripts).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(scripts).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(scripts).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(backup).toBeFocused();
  await expect(page.locator('.viewer-title')).toHaveText('scripts/backup-database.sh');
  // A file chosen by shortcut inside a closed folder opens it. Closing the folder that holds
  // the file shown keeps the tree one Tab stop.
  await scripts.click();
  await expect(backup).toHaveCount(0);
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);
  await page.getByTestId('file-tab-Dockerfile').click();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Alt+ArrowUp');
    if ((await page.locator('.viewer-title').textContent()).startsWith('scripts/')) break;
  }
  await expect(page.locator('.viewer-title')).toHaveText(/^scripts\//);
  await expect(scripts).toHaveAttribute('aria-expanded', 'true');
});

test('DOCKER.md is rendered as Markdown, safely, with its source a toggle away', async ({ page }) => {
  await openFresh(page);
  const source = await fileText(page, 'DOCKER.md');
  const md = page.getByTestId('markdown');
  await expect(md).toBeVisible();
  await expect(page.getByTestId('preview-pane')).toBeHidden();
  // The guide's title and sections as headings, its file table as a table, commands as code.
  const title = source.split('\n')[0].replace(/^# /, '');
  await expect(md.locator('h3').first()).toHaveText(title);
  await expect(md.locator('table').first().locator('th').first()).toHaveText('File');
  expect(await md.locator('pre code').count()).toBeGreaterThan(2);
  expect(await md.locator('h4').count()).toBe((source.match(/^## /gm) || []).length);
  // Only the elements a guide needs, and only http(s) links.
  const tags = await md.evaluate((el) => [...new Set([...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()))]);
  const allowed = ['h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'pre', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'a'];
  expect(tags.filter((t) => !allowed.includes(t))).toEqual([]);
  const hrefs = await md.locator('a').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
  expect(hrefs.every((h) => /^https?:\/\//.test(h))).toBe(true);
  // No text of the guide is lost in rendering: every word of the source is in the rendered text.
  const rendered = await md.textContent();
  // (A code fence's language tag is not text.)
  const words = source.replace(/^```.*$/gm, '').replace(/[`*#|<>\[\]()-]/g, ' ').split(/\s+/).filter((w) => w.length > 3);
  const missing = words.filter((w) => !rendered.includes(w));
  expect(missing).toEqual([]);

  await page.getByTestId('show-source').check();
  await expect(md).toBeHidden();
  await expect(page.getByTestId('preview')).toHaveText(source);
  await page.getByTestId('show-source').uncheck();
  await expect(md).toBeVisible();
});

test('soft wrap wraps long lines instead of scrolling sideways', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('file-tab-Dockerfile').click();
  const pane = page.getByTestId('preview-pane');
  await page.setViewportSize({ width: 1000, height: 800 });
  const overflow = () => pane.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(await overflow()).toBe(true);
  await page.getByTestId('soft-wrap').check();
  await expect(pane).toHaveClass(/wrap/);
  expect(await overflow()).toBe(false);
  await page.getByTestId('soft-wrap').uncheck();
  expect(await overflow()).toBe(true);
});

test('search finds every line holding the text, across files, and shows the line', async ({ page }) => {
  await openFresh(page);
  const search = page.getByTestId('file-search');
  await search.fill('pg_isready');
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  const paths = await hits.evaluateAll((els) => els.map((e) => `${e.dataset.path}:${e.dataset.line}`));
  // The same lines a plain scan of the CLI's bundle for the same preset finds.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-'));
  cli('render', '--preset', 'nextjs-prisma-selfhosted', '--out', dir);
  const expected = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else fs.readFileSync(p, 'utf8').split('\n').forEach((l, i) => {
        if (l.toLowerCase().includes('pg_isready')) expected.push(`${path.relative(dir, p)}:${i + 1}`);
      });
    }
  };
  walk(dir);
  expect([...paths].sort()).toEqual(expected.sort());
  expect(paths.length).toBeGreaterThan(1);
  expect(new Set(paths.map((p) => p.split(':')[0])).size).toBeGreaterThan(1);
  await expect(page.getByTestId('search-count')).toHaveText(`${paths.length} lines in ${new Set(paths.map((p) => p.split(':')[0])).size} files.`);
  // Picking a hit shows that file with the line marked and on screen.
  const [file, line] = paths[paths.length - 1].split(':');
  await hits.last().click();
  await search.fill('');
  await expect(page.locator('.viewer-title')).toHaveText(file);
  const found = page.locator('#preview-code .line.found');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('pg_isready');
  await expect(found).toBeInViewport();
  const index = await found.evaluate((el) => [...el.parentNode.children].indexOf(el));
  expect(index + 1).toBe(+line);
  // The same hit again, after scrolling away, shows the line again.
  const scrolledAway = await page.getByTestId('preview-pane').evaluate((el) => {
    const f = el.querySelector('.line.found');
    el.scrollTo(0, f.offsetTop > el.scrollHeight / 2 ? 0 : el.scrollHeight);
    return el.scrollHeight > el.clientHeight * 2;
  });
  if (scrolledAway) await expect(found).not.toBeInViewport();
  await search.fill('pg_isready');
  await hits.last().click();
  await expect(found).toBeInViewport();
  // Case-insensitive; nothing found is said.
  await search.fill('PG_ISREADY');
  await expect(hits.first()).toBeVisible();
  await search.fill('no such text anywhere 12345');
  await expect(page.getByTestId('search-count')).toHaveText('No file holds this text.');
  await expect(hits).toHaveCount(0);
});
