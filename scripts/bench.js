// Browser half of scripts/bench: measures the release build in Debian's Chromium.
// Usage: node scripts/bench.js [--loads N] [--edits N]
const { chromium } = require('@playwright/test');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '..');
// BENCH_DIST measures another build (e.g. an older commit's dist/) with this harness.
const DIST = process.env.BENCH_DIST || path.join(ROOT, 'dist');
const PORT = 4174;
const URL = `http://127.0.0.1:${PORT}/`;
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const LOADS = arg('--loads', 12);
const EDITS = arg('--edits', 200);
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const CLI = path.join(ROOT, 'target', 'release', 'dockwright');

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]; };
const r1 = (x) => Math.round(x * 100) / 100;

function sizes() {
  const rows = [];
  for (const f of fs.readdirSync(DIST).sort()) {
    const buf = fs.readFileSync(path.join(DIST, f));
    rows.push({
      asset: f,
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
    });
  }
  // The import worker is loaded only when someone imports: not part of the page's load.
  const onDemand = (r) => r.asset.startsWith('dockwright-importer-');
  const sum = (xs) => xs.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { assets: rows, total: sum(rows.filter((r) => !onDemand(r))), on_demand: sum(rows.filter(onDemand)) };
}

// Records, inside the page, the moment the preview first holds text (a MutationObserver
// installed before any page script runs), so the figure has no polling granularity.
const FIRST_PREVIEW = `
  new MutationObserver((_, obs) => {
    const el = document.querySelector('[data-testid="preview"]');
    if (el && el.textContent.length > 0) { window.__firstPreview = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

async function waitForPreview(page) {
  await page.waitForFunction(() => window.__firstPreview !== undefined, null, { polling: 'raf', timeout: 60000 });
  return await page.evaluate(() => window.__firstPreview);
}

async function loads(browser, throttle) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(FIRST_PREVIEW);
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await page.goto(URL, { waitUntil: 'commit' });
    times.push(await waitForPreview(page));
    await context.close();
  }
  return { median: r1(pct(times, 0.5)), p95: r1(pct(times, 0.95)), samples: times.length };
}

/** The largest preset plus 40 environment variables, as a share link with secrets. */
function largestLink() {
  const config = JSON.parse(execFileSync(CLI, ['config', '--preset', 'nextjs-render-parity', '--include-secrets', '--json'], { encoding: 'utf8' }));
  // BENCH_KUBERNETES=1: the same with the Kubernetes tree on (about 40 files instead of 14).
  if (process.env.BENCH_KUBERNETES === '1') config.kubernetes.enabled = true;
  for (let i = 0; i < 40; i++) {
    config.env.push({ name: `EXTRA_SETTING_${String(i).padStart(2, '0')}`, value: `value ${i} with # and $`, section: `Group ${i % 5}` });
  }
  const file = path.join(ROOT, 'target', 'bench', 'largest.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return execFileSync(CLI, ['link', '--config', file, '--include-secrets'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** In-page: dispatch one edit and wait until the preview shows `expect`. Returns ms. */
async function measureEdit(page, kind, i) {
  return await page.evaluate(async ({ kind, i }) => {
    const preview = document.querySelector('[data-testid="preview"]');
    const q = (id) => document.querySelector(`[data-testid="${id}"]`);
    let target; let expect; let event = 'input';
    if (kind === 'env-value') {
      target = q('env-value-12'); target.value = `typed value ${i}`; expect = `typed value ${i}`;
    } else if (kind === 'port') {
      target = q('port-app-host'); target.value = String(3000 + (i % 500) + 1); expect = `APP_PORT:-${target.value}}`;
    } else if (kind === 'service-toggle') {
      target = q('service-toggle-redis'); target.checked = !target.checked; event = 'change';
      expect = target.checked ? '  redis:\n' : null;
    } else if (kind === 'strategy') {
      target = document.getElementById('field-project-strategy');
      target.value = target.value === 'profiles' ? 'overrides' : 'profiles'; event = 'change';
      expect = target.value === 'profiles' ? '--profile dev' : '-f docker-compose.dev.yml';
    }
    const done = () => (expect === null ? !preview.textContent.includes('  redis:\n') : preview.textContent.includes(expect));
    // What the user feels: the end of the frame that shows the edit. A frame callback asked for
    // before the event (so it runs first in that frame) posts a task, which runs once the
    // frame's style, layout and paint are done; work deferred until after that frame (the
    // share link) does not count.
    const frameEnd = () => new Promise((resolve) => requestAnimationFrame(() => {
      const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(performance.now()); ch.port2.postMessage(0);
    }));
    const firstFrame = frameEnd();
    const t0 = performance.now();
    target.dispatchEvent(new Event(event, { bubbles: true }));
    if (!done()) {
      await new Promise((resolve, reject) => {
        const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
        obs.observe(preview, { childList: true, subtree: true, characterData: true });
        setTimeout(() => { obs.disconnect(); reject(new Error(`timeout waiting for ${kind} (${expect}): ${document.querySelector(".viewer-title").textContent} ${preview.textContent.slice(0, 200)} ${target.value}`)); }, 5000);
      });
    }
    const shownAt = performance.now();
    let paintedAt = await firstFrame;
    if (paintedAt < shownAt) paintedAt = await frameEnd(); // shown in a later frame
    return { shown: shownAt - t0, painted: paintedAt - t0 };
  }, { kind, i });
}

/** 40 real keystrokes 10 ms apart into an env value; ms from the last key until the preview
 * shows the final text, and until the frame after it. */
async function burst(page, round) {
  await page.getByTestId('file-tab-docker/.env').click();
  const field = page.getByTestId('env-value-12');
  await field.fill('');
  const text = `burst${round}-` + 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, 40 - `burst${round}-`.length);
  await page.evaluate((expect) => {
    const preview = document.querySelector('[data-testid="preview"]');
    window.__burst = { lastKey: 0, shown: 0, painted: 0 };
    document.addEventListener('keydown', () => { window.__burst.lastKey = performance.now(); }, { capture: true });
    const obs = new MutationObserver(() => {
      if (preview.textContent.includes(expect)) {
        obs.disconnect();
        window.__burst.shown = performance.now();
        requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => { window.__burst.painted = performance.now(); }; ch.port2.postMessage(0); });
      }
    });
    obs.observe(preview, { childList: true, subtree: true, characterData: true });
  }, text);
  await field.pressSequentially(text, { delay: 10 });
  await page.waitForFunction(() => window.__burst.painted > 0, null, { timeout: 10000 });
  const b = await page.evaluate(() => window.__burst);
  return { shown: Math.max(0, b.shown - b.lastKey), painted: Math.max(0, b.painted - b.lastKey) };
}

