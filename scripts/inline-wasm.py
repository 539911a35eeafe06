#!/usr/bin/env python3
"""Trunk post-build hook: make the page load with no fetch at all.

The page's Content-Security-Policy forbids every connection (connect-src 'none'), and
fetch() of the .wasm file is a connection. So the wasm bytes are embedded (base64) in a
same-origin module script, and Trunk's inline boot script is replaced by an external one,
which also lets script-src stay 'self' with no hashes. Runs in TRUNK_STAGING_DIR.
"""
import base64
import gzip
import hashlib
import os
import pathlib
import re
import sys

# zopfli lives in the build venv that scripts/setup creates; Trunk runs this hook with the
# system python3, so re-run under the venv's interpreter when it is there.
VENV_PYTHON = pathlib.Path(__file__).resolve().parent.parent / ".tools" / "build-venv" / "bin" / "python"
try:
    import zopfli.gzip as zopfli_gzip
except ImportError:
    zopfli_gzip = None
    if VENV_PYTHON.exists() and sys.prefix == sys.base_prefix:  # not already in a venv
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text()

def is_worker_glue(path):
    """wasm-bindgen's no-modules glue (Trunk's `data-type="worker"`), not an ES module."""
    return path.read_text().startswith("let wasm_bindgen")


def pack(raw):
    """gzip first: base64 text of a compressed module transfers smaller than base64 of the raw
    module, even after the server's own compression, and is far smaller uncompressed. zopfli
    writes the same gzip format ~4 % smaller; without it (no build venv) gzip -9 is used and
    the size guard in the tests notices."""
    if zopfli_gzip is not None:
        packed = zopfli_gzip.compress(raw, numiterations=15)
        assert gzip.decompress(packed) == raw, "zopfli round trip"
    else:
        print("inline-wasm: zopfli not installed (scripts/setup build); falling back to gzip -9", file=sys.stderr)
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
    return base64.b64encode(packed).decode()


# Decoding shared by the page and the worker: Uint8Array.fromBase64 decodes natively (a JS loop
# over ~700 KB costs ~60 ms on a slow phone); browsers without it take the loop. Then
# DecompressionStream and Response over a local stream: no network involved.
UNPACK = (
    "let packed;\n"
    "if (Uint8Array.fromBase64) {\n"
    "  packed = Uint8Array.fromBase64(b64);\n"
    "} else {\n"
    "  const bin = atob(b64);\n"
    "  packed = new Uint8Array(bin.length);\n"
    "  for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);\n"
    "}\n"
    "const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));\n"
)

all_wasm = sorted(staging.glob("*_bg.wasm"))
workers = [w for w in all_wasm if is_worker_glue(staging / w.name.replace("_bg.wasm", ".js"))]
wasm_files = [w for w in all_wasm if w not in workers]
if len(wasm_files) != 1:
    sys.exit(f"inline-wasm: expected one application *_bg.wasm in {staging}, found {wasm_files}")
wasm = wasm_files[0]
glue = wasm.name.replace("_bg.wasm", ".js")

# The import worker (its own module, started only when someone imports): glue and bytes in one
# classic worker script, so starting it is one same-origin script load and no fetch.
worker_names = []
for worker in workers:
    worker_glue = staging / worker.name.replace("_bg.wasm", ".js")
    script = (
        "// dockwright's import worker: wasm-bindgen's glue, then its WebAssembly (gzip, base64).\n"
        + worker_glue.read_text()
        + f'\nconst b64 = "{pack(worker.read_bytes())}";\n'
        + "(async () => {\n"
        + "".join("  " + line + "\n" for line in UNPACK.splitlines())
        + "  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());\n"
        + "  await wasm_bindgen({ module_or_path: bytes });\n"
        + "})().catch((e) => postMessage(JSON.stringify({ warnings: [], error: `the importer could not start: ${e}` })));\n"
    )
    stem = worker.name.replace("_bg.wasm", "")
    name = f"{stem}-{hashlib.sha256(script.encode()).hexdigest()[:16]}.js"
    (staging / name).write_text(script)
    worker.unlink()
    worker_glue.unlink()
    worker_names.append(name)
