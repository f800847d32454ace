"""Report results kept in the cache under keys that make them exact: every input they were worked out from and
the code that worked them out. The same key can only ever name the same result; a changed count, a rebuilt
bucket (a new row, with a new id) or a new release of this code gives a new key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

KEEP_SECONDS = 60 * 60 * 24 * 30
# The modules whose code decides what a kept result holds (read as files, so nothing is imported here).
_CODE_FILES = ("suppression.py", "report_figures.py", "figures.py", "buckets.py", "tables.py", "scorecard.py")
CODE = hashlib.sha256(b"".join((Path(__file__).parent / name).read_bytes() for name in _CODE_FILES)).hexdigest()[:16]


def kept_key(kind: str, *inputs: Any) -> str:
    what = json.dumps(inputs, sort_keys=True, default=str)
    return f"report-{kind}:{CODE}:{hashlib.sha256(what.encode()).hexdigest()}"