async function edits(browser, link) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_PREVIEW);
  await page.goto(URL + link);
  await waitForPreview(page);
  const tab = (p) => page.getByTestId(`file-tab-${p}`).click();
  const kinds = ['env-value', 'port', 'service-toggle', 'strategy'];
  const results = {};
  const paints = {};
  // Even counts: toggles and strategy switches end where they started.
  const per = 2 * Math.ceil(EDITS / kinds.length / 2);
  for (const kind of kinds) {
    await tab(kind === 'env-value' ? 'docker/.env' : 'docker/docker-compose.yml');
    if (kind === 'strategy') await tab('docker/docker-compose.yml');
    // redis-commander needs Redis: with it on, Redis off is an error and the preview keeps the
    // last good text, so it is switched off for the toggle measurements.
    if (kind === 'service-toggle') await page.getByTestId('service-toggle-redis-commander').uncheck();
    for (let w = 0; w < 6; w++) await measureEdit(page, kind, 1000 + w); // warm-up
    const samples = [];
    const painted = [];
    for (let i = 0; i < per; i++) {
      if (kind === 'strategy') {
        // Switching strategy changes the file list: keep the base compose file selected.
        await tab('docker/docker-compose.yml');
      }
      const m = await measureEdit(page, kind, i);
      samples.push(m.shown);
      painted.push(m.painted);
    }
    results[kind] = { p50: r1(pct(samples, 0.5)), p95: r1(pct(samples, 0.95)), max: r1(Math.max(...samples)), n: samples.length };
    paints[kind] = { p50: r1(pct(painted, 0.5)), p95: r1(pct(painted, 0.95)), max: r1(Math.max(...painted)), n: painted.length };
  }
  const bursts = [];
  for (let round = 0; round < 5; round++) bursts.push(await burst(page, round));
  const all = Object.values(results);
  // Zip: the download button builds the zip synchronously in its click handler.
  const zipTimes = await page.evaluate(() => {
    const out = [];
    const button = document.querySelector('[data-testid="download-zip"]');
    for (let i = 0; i < 20; i++) { const t0 = performance.now(); button.click(); out.push(performance.now() - t0); }
    return out;
  });
  await context.close();
  return {
    kinds: results,
    next_paint: paints,
    burst: { shown_max: r1(Math.max(...bursts.map((b) => b.shown))), painted_max: r1(Math.max(...bursts.map((b) => b.painted))), rounds: bursts.map((b) => ({ shown: r1(b.shown), painted: r1(b.painted) })) },
    zip: { median: r1(pct(zipTimes, 0.5)), p95: r1(pct(zipTimes, 0.95)) },
  };
}

