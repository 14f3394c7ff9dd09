"""urls.lock: reading and writing it, what breaks a recorded URL, following moved files,
redirects, removed pages and the page ids votes follow."""

from __future__ import annotations

import pytest

from helpcenter.url_record import (
    GONE,
    Move,
    RecordedUrl,
    UrlRecord,
    UrlRecordError,
    check_record,
    page_aliases,
    parse_record,
    redirects,
    removed,
    update_record,
)

PAGES = {
    "/": ("hr", "hr/index.md"),
    "/narudzbe/": ("hr", "hr/narudzbe/index.md"),
    "/narudzbe/otkazivanje/": ("hr", "hr/narudzbe/otkazivanje.md"),
    "/fi/": ("fi", "fi/index.md"),
    "/fi/tilaukset/": ("fi", "fi/narudzbe/index.md"),
    "/fi/tilaukset/tilauksen-peruminen/": ("fi", "fi/narudzbe/otkazivanje.md"),
}


def recorded(pages: dict[str, tuple[str, str]]) -> UrlRecord:
    return UrlRecord(urls=[RecordedUrl(lang, url, src) for url, (lang, src) in pages.items()])


def test_the_record_reads_back_what_it_wrote() -> None:
    record = recorded(PAGES)
    record.urls.append(RecordedUrl("hr", "/stari-clanak/", GONE))
    record.moves.append(Move("hr", "narudzbe/stara.md", "narudzbe/otkazivanje.md"))
    text = record.dump()
    again = parse_record(text)
    assert again.dump() == text
    assert {(u.lang, u.url, u.target) for u in again.urls} == {
        (u.lang, u.url, u.target) for u in record.urls
    }
    assert again.moves == record.moves
    # Sorted, so that a change shows as a small diff.
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert rows == [*sorted(rows[:-1]), rows[-1]]


def test_a_broken_line_names_file_and_line() -> None:
    with pytest.raises(UrlRecordError, match=r"urls\.lock:3: expected '<language> /<url>/"):
        parse_record("# comment\nhr / hr/index.md\nhr narudzbe hr/narudzbe/index.md\n")


def test_a_complete_record_has_no_problems() -> None:
    assert check_record(recorded(PAGES), PAGES) == []


def test_a_file_that_moved_away_breaks_its_urls() -> None:
    record = recorded(PAGES)
    pages = {url: page for url, page in PAGES.items() if page[1] != "hr/narudzbe/otkazivanje.md"}
    pages["/narudzbe/otkazivanje-narudzbe/"] = ("hr", "hr/narudzbe/otkazivanje-narudzbe.md")
    problems = check_record(record, pages)
    errors = [p for p in problems if p.error]
    assert len(errors) == 1
    assert "/narudzbe/otkazivanje/" in errors[0].message
    assert "helpcenter urls --update" in errors[0].message
    # The new URL is only not recorded yet: a warning.
    assert [p.message.split()[0] for p in problems if not p.error] == [
        "/narudzbe/otkazivanje-narudzbe/"
    ]


def test_a_new_slug_redirects_by_itself() -> None:
    record = recorded(PAGES)
    pages = dict(PAGES)
    del pages["/fi/tilaukset/tilauksen-peruminen/"]
    pages["/fi/tilaukset/tilauksen-peruutus/"] = ("fi", "fi/narudzbe/otkazivanje.md")
    assert [p for p in check_record(record, pages) if p.error] == []
    [redirect] = redirects(record, pages)
    assert (redirect.old, redirect.new) == (
        "/fi/tilaukset/tilauksen-peruminen/",
        "/fi/tilaukset/tilauksen-peruutus/",
    )
    result = update_record(record, pages)
    assert result.added == ["/fi/tilaukset/tilauksen-peruutus/"]
    assert result.followed == [] and result.unresolved == []


def test_update_follows_a_renamed_collection_folder_by_its_files() -> None:
    record = recorded(PAGES)
    pages = {
        url.replace("/narudzbe/", "/narudzbe-i-dostava/"): (
            lang,
            src.replace("hr/narudzbe/", "hr/nd/"),
        )
        for url, (lang, src) in PAGES.items()
    }
    result = update_record(record, pages)
    assert result.unresolved == []
    assert ("hr/narudzbe/otkazivanje.md", "hr/nd/otkazivanje.md") in result.followed
    assert ("hr/narudzbe/index.md", "hr/nd/index.md") in result.followed
    # The old URLs now lead to the moved files, so they redirect.
    olds = {r.old: r.new for r in redirects(result.record, pages)}
    assert olds["/narudzbe/otkazivanje/"] == "/narudzbe-i-dostava/otkazivanje/"
    assert olds["/narudzbe/"] == "/narudzbe-i-dostava/"
    assert [p for p in check_record(result.record, pages) if p.error] == []
    assert page_aliases(result.record) == {"hr": {"narudzbe/otkazivanje.md": "nd/otkazivanje.md"}}


def test_a_renamed_file_needs_git_or_the_editor() -> None:
    record = recorded(PAGES)
    pages = dict(PAGES)
    del pages["/narudzbe/otkazivanje/"]
    pages["/narudzbe/storniranje/"] = ("hr", "hr/narudzbe/storniranje.md")
    unresolved = update_record(record, pages)
    assert [entry.url for entry in unresolved.unresolved] == ["/narudzbe/otkazivanje/"]
    by_editor = update_record(
        record, pages, moved={"hr/narudzbe/otkazivanje.md": "hr/narudzbe/storniranje.md"}
    )
    by_git = update_record(
        record, pages, renames={"hr/narudzbe/otkazivanje.md": "hr/narudzbe/storniranje.md"}
    )
    by_url = update_record(
        record, pages, moved={"/narudzbe/otkazivanje/": "hr/narudzbe/storniranje.md"}
    )
    for result in (by_editor, by_git, by_url):
        assert result.unresolved == []
        assert {r.old: r.new for r in redirects(result.record, pages)} == {
            "/narudzbe/otkazivanje/": "/narudzbe/storniranje/"
        }


def test_gone_marks_a_page_removed_on_purpose() -> None:
    record = recorded(PAGES)
    pages = {url: page for url, page in PAGES.items() if url != "/narudzbe/otkazivanje/"}
    result = update_record(record, pages, gone=["/narudzbe/otkazivanje/"])
    assert result.unresolved == []
    assert [entry.url for entry in removed(result.record, pages)] == ["/narudzbe/otkazivanje/"]
    assert check_record(result.record, pages) == []
    # Published again at that URL: the gone line must go.
    problems = check_record(result.record, PAGES)
    assert any("marked gone" in p.message for p in problems if p.error)


def test_a_recorded_url_cannot_change_its_page() -> None:
    record = recorded(PAGES)
    pages = dict(PAGES)
    pages["/narudzbe/otkazivanje/"] = ("hr", "hr/narudzbe/novi.md")
    pages["/narudzbe/staro-otkazivanje/"] = ("hr", "hr/narudzbe/otkazivanje.md")
    assert any("cannot change its page" in p.message for p in check_record(record, pages))


def test_page_aliases_follow_chains_of_moves() -> None:
    record = UrlRecord(
        moves=[
            Move("hr", "a/x.md", "b/x.md"),
            Move("hr", "b/x.md", "c/y.md"),
            Move("fi", "a.md", "b.md"),
        ]
    )
    assert page_aliases(record) == {
        "hr": {"a/x.md": "c/y.md", "b/x.md": "c/y.md"},
        "fi": {"a.md": "b.md"},
    }
