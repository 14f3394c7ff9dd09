"""Search tuning: record what the engine saw for each tuning query, then replay the ranking
with other weights in Node, without the browser.

    .venv/bin/python bench/search_tuning.py --set shop [--site BUILT_SITE] [--grid]

Types every tuning query of the set into the real engine in Chromium (as search_quality.py
does), records its concepts, their alternatives with Pagefind's answers, and the texts of every
page they found, into a JSON file; `bench/search_tuning.mjs` then ranks them again with the
ranking weights of `RANKING` (or a grid of others with `--grid`) and prints S@1, S@3 and the
share of unanswerable queries showing no results. Hold-out files are refused: they stay unseen.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import search_quality as sq

RECORD = """async ([query]) => {
  const [{ Engine }, lexicon, text] = await Promise.all([
    import('/assets/javascripts/search/engine.js'),
    import('/assets/javascripts/search/lexicon.js'),
    import('/assets/javascripts/search/text.js'),
  ]);
  if (!window.__engine) {
    const cfg = document.getElementById('hc-search-config').dataset;
    window.__engine = new Engine({ bundle: new URL(cfg.bundle, location.href),
      language: cfg.language, root: new URL('/', location.href) });
  }
  const engine = window.__engine;
  const trace = {};
  await engine.search(query, { trace });
  const pages = {};
  const concepts = (trace.concepts || []).map((c) => ({
    text: c.text, phrase: c.phrase, generic: !c.phrase && lexicon.isCommon(c.text, engine.shards),
    alternatives: c.alternatives.map((a) => ({ text: a.text, weight: a.weight, kind: a.kind,
      results: (a.result ? a.result.results : []).map((r) => {
        pages[r.id] = r;
        return { id: r.id, score: r.score, words: r.words,
          matchedMetaFields: r.matchedMetaFields || [] };
      }) })),
  }));
  const fragments = {};
  await Promise.all(Object.entries(pages).map(async ([id, r]) => {
    const f = await r.data();
    fragments[id] = { url: f.url, meta: f.meta, content: f.raw_content || f.content };
  }));
  return { total: engine.pages, ending: engine.rules.ending, concepts, fragments };
}"""


def record(site: Path, queries: list[sq.Query]) -> list[dict[str, Any]]:
    # Fragments carry our (localized) URLs; queries name docs paths, as search_quality does.
    sources = sq.source_paths(site)
    recorded = []
    with sq.chromium() as browser, sq.serve(site) as url:
        for lang in sorted({q.lang for q in queries}):
            page = browser.new_page()
            page.goto(url + sq.home_path(lang))
            for q in (q for q in queries if q.lang == lang):
                data = page.evaluate(RECORD, [q.query])
                for fragment in data["fragments"].values():
                    path = "/" + fragment["url"].lstrip("/")
                    fragment["url"] = sources.get(path, path)
                recorded.append(
                    {
                        "query": q.query,
                        "lang": q.lang,
                        "kind": q.kind,
                        "expected": sq.expected_paths(q),
                        **data,
                    }
                )
            page.close()
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=sorted(sq.SETS), default="starter")
    parser.add_argument("--site", type=Path, help="an already built site of that set")
    parser.add_argument("--grid", action="store_true", help="try a grid of ranking weights")
    parser.add_argument("--keep", help="write the recording to this file and keep it")
    args = parser.parse_args()
    docs, tuning, _holdout = sq.SETS[args.set]
    if any(".holdout." in f.name for f in tuning):
        raise SystemExit("hold-out queries are not for tuning")
    queries = sq.load_queries(tuning)
    with tempfile.TemporaryDirectory(prefix="search-tuning-") as tmp:
        work = Path(tmp)
        site = args.site
        if site is None:
            ours, _plain = sq.prepare_projects(work, docs)
            site = work / "site"
            sq.mkdocs_build(ours, site, strict=True)
        recorded = record(site, queries)
        data = Path(args.keep) if args.keep else work / "recorded.json"
        data.write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
        replay = [str(sq.ROOT / "bench" / "search_tuning.mjs"), str(data)]
        if args.grid:
            replay.append("--grid")
        sys.exit(subprocess.run(["node", *replay], check=False).returncode)


if __name__ == "__main__":
    main()