function linkLengths() {
  const out = {};
  const ids = execFileSync(CLI, ['presets'], { encoding: 'utf8' }).split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.split(' ')[0]);
  for (const id of ids) {
    const fragment = execFileSync(CLI, ['link', '--preset', id], { encoding: 'utf8' }).trim();
    out[id] = (URL + fragment).length;
  }
  return out;
}

/** Stable flat keys (documented in docs/PERFORMANCE.md), so runs compare across commits. */
function flatten(r) {
  const out = {
    'page.gzip_bytes': r.sizes.total.gzip,
    'page.brotli_bytes': r.sizes.total.brotli,
    // Everything is inlined in index.html, so what the first preview needs is the whole page.
    'page.before_first_preview_gzip_bytes': r.sizes.total.gzip,
    // The import worker (YAML loader and import mapping), fetched from the page's origin on
    // the first import only.
    'import_worker.gzip_bytes': r.sizes.on_demand.gzip,
    'load.p50_ms': r.load_ms.unthrottled.median,
    'load.p95_ms': r.load_ms.unthrottled.p95,
    'load_throttled.p50_ms': r.load_ms.cpu_4x.median,
    'load_throttled.p95_ms': r.load_ms.cpu_4x.p95,
    'zip.p50_ms': r.edit_ms.zip.median,
    'burst.shown_after_last_key_ms': r.edit_ms.burst.shown_max,
    'burst.painted_after_last_key_ms': r.edit_ms.burst.painted_max,
    'link.default_chars': r.share_link_chars['nextjs-prisma-selfhosted'],
  };
  for (const [k, v] of Object.entries(r.edit_ms.kinds)) { out[`edit.${k}.p50_ms`] = v.p50; out[`edit.${k}.p95_ms`] = v.p95; }
  for (const [k, v] of Object.entries(r.edit_ms.next_paint)) { out[`paint.${k}.p50_ms`] = v.p50; out[`paint.${k}.p95_ms`] = v.p95; }
  const largest = r.native.find((n) => n.case.includes('40'));
  if (largest) out['native.render_largest_us_p50'] = largest.render_us_p50;
  return out;
}

const TARGETS = [
  { key: 'edit.env-value.p50_ms', max: 2 }, { key: 'edit.env-value.p95_ms', max: 4 },
  { key: 'edit.port.p50_ms', max: 2 }, { key: 'edit.port.p95_ms', max: 4 },
  { key: 'edit.service-toggle.p95_ms', max: 8 }, { key: 'edit.strategy.p95_ms', max: 8 },
  { key: 'paint.env-value.p95_ms', max: 16 }, { key: 'paint.port.p95_ms', max: 16 },
  { key: 'burst.shown_after_last_key_ms', max: 16 },
  { key: 'page.gzip_bytes', max: 400000 },
  { key: 'load.p50_ms', max: 400 }, { key: 'load_throttled.p50_ms', max: 800 },
  { key: 'zip.p50_ms', max: 10 }, { key: 'link.default_chars', max: 200 },
];

