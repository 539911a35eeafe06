// Shared helpers for the end-to-end tests: app start-up, reading files from the preview,
// reading zip archives (a minimal reader over node's zlib), and running the CLI.
const { expect } = require('@playwright/test');
const zlib = require('zlib');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');

/** Opens the app on a clean slate (no saved configuration) and waits for the first preview. */
async function openFresh(page, url = '/') {
  await page.goto('/');
  await waitForApp(page); // the app saves on start; clear after that, not before
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await waitForApp(page);
}

async function waitForApp(page) {
  await expect(page.getByTestId('preview')).not.toBeEmpty();
}

/** Selects a file tab and returns the preview's text (exactly the file's content). */
async function fileText(page, filePath) {
  await page.getByTestId(`file-tab-${filePath}`).click();
  await expect(page.locator('.viewer-title')).toHaveText(filePath);
  return await page.getByTestId('preview').textContent();
}

async function filePaths(page) {
  const ids = await page.locator('[data-testid^="file-tab-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  return ids.map((id) => id.slice('file-tab-'.length));
}

/** Every file shown in the preview, as { path: text }. */
async function allFiles(page) {
  const out = {};
  for (const p of await filePaths(page)) {
    out[p] = await fileText(page, p);
  }
  return out;
}

/** Reads a zip: [{ name, mode, data }] in archive order. */
function readZip(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressed = buffer.readUInt32LE(offset + 20);
    const nameLen = buffer.readUInt16LE(offset + 28);
    const extraLen = buffer.readUInt16LE(offset + 30);
    const commentLen = buffer.readUInt16LE(offset + 32);
    const external = buffer.readUInt32LE(offset + 38);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLen);
    const localName = buffer.readUInt16LE(local + 26);
    const localExtra = buffer.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    const raw = buffer.subarray(start, start + compressed);
    const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
    entries.push({ name, mode: (external >>> 16) & 0o777, data: data.toString('utf8') });
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Runs the native CLI (built by scripts/test before this suite). */
function cli(...args) {
  const bin = path.join(ROOT, 'target', 'debug', 'dockwright');
  return execFileSync(bin, args, { encoding: 'utf8' });
}

module.exports = { ROOT, openFresh, waitForApp, fileText, filePaths, allFiles, readZip, cli };
