#!/usr/bin/env python3
"""Size guard: fails when the gzip total of what the page loads, or of the import worker it
loads on demand, exceeds its recorded budget by more than 10%.

The budgets live in docs/size-budget.json (bytes, gzip -9): the page is everything in dist/
but the import worker (`dockwright-importer-*.js`, fetched from the page's origin on the first
import only).
Timing is never asserted in tests (machines are noisy); bytes are deterministic, so they are.
"""
import gzip
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
dist = root / "dist"
budget = json.loads((root / "docs" / "size-budget.json").read_text())
def gz(path):
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


files = [p for p in sorted(dist.iterdir()) if p.is_file()]
workers = [p for p in files if p.name.startswith("dockwright-importer-")]
if len(workers) != 1:
    sys.exit(f"size guard: expected one import worker in dist/, found {[p.name for p in workers]}")
checks = [
    ("the page", sum(gz(p) for p in files if p not in workers), budget["gzip_total_bytes"]),
    ("the import worker", gz(workers[0]), budget["import_worker_gzip_bytes"]),
]
failed = 0
for what, total, allowed in checks:
    limit = int(allowed * 1.10)
    print(f"size guard: {what} is {total} bytes gzip; budget {allowed} (+10% = {limit})")
    if total > limit:
        print(f"size guard: {what}: {total} > {limit}: grew past its budget (see docs/PERFORMANCE.md)", file=sys.stderr)
        failed += 1
print(f"size guard: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
