"""Our own scripts are shipped readable in `overrides/`; the built site gets them minified."""

from __future__ import annotations

from pathlib import Path

import rjsmin  # type: ignore[import-untyped]  # ships no type hints


def minify_scripts(folder: Path) -> list[Path]:
    """Minify every unminified `*.js` under `folder` in place (Material's `*.min.js` are left
    alone); returns the files rewritten. Deterministic, so rebuilds stay byte-identical."""
    rewritten = []
    for script in sorted(folder.rglob("*.js")):
        if script.name.endswith(".min.js"):
            continue
        source = script.read_text(encoding="utf-8")
        minified = rjsmin.jsmin(source)
        if minified != source:
            script.write_text(minified, encoding="utf-8")
            rewritten.append(script)
    return rewritten
