// Every form field is bound to a configuration path (its data-path, the same spelling the
// engine's diagnostics use to find it). A path that does not exist in the configuration would
// be a field whose messages never show and whose value goes nowhere: this walks every field of
// every preset, with every section switched on and every variable's details open, and resolves
// each path in the configuration's schema, which the CLI prints from the engine's types.
const { test, expect } = require('@playwright/test');
const { openFresh, waitForApp, cli } = require('./helpers');

/** `env[2].per_env.prod` -> ['env', 2, 'per_env', 'prod']. */
function segments(path) {
  return path.split('.').flatMap((part) => {
    const m = /^([a-z_]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`not a config path: ${path}`);
    return [m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
  });
}

/** The schema nodes `node` may be (a nullable or either-or value is an anyOf). */
const alternatives = (node) => (node.anyOf ? node.anyOf.flatMap(alternatives) : [node]);

/** Whether `path` names a value in the configuration's JSON schema (`dockwright schema`, built
 * from the engine's own types). A name under a list of names is a membership checkbox
 * (`project.environments.staging`). */
function resolves(schema, path) {
  let nodes = [schema];
  const parts = segments(path);
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i];
    const next = [];
    for (const node of nodes.flatMap(alternatives)) {
      if (typeof key === 'number') {
        if (node.type === 'array' && node.items) next.push(node.items);
      } else if (node.properties && key in node.properties) {
        next.push(node.properties[key]);
      } else if (i === parts.length - 1 && node.type === 'array' && node.items && (node.items.enum || []).includes(key)) {
        next.push({});
      }
    }
    if (next.length === 0) return false;
    nodes = next;
  }
  return true;
}

test('every field is bound to a path of the configuration, in every preset', async ({ page }) => {
  test.setTimeout(180_000);
  const presets = cli('presets').split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.split(' ')[0]);
  expect(presets.length).toBeGreaterThan(3);
  const schema = JSON.parse(cli('schema'));
  expect(resolves(schema, 'env[0].per_env.nope')).toBe(false); // the check can fail
  expect(resolves(schema, 'postgres.hostport')).toBe(false);
  await openFresh(page);
  let checked = 0;
  for (const id of presets) {
    await page.goto('/?fields=1' + cli('link', '--preset', id).trim());
    await waitForApp(page);
    for (const service of ['postgres', 'redis', 'pgadmin', 'redis-commander']) {
      const toggle = page.getByTestId(`service-toggle-${service}`);
      if (!(await toggle.isChecked())) await toggle.check();
    }
    // Optional parts with fields of their own.
    for (const box of ['#field-postgres-backup-enabled', '#field-ops-resources', '#field-ops-logging']) {
      const el = page.locator(box);
      if ((await el.count()) && !(await el.isChecked())) await el.check();
    }
    await page.getByTestId('extra-add').click();
    const rows = await page.locator('[data-testid^="env-details-"]').count();
    for (let i = 0; i < rows; i++) {
      const more = page.getByTestId(`env-details-${i}`);
      if ((await more.getAttribute('aria-expanded')) === 'false') await more.click();
    }
    const paths = await page.locator('input[data-path], select[data-path]').evaluateAll((els) => els.map((e) => e.dataset.path));
    expect(paths.length, id).toBeGreaterThan(60);
    const unbound = paths.filter((p) => !resolves(schema, p));
    expect(unbound, `${id}: fields bound to no configuration value`).toEqual([]);
    // Each field's id is derived from its path, so the summary's links reach it.
    const ids = await page.locator('input[data-path], select[data-path]').evaluateAll((els) => els.map((e) => [e.getAttribute('id'), e.dataset.path, e.outerHTML]));
    for (const [elementId, path, html] of ids) {
      expect(elementId, html).toBe(`field-${path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`);
    }
    // Help next to each field (issue 13): present, and the input's description.
    const helpless = await page.locator('input[data-path], select[data-path]').evaluateAll((els) => els
      .filter((e) => {
        const help = document.getElementById(`${e.id}-help`);
        const described = (e.getAttribute('aria-describedby') || '').split(' ').includes(`${e.id}-help`);
        return !help || help.textContent.trim().length < 30 || !described;
      })
      .map((e) => e.dataset.path));
    expect(helpless, `${id}: fields without help`).toEqual([]);
    checked += paths.length;
  }
  expect(checked).toBeGreaterThan(300);
});

test('help under every field on request, and as the label\'s tooltip', async ({ page }) => {
  await openFresh(page);
  const help = page.locator('#field-app-init-help');
  await expect(help).toBeHidden();
  await expect(page.locator('label[for=field-app-init]')).toHaveAttribute('title', /dumb-init/);
  await expect(help).toContainText('dumb-init');
  await expect(page.locator('#field-app-framework-help')).toContainText('standalone');
  await page.getByTestId('all-help').check();
  await expect(help).toBeVisible();
  await expect(page.locator('#field-app-host_port-help')).toBeVisible();
  await expect(page.locator('#field-app-host_port-help')).toContainText('127.0.0.1');
  await page.getByTestId('all-help').uncheck();
  await expect(help).toBeHidden();
});
