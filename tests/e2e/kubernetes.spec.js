// The Kubernetes output in the page: the k8s/ tree in the preview and the zip, its fields
// in the editor, the built overlay (what `kubectl kustomize` gives, rendered by the engine),
// and errors that stop only the Kubernetes files.
const { test, expect } = require('@playwright/test');
const { openFresh, fileText, filePaths, readZip } = require('./helpers');

test('the default preset carries the k8s tree, in the preview and in the zip', async ({ page }) => {
  await openFresh(page);
  const paths = await filePaths(page);
  for (const f of ['KUBERNETES.md', 'k8s/base/kustomization.yaml', 'k8s/base/app.yaml', 'k8s/base/postgres.yaml',
    'k8s/overlays/dev/kustomization.yaml', 'k8s/overlays/prod/kustomization.yaml', 'k8s/overlays/prod/secrets.env.example']) {
    expect(paths, f).toContain(f);
  }
  // Production never gets a secrets.env with values; development does (the .env opt-in).
  expect(paths).toContain('k8s/overlays/dev/secrets.env');
  expect(paths).not.toContain('k8s/overlays/prod/secrets.env');
  // The Kubernetes part is listed after the Docker files.
  expect(paths.indexOf('KUBERNETES.md')).toBeGreaterThan(paths.indexOf('scripts/init-db.sql'));

  const download = page.waitForEvent('download');
  await page.getByTestId('download-zip').click();
  const zip = readZip(require('fs').readFileSync(await (await download).path()));
  const names = zip.map((e) => e.name);
  expect(names).toContain('k8s/overlays/prod/kustomization.yaml');
  const app = zip.find((e) => e.name === 'k8s/base/app.yaml').data;
  expect(app).toContain('kind: Deployment');
  expect(app).toContain('runAsNonRoot: true');
  expect(app).toBe(await fileText(page, 'k8s/base/app.yaml'));
});

test('the Kubernetes fields drive the overlays, and the built overlay shows the result', async ({ page }) => {
  await openFresh(page);
  await page.locator('#field-kubernetes-environments-prod-tag').fill('3.1.4');
  await page.locator('#field-kubernetes-environments-prod-replicas').fill('4');
  const overlay = await fileText(page, 'k8s/overlays/prod/kustomization.yaml');
  expect(overlay).toContain('newTag: "3.1.4"');
  expect(overlay).toContain('count: 4');

  // The built overlay: every object with the namespace, the tag and the replicas applied.
  await page.getByTestId('show-merged').check();
  await expect(page.locator('.viewer-title')).toHaveText('kubectl kustomize k8s/overlays/prod');
  const built = await page.getByTestId('preview').textContent();
  expect(built).toContain('image: registry.example.com/crm/app:3.1.4');
  expect(built).toContain('namespace: crm-prod');
  expect(built).toContain('replicas: 4');
  expect(built).toContain('kind: PodDisruptionBudget');
  expect(built).toContain('name: stack-config');
  // Back to the file itself.
  await page.getByTestId('show-merged').uncheck();
  await expect(page.locator('.viewer-title')).toHaveText('k8s/overlays/prod/kustomization.yaml');
});

test('a name a cluster refuses stops only the Kubernetes files; switching the output off is undoable', async ({ page }) => {
  await openFresh(page);
  await page.locator('#field-app-service_name').fill('web.v2');
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('Kubernetes: a Service name must be lowercase');
  await expect(page.getByTestId('file-tab-k8s/base/app.yaml')).toHaveClass(/blocked/);
  await expect(page.getByTestId('file-tab-Dockerfile')).not.toHaveClass(/blocked/);
  await expect(page.getByTestId('file-tab-docker-compose.yml')).not.toHaveClass(/blocked/);
  await page.locator('#field-app-service_name').fill('web');
  await expect(summary).toContainText('No problems');

  await page.getByTestId('k8s-enabled').uncheck();
  await expect(page.getByTestId('file-tab-k8s/base/app.yaml')).toHaveCount(0);
  await expect(page.getByTestId('file-tab-KUBERNETES.md')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('file-tab-k8s/base/app.yaml')).toBeVisible();
  await expect(page.getByTestId('k8s-enabled')).toBeChecked();
});
