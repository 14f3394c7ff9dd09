"""`_headers`, the response-headers file of Netlify and Cloudflare Pages: read by the preview
server and the tests' server, so that they send what the published host sends (the help
widget's CORS headers, written by `help_widget`)."""

from __future__ import annotations

import fnmatch

HEADERS_FILE = "_headers"
HeaderRules = list[tuple[str, list[tuple[str, str]]]]


def parse_headers_file(text: str) -> HeaderRules:
    """`_headers` as Netlify and Cloudflare Pages read it: a path pattern (`*` matches any
    characters), then its indented `Name: value` lines."""
    rules: HeaderRules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(path: str, rules: HeaderRules) -> list[tuple[str, str]]:
    """The headers `_headers` gives a request path (its query left out)."""
    path = path.split("?", 1)[0]
    matching = (headers for pattern, headers in rules if fnmatch.fnmatchcase(path, pattern))
    return [header for headers in matching for header in headers]