(async () => {
  const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
  try {
    const result = {
      date: new Date().toISOString(),
      machine: `${require('os').cpus().length} cores, ${Math.round(require('os').totalmem() / 2 ** 30)} GiB, ${require('os').cpus()[0].model}`,
      sizes: sizes(),
      load_ms: { unthrottled: await loads(browser, 1), cpu_4x: await loads(browser, 4) },
      edit_ms: null,
      native: JSON.parse(fs.readFileSync(path.join(ROOT, 'target', 'bench', 'native.json'), 'utf8')),
      share_link_chars: linkLengths(),
    };
    result.edit_ms = await edits(browser, largestLink());
    result.flat = flatten(result);
    const s = result.sizes;
    console.log('\n== sizes (bytes) ==');
    console.log('asset'.padEnd(44), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
    for (const a of s.assets) console.log(a.asset.padEnd(44), String(a.raw).padStart(10), String(a.gzip).padStart(10), String(a.brotli).padStart(10));
    console.log('TOTAL (the page; the import worker apart)'.padEnd(44), String(s.total.raw).padStart(10), String(s.total.gzip).padStart(10), String(s.total.brotli).padStart(10));
    console.log('import worker (on the first import only)'.padEnd(44), String(s.on_demand.raw).padStart(10), String(s.on_demand.gzip).padStart(10), String(s.on_demand.brotli).padStart(10));
    console.log('\n== load to first rendered preview (ms, localhost, cold context) ==');
    for (const [k, v] of Object.entries(result.load_ms)) console.log(k.padEnd(14), `median ${v.median}`, `p95 ${v.p95}`, `(${v.samples} loads)`);
    console.log('\n== edit -> preview DOM (ms), largest preset + 40 env vars ==');
    for (const [k, v] of Object.entries(result.edit_ms.kinds)) console.log(k.padEnd(16), `p50 ${v.p50}`.padEnd(12), `p95 ${v.p95}`.padEnd(12), `max ${v.max}`.padEnd(12), `n=${v.n}`);
    console.log('zip in browser'.padEnd(16), `median ${result.edit_ms.zip.median}`, `p95 ${result.edit_ms.zip.p95}`);
    console.log('next paint'.padEnd(16), Object.entries(result.edit_ms.next_paint).map(([k, v]) => `${k} p50 ${v.p50} p95 ${v.p95}`).join('; '));
    console.log('40-key burst'.padEnd(16), `final text ${result.edit_ms.burst.shown_max} ms after the last key (worst of ${result.edit_ms.burst.rounds.length}), next paint ${result.edit_ms.burst.painted_max}`);
    console.log('\n== native engine (µs) ==');
    for (const n of result.native) console.log(n.case.padEnd(30), `render p50 ${n.render_us_p50}`.padEnd(22), `p95 ${n.render_us_p95}`.padEnd(14), `validate ${n.validate_us_p50}`.padEnd(16), `zip ${n.zip_us_p50}`);
    console.log('\n== share link length (characters, full URL on localhost) ==');
    for (const [k, v] of Object.entries(result.share_link_chars)) console.log(k.padEnd(30), v);
    console.log('\n== targets ==');
    for (const t of TARGETS) {
      const v = result.flat[t.key];
      const ok = v !== undefined && v <= t.max;
      console.log((ok ? 'met   ' : 'MISSED'), t.key.padEnd(34), String(v).padStart(10), `<= ${t.max}`);
    }
    const dir = path.join(ROOT, 'target', 'bench');
    fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(result, null, 2));
    fs.writeFileSync(path.join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
    console.log(`\nJSON: ${path.join(dir, 'latest.json')}`);
  } finally {
    await browser.close();
    server.kill();
  }
})().catch((e) => { console.error(e); process.exit(1); });
