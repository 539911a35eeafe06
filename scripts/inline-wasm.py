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

wasm_files = list(staging.glob("*_bg.wasm"))
if len(wasm_files) != 1:
    sys.exit(f"inline-wasm: expected one *_bg.wasm in {staging}, found {wasm_files}")
wasm = wasm_files[0]
glue = wasm.name.replace("_bg.wasm", ".js")

# gzip first: base64 text of a compressed module transfers smaller than base64 of the raw
# module, even after the server's own compression, and is far smaller uncompressed. zopfli
# writes the same gzip format ~4 % smaller; without it (no build venv) gzip -9 is used and the
# size guard in the tests notices.
raw = wasm.read_bytes()
if zopfli_gzip is not None:
    packed = zopfli_gzip.compress(raw, numiterations=15)
    assert gzip.decompress(packed) == raw, "zopfli round trip"
else:
    print("inline-wasm: zopfli not installed (scripts/setup build); falling back to gzip -9", file=sys.stderr)
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
payload = base64.b64encode(packed).decode()
digest = hashlib.sha256(payload.encode()).hexdigest()[:16]
bytes_name = f"wasm-bytes-{digest}.js"
(staging / bytes_name).write_text(
    "// The application's WebAssembly (gzip, base64), inlined so loading it needs no fetch.\n"
    f'const b64 = "{payload}";\n'
    "// Uint8Array.fromBase64 decodes natively (a JS loop over ~700 KB costs ~60 ms on a slow\n"
    "// phone); browsers without it take the loop.\n"
    "let packed;\n"
    "if (Uint8Array.fromBase64) {\n"
    "  packed = Uint8Array.fromBase64(b64);\n"
    "} else {\n"
    "  const bin = atob(b64);\n"
    "  packed = new Uint8Array(bin.length);\n"
    "  for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);\n"
    "}\n"
    "// DecompressionStream and Response over a local stream: no network involved.\n"
    "const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));\n"
    "export default new Uint8Array(await new Response(stream).arrayBuffer());\n"
)
boot = (
    f"import init from './{glue}';\n"
    f"import bytes from './{bytes_name}';\n"
    "await init({ module_or_path: bytes });\n"
)
boot_name = f"boot-{hashlib.sha256(boot.encode()).hexdigest()[:16]}.js"
(staging / boot_name).write_text(boot)
wasm.unlink()

# Trunk's inline module script and the wasm preload (a fetch) go; an external boot script comes in.
html, scripts = re.subn(r"<script type=\"module\">.*?</script>", "", html, flags=re.S)
html, preloads = re.subn(r"<link rel=\"preload\"[^>]*as=\"fetch\"[^>]*>", "", html)
if scripts != 1:
    sys.exit(f"inline-wasm: expected Trunk's one inline boot script, found {scripts}")
html = html.replace("</head>", f'<script type="module" src="./{boot_name}"></script>\n</head>')
html = html.replace("<!-- No network access", "<!-- No network access", 1)
index.write_text(html)
print(f"inline-wasm: {wasm.name} -> {bytes_name}; boot script {boot_name}")