if len(worker_names) > 1:
    sys.exit(f"inline-wasm: expected at most one worker, found {worker_names}")

payload = pack(wasm.read_bytes())
digest = hashlib.sha256(payload.encode()).hexdigest()[:16]
bytes_name = f"wasm-bytes-{digest}.js"
(staging / bytes_name).write_text(
    "// The application's WebAssembly (gzip, base64), inlined so loading it needs no fetch.\n"
    f'const b64 = "{payload}";\n'
    + UNPACK
    + "export default new Uint8Array(await new Response(stream).arrayBuffer());\n"
)
boot = (
    f"import init from './{glue}';\n"
    f"import bytes from './{bytes_name}';\n"
    "await init({ module_or_path: bytes });\n"
    # The service worker (public/sw.js) keeps the page's files for offline use. Registered
    # after the app has started (the first preview is on screen), so that its downloads never
    # compete with the first load.
    "if ('serviceWorker' in navigator && location.protocol !== 'file:') {\n"
    "  navigator.serviceWorker.register('./sw.js')\n"
    "    .catch((e) => console.warn('dockwright: offline use is unavailable:', e));\n"
    "}\n"
)
boot_name = f"boot-{hashlib.sha256(boot.encode()).hexdigest()[:16]}.js"
(staging / boot_name).write_text(boot)
wasm.unlink()

# Trunk's inline module script and the wasm preload (a fetch) go; an external boot script comes in.
# Release builds are minified (Trunk.toml): attribute quotes and `</head>` may be left out.
html, scripts = re.subn(r"<script type=\"?module\"?>.*?</script>", "", html, flags=re.S)
html, preloads = re.subn(r"<link(?=[^>]*\brel=\"?preload\b)(?=[^>]*\bas=\"?fetch\b)[^>]*>", "", html)
if scripts != 1:
    sys.exit(f"inline-wasm: expected Trunk's one inline boot script, found {scripts}")
if "_bg.wasm" in html:
    sys.exit("inline-wasm: index.html still names a .wasm file (a fetch the CSP forbids)")


def add_to_head(page, tag):
    """`tag` at the end of the head: before `</head>`, or before `<body` when the minifier
    dropped the optional end tag."""
    for anchor in ("</head>", "<body"):
        if anchor in page:
            return page.replace(anchor, tag + anchor, 1)
    sys.exit("inline-wasm: found neither </head> nor <body in index.html")


html = add_to_head(html, f'<script type="module" src="./{boot_name}"></script>')
# The page finds the worker by this name (src/browser.rs), so it can be content-hashed.
for name in worker_names:
    html = add_to_head(html, f'<meta name="dockwright-import-worker" content="./{name}">')
index.write_text(html)

# The service worker's list of files to keep: every file of the build (all content-hashed but
# the manifest and icon, which the version covers), and the page itself as `./`.
sw = staging / "sw.js"
if sw.exists():
    kept = sorted(p for p in staging.iterdir() if p.is_file() and p.name not in ("sw.js", "index.html"))
    version = hashlib.sha256()
    for p in [index, *kept]:
        version.update(p.name.encode() + b"\0" + p.read_bytes())
    assets = ["./"] + [f"./{p.name}" for p in kept]
    text = sw.read_text()
    if "'__VERSION__'" not in text or "['__ASSETS__']" not in text:
        sys.exit("inline-wasm: sw.js lacks its __VERSION__ / __ASSETS__ placeholders")
    text = text.replace("'__VERSION__'", repr(version.hexdigest()[:16]))
    text = text.replace("['__ASSETS__']", "[" + ", ".join(repr(a) for a in assets) + "]")
    sw.write_text(text)
print(f"inline-wasm: {wasm.name} -> {bytes_name}; boot script {boot_name}; workers {worker_names}")
