"""Search payload and speed: our search versus Material's, on a large generated content set.

    .venv/bin/python bench/search_payload.py [--articles 1000] [--plain-words] [--no-gzip]

Generates N articles per language (bench/synthetic_content.py, then by default enriches the text
with a large Zipf-distributed vocabulary so that word statistics resemble a real help center
rather than the generator's 33 words), builds our site and a plain mkdocs-material +
mkdocs-static-i18n build with Material's search from the same files, serves each on loopback
(gzip for text files, as any real host does; Pagefind's own files are compressed already) and
in headless Chromium:

- bytes: everything the browser downloads after the home page has loaded until the first
  results of a query are shown (Chrome DevTools Protocol, bytes on the wire), plus the page
  load itself for reference;
- speed: time from the last keystroke to the results of that query, the first query of a page
  view (cold) and later ones (warm), typing as a person does (key by key).

Targets: search bytes <= 1/5 of Material's, < 100 ms from the last keystroke to results.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import (
    chromium,
    home_path,
    mkdocs_build,
    prepare_projects,
    serve,
)
from synthetic_content import WORDS, generate

# Queries per language: the first is typed on a fresh page (cold), the others after it (warm).
QUERIES = {
    "hr": ["narudžba dostava", "povrat novca", "kartica plaćanje", "reklamacija proizvod"],
    "fi": ["tilaus toimitus", "palautus raha", "kortti maksu", "reklamaatio tuote"],
}
KEY_DELAY_MS = 70
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map"}

# Syllables for pseudo-words that look and inflect like each language.
SYLLABLES = {
    "hr": "ka ko ra ri na ne vo va po pa to ta sti ni mi če ći ša žu đe lo le ja ju go".split(),
    "fi": "ka ta la ma pa sa va ri ki tu lo no ho jä mä tä yö ää kk tt ss ll nen sto".split(),
}
ENDINGS = {
    "hr": ["", "a", "e", "i", "u", "om", "ima", "ama", "ski", "nje"],
    "fi": ["", "n", "a", "ä", "ssa", "sta", "lla", "lle", "t", "en", "ksi"],
}


# ---------------------------------------------------------------------------------------------
# Content


def _lexicon(lang: str, size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    syllables = SYLLABLES[lang]
    while len(words) < size:
        stem = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        words.add(stem + rng.choice(ENDINGS[lang]))
    return sorted(words)


def enrich(docs: Path, *, vocabulary: int, share: float = 0.4, seed: int = 11) -> None:
    """Replace a share of body words with words from a Zipf-distributed lexicon per language."""
    for lang in WORDS:
        rng = random.Random(f"{seed}-{lang}")
        lexicon = _lexicon(lang, vocabulary, rng)
        weights = [1 / (rank + 1) for rank in range(len(lexicon))]
        for file in sorted((docs / lang).rglob("*.md")):
            if file.name == "index.md":
                continue
            text = file.read_text(encoding="utf-8")
            head, sep, body = text.partition("\n---\n")
            lines = []
            for line in body.splitlines():
                if line.startswith("#") or not line.strip():
                    lines.append(line)
                    continue
                tokens = line.split(" ")
                picks = rng.choices(lexicon, weights=weights, k=len(tokens))
                lines.append(
                    " ".join(
                        pick if rng.random() < share and re.fullmatch(r"\w+", t) else t
                        for t, pick in zip(tokens, picks, strict=True)
                    )
                )
            file.write_text(head + sep + "\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Serving with compression


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it and compression helps."""

    compress: ClassVar[bool] = True
    _cache: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects "dir" to "dir/"
            path = path / "index.html"
        if (
            not self.compress
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
            or not path.is_file()
        ):
            return super().send_head()
        key = str(path)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# ---------------------------------------------------------------------------------------------
# Measuring in Chromium

TIMING_SETUP = """() => {
  window.__lastKey = 0;
  window.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
}"""
OURS_DONE = """(q) => {
  const list = document.querySelector('[data-hc-search=header] [data-search-results]');
  return list && list.dataset.searchQuery === q && list.dataset.searchState === 'results';
}"""
# Our box records when a query's results were drawn; Material's list is watched for changes.
OURS_WATCH = """(q) => {
  window.__resultsAt = 0;
  const list = document.querySelector('[data-hc-search=header] [data-search-results]');
  new MutationObserver(() => {
    if (list.dataset.searchQuery === q && list.dataset.searchState === 'results') {
      window.__resultsAt = window.__resultsAt || performance.now();
    }
  }).observe(list, { attributes: true, childList: true });
}"""
MATERIAL_WATCH = """() => {
  window.__resultsAt = 0;
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => { window.__resultsAt = performance.now(); })
    .observe(list, { childList: true, subtree: true });
}"""


