// The stack picture and the environment comparison (issue 13 items 4 and 5): drawn by the
// engine from its resolved model, checked here against the CLI (`dockwright stack --json`,
// `dockwright compare --json`) for every preset and every environment.
const { test, expect } = require('@playwright/test');
const { openFresh, cli } = require('./helpers');

const PRESETS = cli('presets').split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(' ')[0]);

/** The picture's facts, read from the SVG's structure. */
async function pictureFacts(page) {
  return await page.getByTestId('stack-picture').locator('svg').evaluate((svg) => ({
    env: svg.dataset.env,
    network: svg.querySelector('.network').dataset.network,
    services: [...svg.querySelectorAll('g.service')].map((g) => ({
      name: g.dataset.service,
      image: g.dataset.image,
      onlyIn: g.dataset.onlyIn,
      ports: [...g.querySelectorAll('text.port')].map((t) => `${t.dataset.hostIp}:${t.dataset.host}->${t.dataset.container}`),
      mounts: [...g.querySelectorAll('text.mount')].map((t) => `${t.dataset.source}:${t.dataset.target}`),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    edges: [...svg.querySelectorAll('g.edge')].map((e) => `${e.dataset.from}->${e.dataset.to}:${e.dataset.condition}`).sort(),
    volumes: [...svg.querySelectorAll('g.volume')].map((v) => `${v.dataset.volume}<-${v.dataset.usedBy}`),
  }));
}

/** The same facts from the CLI's stack model. */
function modelFacts(stack) {
  const label = { service_healthy: 'healthy', service_started: 'started' };
  return {
    env: stack.env || 'single file',
    network: stack.network,
    services: stack.services.map((s) => ({
      name: s.name,
      image: s.build ? `build: ${s.build}` : s.image || '',
      onlyIn: s.only_in.join(' '),
      ports: s.ports.map((p) => `${p.host_ip || '0.0.0.0'}:${p.host}->${p.container}`),
      mounts: s.mounts.map((m) => `${m.source}:${m.target}`),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    edges: stack.services.flatMap((s) => s.depends_on.map((d) => `${s.name}->${d.service}:${label[d.condition]}`)).sort(),
    volumes: stack.volumes.map((v) => `${v}<-${stack.services.filter((s) => s.mounts.some((m) => m.named && m.source === v)).map((s) => s.name).join(' ')}`),
  };
}

test('the stack picture matches the engine model for every preset and every environment', async ({ page }) => {
  await openFresh(page);
  let compared = 0;
  for (const preset of PRESETS) {
    await page.getByTestId('preset-select').selectOption(preset);
    await page.getByTestId('explore-stack').click();
    const stacks = JSON.parse(cli('stack', '--preset', preset, '--json'));
    const select = page.getByTestId('stack-env');
    await expect(select.locator('option')).toHaveCount(stacks.length);
    for (let i = 0; i < stacks.length; i++) {
      await select.selectOption(String(i));
      const want = modelFacts(stacks[i]);
      await expect(page.getByTestId('stack-picture').locator('svg')).toHaveAttribute('data-env', want.env);
      expect(await pictureFacts(page), `${preset} ${want.env}`).toEqual(want);
      // The list gives the same facts: a heading per service and per volume.
      const heads = await page.getByTestId('stack-facts').locator(':scope > li > strong').allTextContents();
      expect(heads).toEqual([...stacks[i].services.map((s) => s.name), ...stacks[i].volumes.map((v) => `volume ${v}`)]);
      // And the SVG on the page is the CLI's SVG for the same environment.
      const cliSvg = cli('stack', '--preset', preset, '--env', stacks[i].env || 'single', '--svg');
      const ids = (svg) => [...svg.matchAll(/data-(service|volume|from|to|host|target)="([^"]*)"/g)].map((m) => m[0]).join(' ');
      const pageSvg = await page.getByTestId('stack-picture').innerHTML();
      expect(ids(pageSvg.replace(/&amp;/g, '&'))).toEqual(ids(cliSvg.replace(/&amp;/g, '&')));
      compared++;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(PRESETS.length);
});

test('the picture follows edits live, and downloads as a standalone SVG', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('explore-stack').click();
  const picture = page.getByTestId('stack-picture');
  await expect(picture.locator('g.service[data-service="postgres"]')).toHaveCount(1);
  // Dev-only admin UI: on in dev, marked; absent in prod.
  await page.getByTestId('service-toggle-pgadmin').check();
  await page.getByTestId('stack-env').selectOption({ label: 'dev' });
  await expect(picture.locator('g.service[data-service="pgadmin"]')).toHaveAttribute('data-only-in', 'dev');
  await expect(picture.locator('g.edge[data-from="pgadmin"][data-to="postgres"]')).toHaveAttribute('data-condition', 'healthy');
  await page.getByTestId('stack-env').selectOption({ label: 'prod' });
  await expect(picture.locator('g.service[data-service="pgadmin"]')).toHaveCount(0);
  // A port edit shows at once.
  await page.getByTestId('stack-env').selectOption({ label: 'dev' });
  await page.getByTestId('port-postgres-host').fill('5544');
  await expect(picture.locator('g.service[data-service="postgres"] text.port')).toHaveAttribute('data-host', '5544');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-stack').click()]);
  expect(download.suggestedFilename()).toBe('stack-dev.svg');
  const text = require('fs').readFileSync(await download.path(), 'utf8');
  // A well-formed XML document with the same services.
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return { error: error && error.textContent, services: [...doc.querySelectorAll('g.service')].map((g) => g.dataset.service) };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.services).toContain('pgadmin');
  expect(text).toContain('data-host="5544"');
});

test('environments side by side: every difference the engine finds is marked, and only those', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('explore-compare').click();
  const want = JSON.parse(cli('compare', '--preset', 'nextjs-prisma-selfhosted', '--env', 'dev', '--env', 'prod', '--json'));
  await expect(page.getByTestId('compare-left')).toHaveValue('0');
  const tables = page.getByTestId('compare-service');
  await expect(tables).toHaveCount(want.services.length);
  const shown = await tables.evaluateAll((ts) => ts.map((t) => ({
    role: t.dataset.service,
    differs: t.classList.contains('differs'),
    rows: [...t.querySelectorAll('tbody tr')].map((r) => ({
      key: r.dataset.key,
      differs: r.classList.contains('differs'),
      left: [...r.children[1].querySelectorAll('div')].map((d) => d.textContent),
      right: [...r.children[2].querySelectorAll('div')].map((d) => d.textContent),
    })),
  })));
  expect(shown).toEqual(want.services.map((s) => ({
    role: s.role,
    differs: s.differs,
    rows: s.rows.map((r) => ({ key: r.key, differs: r.differs, left: r.left, right: r.right })),
  })));
  const differing = want.services.filter((s) => s.differs).length;
  const settings = want.services.reduce((n, s) => n + s.rows.filter((r) => r.differs).length, 0);
  await expect(page.getByTestId('compare-summary')).toHaveText(`${differing} of ${want.services.length} services differ between dev and prod (${settings} settings).`);
  // A difference is marked for screen readers too.
  await expect(tables.locator('tr.differs th').first()).toContainText('(differs)');
  // Only the differences.
  await page.getByTestId('only-differences').check();
  await expect(page.locator('[data-testid=compare-service] tbody tr')).toHaveCount(settings);
  // An environment against itself: nothing differs.
  await page.getByTestId('compare-right').selectOption({ label: 'dev' });
  await expect(page.getByTestId('compare-summary')).toHaveText(`0 of ${want.services.length - want.services.filter((s) => !s.left_name).length} services differ between dev and dev (0 settings).`);
});

test('axe: Explore, the stack picture and the comparison have no serious or critical issue', async ({ browser }) => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
    // axe is injected as a script, which the page's own CSP would (rightly) refuse.
    const context = await browser.newContext({ bypassCSP: true, viewport });
    const page = await context.newPage();
    await openFresh(page);
    await page.getByTestId('service-toggle-redis').check();
    await page.getByTestId('service-toggle-pgadmin').check();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    if (viewport.width < 900) await page.getByTestId('show-files').click();
    for (const view of ['explore-stack', 'explore-compare', 'explore-files', 'search']) {
      if (view === 'search') {
        await page.getByTestId('file-search').fill('postgres');
      } else {
        await page.getByTestId(view).click();
      }
      if (view === 'explore-files') await page.getByTestId('file-tab-DOCKER.md').click();
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);
        });
        expect(result, `${view}, ${theme} theme at ${viewport.width} px`).toEqual([]);
      }
    }
    await context.close();
  }
});
