#!/usr/bin/env python3
"""Size guard: fails when the gzip total of dist/ exceeds the recorded budget by more than 10%.

The budget lives in docs/size-budget.json (bytes, gzip -9, everything the page downloads).
Timing is never asserted in tests (machines are noisy); bytes are deterministic, so they are.
"""
import gzip
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
dist = root / "dist"
budget = json.loads((root / "docs" / "size-budget.json").read_text())
total = sum(len(gzip.compress(p.read_bytes(), compresslevel=9, mtime=0)) for p in sorted(dist.iterdir()) if p.is_file())
limit = int(budget["gzip_total_bytes"] * 1.10)
print(f"size guard: dist/ is {total} bytes gzip; budget {budget['gzip_total_bytes']} (+10% = {limit})")
if total > limit:
    sys.exit(f"size guard: {total} > {limit}: the page grew past its budget (see docs/PERFORMANCE.md)")
print("size guard: 1 passed, 0 failed")