class Meter:
    """Bytes on the wire per finished request (page, its workers and their fetches)."""

    def __init__(self, page: Any) -> None:
        self.bytes: list[tuple[str, int]] = []
        page.context.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        sizes = request.sizes()
        self.bytes.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))

    def mark(self) -> int:
        return len(self.bytes)

    def total(self, start: int = 0, end: int | None = None) -> int:
        return sum(size for _, size in self.bytes[start:end])

    def files(self, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
        return sorted(self.bytes[start:end], key=lambda item: -item[1])


def _type(page: Any, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.press_sequentially(text, delay=KEY_DELAY_MS)


def measure_ours(browser: Any, url: str, lang: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    meter = Meter(page)
    page.goto(url + home_path(lang), wait_until="load")
    page.wait_for_load_state("networkidle")
    loaded = meter.mark()
    page.evaluate(TIMING_SETUP)
    times = []
    first = loaded
    for i, query in enumerate(QUERIES[lang]):
        page.evaluate(OURS_WATCH, query)
        _type(page, "#hc-search-header-input", query)
        try:
            page.wait_for_function(OURS_DONE, arg=query, timeout=30_000)
        except Exception:
            state = page.evaluate(
                "() => ({...document.querySelector('[data-hc-search=header] [data-search-results]')"
                ".dataset, value: document.querySelector('#hc-search-header-input').value})"
            )
            raise SystemExit(f"no results for {query!r}: {state} {errors}") from None
        times.append(page.evaluate("window.__resultsAt - window.__lastKey"))
        if i == 0:
            page.wait_for_timeout(300)
            first = meter.mark()
    context.close()
    return _summary(meter, loaded, first, times)


# Files that exist only for search, on either site.
SEARCH_FILE = re.compile(
    r"/pagefind/|/search\.(js|css)|/javascripts/search/|search_index\.json|/workers/search|/lunr/"
)


def _summary(meter: Meter, loaded: int, first: int, times: list[float]) -> dict[str, Any]:
    files = meter.files(0, first)
    return {
        "load": meter.total(0, loaded),
        "after_load": meter.total(loaded, first),
        "search_files": sum(size for url, size in files if SEARCH_FILE.search(url)),
        "files": files,
        "times": times,
    }


def measure_material(browser: Any, url: str, lang: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    meter = Meter(page)
    page.goto(url + home_path(lang), wait_until="load")
    page.wait_for_load_state("networkidle")
    loaded = meter.mark()
    page.evaluate(TIMING_SETUP)
    if not page.locator("input.md-search__input").is_visible():
        page.locator("label[for=__search]").first.click()
    times = []
    first = loaded
    for i, query in enumerate(QUERIES[lang]):
        page.evaluate(MATERIAL_WATCH)
        _type(page, "input.md-search__input", query)
        # Results are final once the list has not changed for a while.
        last, stable, deadline = -1.0, 0, time.monotonic() + 60
        while stable < 5 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            at = page.evaluate("window.__resultsAt")
            stable = stable + 1 if at == last and at > 0 else 0
            last = at
        times.append(page.evaluate("window.__resultsAt - window.__lastKey"))
        if i == 0:
            first = meter.mark()
    context.close()
    return _summary(meter, loaded, first, times)


def kb(n: float) -> str:
    return f"{n / 1024:8.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles per language")
    parser.add_argument("--vocabulary", type=int, default=30_000, help="enriching lexicon size")
    parser.add_argument("--plain-words", action="store_true", help="keep the generator's words")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    parser.add_argument("--files", action="store_true", help="list the files each search loaded")
    args = parser.parse_args()
    _CompressingHandler.compress = not args.no_gzip

    with tempfile.TemporaryDirectory(prefix="search-payload-") as tmp:
        work = Path(tmp)
        docs = work / "docs"
        generate(docs, articles_per_language=args.articles)
        if not args.plain_words:
            enrich(docs, vocabulary=args.vocabulary)
        ours_project, plain_project = prepare_projects(work, docs)
        for name, project, strict in (
            ("ours", ours_project, True),
            ("plain", plain_project, False),
        ):
            started = time.perf_counter()
            mkdocs_build(project, work / f"{name}-site", strict=strict)
            print(f"built {name} in {time.perf_counter() - started:.1f} s")

        results: dict[tuple[str, str], dict[str, Any]] = {}
        with chromium() as browser:
            with serve(work / "ours-site", _CompressingHandler) as url:
                for lang in QUERIES:
                    results[("ours", lang)] = measure_ours(browser, url, lang)
            with serve(work / "plain-site", _CompressingHandler) as url:
                for lang in QUERIES:
                    results[("material", lang)] = measure_material(browser, url, lang)

    print(
        f"\n{args.articles} articles per language, "
        f"{'generator words' if args.plain_words else f'{args.vocabulary} word lexicon'}, "
        f"{'uncompressed' if args.no_gzip else 'gzip'}\n"
    )
    print(
        f"{'':16} {'page load':>11} {'after load*':>11} {'total':>11} {'search files':>12}"
        f" {'cold ms':>8} {'warm ms':>8}"
    )
    for (site, lang), r in results.items():
        warm = statistics.median(r["times"][1:]) if len(r["times"]) > 1 else float("nan")
        total = r["load"] + r["after_load"]
        print(
            f"{site:9} {lang:6} {kb(r['load'])} {kb(r['after_load'])} {kb(total)}"
            f" {kb(r['search_files'])} {r['times'][0]:8.0f} {warm:8.0f}"
        )
    print("* after the page has loaded, until the first results of the first query")
    print("  search files: files only search needs (Pagefind bundle, our search modules and")
    print("  CSS; Material: search_index.json, search worker, lunr), counted from page load to")
    print("  first results")
    print("  cold: first query of a page view; warm: median of the next queries;")
    print("  both from the last keystroke to the results on screen")
    print()
    for lang in QUERIES:
        ours, material = results[("ours", lang)], results[("material", lang)]
        total = (ours["load"] + ours["after_load"]) / (material["load"] + material["after_load"])
        search = ours["search_files"] / material["search_files"]
        print(
            f"{lang}: ours / Material: search files {search:.3f} (target <= 0.200), "
            f"all bytes from page load to first results {total:.3f}"
        )
    if args.files:
        for (site, lang), r in results.items():
            print(f"\n{site} {lang}:")
            for url, size in r["files"]:
                print(f"  {kb(size)}  {url}")


if __name__ == "__main__":
    main()
