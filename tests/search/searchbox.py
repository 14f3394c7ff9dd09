"""Typing into the real search boxes and reading what a visitor sees (used by the browser tests)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

HOME = {"hr": "/", "fi": "/fi/"}
DONE_STATES = ("results", "empty", "error")

_WAIT = """([box, query, states]) => {
  const list = document.querySelector(`[data-hc-search=${box}] [data-search-results]`);
  return list && list.dataset.searchQuery === query && states.includes(list.dataset.searchState);
}"""


def type_query(page: Any, query: str, *, box: str = "header") -> str:
    """Type `query` into a search box, wait for its final state and return that state."""
    page.locator(f"[data-hc-search={box}] input[type=search]").fill(query)
    page.wait_for_function(_WAIT, arg=[box, query, list(DONE_STATES)], timeout=15_000)
    return str(
        page.locator(f"[data-hc-search={box}] [data-search-results]").get_attribute(
            "data-search-state"
        )
    )


def result_paths(page: Any, *, box: str = "header") -> list[str]:
    """The pages of the result links, best first (section links point into the same page)."""
    hrefs = page.eval_on_selector_all(
        f"[data-hc-search={box}] [data-search-results] a[data-search-result]",
        "els => els.map(e => e.href)",
    )
    return [urlsplit(h).path for h in hrefs]


def search(page: Any, query: str, *, box: str = "header") -> list[str]:
    type_query(page, query, box=box)
    return result_paths(page, box=box)
