// Installable and offline (issue 13, item 6): a web app manifest and a service worker
// (public/), so that after a first visit the page opens and works with no connection at all.
const { test, expect } = require('@playwright/test');
const { openFresh, waitForApp, fileText, readZip } = require('./helpers');

/** Waits until the service worker has cached the page's files and controls the page. */
async function waitUntilOffline(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: 30_000 });
}

test('the page is installable: a manifest with a name, start URL and icon, and a service worker', async ({ page, request }) => {
  await openFresh(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await request.get(href)).json();
  expect(manifest.name).toContain('dockwright');
  expect(manifest.start_url).toBe('./');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThan(0);
  const icon = await request.get(manifest.icons[0].src);
  expect(icon.ok()).toBe(true);
  expect(await icon.text()).toContain('<svg');
  await waitUntilOffline(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // Still no connection from the page; only the service worker and the manifest are admitted.
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
});

test('after a first visit the page opens, edits, downloads and imports with every request failing', async ({ page, context }) => {
  await openFresh(page);
  await waitUntilOffline(page);

  await context.setOffline(true);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.reload();
  await waitForApp(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Editing renders as usual.
  await page.locator('#field-project-name').fill('offline-stack');
  expect(await fileText(page, 'DOCKER.md')).toContain('offline-stack');

  // The zip is built in the page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  const zip = readZip(require('fs').readFileSync(await download.path()));
  expect(zip.some((e) => e.name.endsWith('docker-compose.yml'))).toBe(true);

  // The import worker was kept too.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['services:\n  cache:\n    image: redis:7-alpine\n'], 'compose.yaml'));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.locator('#field-redis-enabled')).toBeChecked();

  expect(failed, 'requests that failed while offline').toEqual([]);
  await context.setOffline(false);
});
