"""The repairs of Material's markup, on the exact markup Material writes."""

from __future__ import annotations

from helpcenter.html_conformance import conforming

TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH = '<input type="text" class="md-search__input" name="query" autocomplete="off">'
SECTION = (
    '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">x</label>'
    '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="false">'
    '<label class="md-nav__title" for="__nav_2">Dostava</label></nav>'
)


def test_checkboxes_lose_autocomplete_and_text_fields_keep_it() -> None:
    assert conforming(TOGGLE) == TOGGLE.replace(' autocomplete="off"', "")
    assert conforming(SEARCH) == SEARCH


def test_empty_tabindex_goes_and_sections_are_named_by_their_title() -> None:
    repaired = conforming(SECTION)
    assert 'tabindex=""' not in repaired
    assert 'aria-labelledby="__nav_2_title"' in repaired
    assert (
        '<label class="md-nav__title" for="__nav_2" id="__nav_2_title">Dostava</label>' in repaired
    )
    assert repaired.count('id="__nav_2_title"') == 1
