"""Build-side search logic without MkDocs: folding, word lists, extra terms, index documents."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from helpcenter.content import Catalog, Collection
from helpcenter.front_matter import ArticleMeta, CollectionMeta, HomeMeta
from helpcenter.search.client_data import (
    lexicon_shards,
    search_config,
    synonym_entries,
    vocabulary_json,
)
from helpcenter.search.context import search_context, suggested_collections
from helpcenter.search.expansion import index_terms
from helpcenter.search.indexer import ArticleRecord, ArticleTerms, index_document
from helpcenter.search.languages import search_language
from helpcenter.search.morphology import Stemmer, WordAnalysis, analyze_language
from helpcenter.search.text import dj_variants, fold, words
from helpcenter.search.wordlists import (
    WordListError,
    WordLists,
    load_word_lists,
    parse_stopwords,
    parse_synonyms,
)

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"


# --- folding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Plaćanje pouzećem", "placanje pouzecem"),
        ("KORISNIČKA SLUŽBA", "korisnicka sluzba"),
        ("čćšžđ", "ccszd"),
        ("Ääliö Åland", "aalio aland"),
        ("tilausvahvistus", "tilausvahvistus"),
    ],
)
def test_fold_removes_diacritics_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_maps_dj_both_ways() -> None:
    # đ has no Unicode decomposition: NFD alone would leave it in place.
    assert fold("Đurđevac") == "durdevac"
    assert fold("Đurđevac", dj=True) == "djurdjevac"
    assert fold("događaj", dj=True) == "dogadjaj"


def test_dj_variants_only_for_words_with_dj() -> None:
    assert dj_variants("događaj") == ["dogadaj", "dogadjaj"]
    assert dj_variants("Međunarodna") == ["medjunarodna", "medunarodna"]
    assert dj_variants("dostava") == []


def test_words_keeps_hyphenated_words_whole() -> None:
    assert words("E-pošta, Apple Pay i SMS-om!") == ["e-pošta", "apple", "pay", "i", "sms-om"]
    assert words("  ") == []


# --- word lists --------------------------------------------------------------------------------


def test_stopwords_are_folded_and_comments_ignored(tmp_path: Path) -> None:
    file = tmp_path / "stopwords.txt"
    file.write_text("# question words\nKako gdje  # inline comment\nŠto\n\nmožete\n", "utf-8")
    assert parse_stopwords(file) == {"kako", "gdje", "sto", "mozete"}


def test_stopword_that_is_not_a_word_is_reported_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "stopwords.txt"
    file.write_text("kako\nmoj,tvoj\n", "utf-8")
    with pytest.raises(WordListError, match=r"stopwords.txt:2: 'moj,tvoj' is not a single word"):
        parse_stopwords(file)


def test_synonym_groups(tmp_path: Path) -> None:
    file = tmp_path / "synonyms.txt"
    file.write_text(
        "# comment\npaket = pošiljka\nRefundacija = povrat  novca = povrat novca\n", "utf-8"
    )
    assert parse_synonyms(file) == (("paket", "pošiljka"), ("refundacija", "povrat novca"))


@pytest.mark.parametrize("line", ["paket", "paket = ", "= paket", "paket = Paket"])
def test_malformed_synonym_line_is_reported(tmp_path: Path, line: str) -> None:
    file = tmp_path / "synonyms.txt"
    file.write_text(f"lähetys = toimitus\n{line}\n", "utf-8")
    with pytest.raises(WordListError, match=r"synonyms.txt:2: "):
        parse_synonyms(file)


def test_language_without_word_lists_has_none(tmp_path: Path) -> None:
    assert load_word_lists(tmp_path, "de") == WordLists(stopwords=frozenset(), synonyms=())


@pytest.mark.parametrize(
    ("lang", "question_words", "content_words"),
    [
        (
            "hr",
            ["kako", "mogu", "li", "je", "se", "moj", "što", "gdje"],
            ["narudžba", "račun", "broj"],
        ),
        ("fi", ["miten", "voin", "kuinka", "mitä", "onko", "voinko"], ["tilaus", "tili", "maksu"]),
    ],
)
def test_shipped_word_lists(lang: str, question_words: list[str], content_words: list[str]) -> None:
    lists = load_word_lists(LOCALES, lang)
    assert all(lists.is_stopword(w) for w in question_words)
    assert not any(lists.is_stopword(w) for w in content_words)
    assert len(lists.synonyms) >= 10


def test_issue_examples_are_in_the_synonym_files() -> None:
    assert ("paket", "pošiljka") in load_word_lists(LOCALES, "hr").synonyms
    assert ("lähetys", "toimitus") in load_word_lists(LOCALES, "fi").synonyms


# --- languages, stems, extra terms -------------------------------------------------------------


def test_croatian_is_indexed_unstemmed_with_base_forms() -> None:
    # Pagefind indexes Croatian under its own code, without a stemmer (the smaller WebAssembly
    # file); Snowball's Serbian stemmer matches synonyms, and simplemma's base forms join the
    # forms of a word, also those that share a stem ("narudžbu" -> "narudžba").
    assert search_language("hr").pagefind == "hr"
    assert not search_language("hr").pagefind_stems
    assert search_language("hr").snowball == "serbian"
    analysis = analyze_language(search_language("hr"), ["narudžbu", "narudžba"])
    assert analysis.terms["narudzbu"] == ("narudzba",)
    assert "narudzba" not in analysis.terms
    # Finnish keeps Pagefind's stemmer: a base form stemming already finds is not added.
    assert search_language("fi").pagefind_stems
    assert search_language("fi").pagefind == "fi"
    # A language nobody configured is indexed under its own code, without a stemmer of ours.
    assert search_language("pt-BR").pagefind == "pt"
    assert search_language("pt-BR").snowball is None


def test_synonym_terms_carry_their_groups_token_and_the_stems_of_their_words() -> None:
    lists = WordLists(frozenset(), (("paket", "pošiljka"), ("povrat novca", "refundacija")))
    assert synonym_entries(lists, Stemmer("serbian")) == [
        ("hcsyn0000", "paket", ["paket"]),
        ("hcsyn0000", "pošiljka", ["posiljk"]),
        ("hcsyn0001", "povrat novca", ["povra", "novc"]),  # Snowball Serbian
        ("hcsyn0001", "refundacija", ["refundacij"]),
    ]


def test_index_terms_add_base_forms_tags_and_dj_spellings_but_nothing_already_there() -> None:
    text = "Što se događa s novcem kad otkažem narudžbu? Povrat novca."
    analysis = {"otkazem": ("otkazati",), "novcem": ("novac",), "povrat": ("povrat",)}
    terms = index_terms(text, analysis, stopwords=frozenset({"se"}))
    assert {"otkazati", "novac", "dogadja", "dogada"} <= set(terms)
    assert "povrat" not in terms  # already in the text
    tags = index_terms("povrat novca, refundacija", {}, stopwords=frozenset(), own_words=True)
    assert tags == ["povrat", "novca", "refundacija"]


def test_lexicon_shards_split_forms_generic_words_and_synonyms_by_first_two_letters() -> None:
    analysis = WordAnalysis(
        forms={"tilauksen": "tilaus", "tilauksia": "tilaus", "ja": "ja"},
        common=frozenset({"tilanne", "kauppa", "tilaus"}),
    )
    synonyms = [("hcsyn0000", "tilausvahvistus", ["tilausvahvistu"])]
    shards = lexicon_shards(analysis, synonyms, stopwords=frozenset({"ja"}))
    assert sorted(shards) == ["ka", "ti"]
    assert json.loads(shards["ti"]) == {
        "f": {"tilauksen": "tilaus", "tilauksia": "tilaus"},
        "c": ["tilanne", "tilaus"],
        "s": [["hcsyn0000", "tilausvahvistus", ["tilausvahvistu"]]],
    }


def test_browser_config_holds_folded_stopwords_and_vocabulary_skips_them() -> None:
    lists = WordLists(frozenset({"kako", "sto"}), ())
    config = json.loads(
        search_config(lang="hr", pagefind_language="sr", lists=lists, pages=3, lexicon=["na"])
    )
    assert config == {
        "lang": "hr",
        "pagefind_language": "sr",
        "stopwords": ["kako", "sto"],
        "ending": 3,
        "vocabulary": "helpcenter-vocabulary.json",
        "pages": 3,
        "lexicon": ["na"],
    }
    counts = Counter(
        {"dostava": 5, "kako": 9, "paketomat": 2, "je": 7, "2024": 3, "poklon-bon": 2, "r1-račun": 4}
    )
    # hyphenated compounds stay whole, so that a typo in one is corrected to it
    assert json.loads(vocabulary_json(counts, lists.stopwords)) == {
        "words": ["dostava", "paketomat", "poklon-bon"]
    }


# --- index documents ---------------------------------------------------------------------------


def _record(body: str = "<p>Tekst.</p>") -> ArticleRecord:
    return ArticleRecord(
        url="narudzbe/otkazivanje/",
        title="Kako otkazati <narudžbu>?",
        lead="Narudžbu otkazujete u Mojem računu.",
        collection="Narudžbe",
        body_html=body,
        tags=("narudžba",),
    )


def test_index_document_has_only_title_lead_and_body_with_weights() -> None:
    body = (
        '<p>Uvod.</p>\n<h2 id="koraci">Koraci</h2>\n<p>Prvo.</p>\n'
        '<p class="hc-back-to-top"><a href="#hc-top" data-hc-top>Povratak na vrh ▲</a></p>\n'
    )
    terms = ArticleTerms(title=["otkazati"], key=["otkazivati"], body=["refundacija", "dogadja"])
    doc = index_document(_record(body), terms=terms)
    assert doc.count("data-pagefind-body") == 1
    assert '<h1 data-pagefind-meta="title" data-pagefind-weight="10">' in doc
    assert "Kako otkazati &lt;narudžbu&gt;?</h1>" in doc
    assert '<p data-pagefind-weight="7">Narudžbu otkazujete' in doc
    assert '<h2 id="koraci">Koraci</h2>' in doc  # sections keep their anchors
    assert "Povratak na vrh" not in doc
    assert 'data-pagefind-meta="collection:Narudžbe"' in doc
    assert 'data-pagefind-meta="hc_terms:refundacija dogadja"' in doc
    assert 'data-pagefind-meta="hc_title:otkazati"' in doc
    assert 'data-pagefind-meta="hc_key:otkazivati"' in doc
    assert 'data-pagefind-meta="hc_lead_words:5"' in doc


def test_record_text_is_plain_and_without_back_to_top() -> None:
    record = _record(
        '<p>Tekst &amp; <strong>više</strong>.</p><p class="hc-back-to-top"><a>Vrh</a></p>'
    )
    assert record.text().split("\n") == [
        "Kako otkazati <narudžbu>?",
        "Narudžbu otkazujete u Mojem računu.",
        " Tekst &  više .  ",
    ]


# --- template context --------------------------------------------------------------------------


def _catalog(sizes: dict[str, int]) -> Catalog:
    collections = {}
    for slug, n in sizes.items():
        meta = CollectionMeta(title=slug.title(), description="Opis.")
        articles = tuple(
            type("A", (), {"meta": ArticleMeta(title=f"{slug} {i}", description="Opis.")})()
            for i in range(n)
        )
        collections[slug] = Collection("hr", slug, meta, articles)  # type: ignore[arg-type]
    return Catalog(lang="hr", home=HomeMeta(), collections=collections)


def test_suggested_collections_are_the_three_largest_in_home_order_on_ties() -> None:
    catalog = _catalog({"dostava": 3, "narudzbe": 5, "placanje": 3, "povrat": 4, "prazno": 0})
    forms = {"one": "{n} članak", "few": "{n} članka", "other": "{n} članaka"}
    suggested = suggested_collections(catalog, "", forms)
    assert [(c.title, c.url, c.count_text) for c in suggested] == [
        ("Narudzbe", "narudzbe/", "5 članaka"),
        ("Povrat", "povrat/", "4 članka"),
        ("Dostava", "dostava/", "3 članka"),
    ]


def test_search_context_points_at_the_language_bundle_and_feedback_service() -> None:
    catalog = _catalog({"dostava": 1})
    catalog.lang = "fi"
    context = search_context(
        catalog,
        home_url="fi/",
        feedback_url=" https://feedback.example/ ",
        articles_count={"other": "{n}"},
    )
    assert context.bundle_url == "fi/pagefind/"
    assert context.pagefind_language == "fi"
    assert context.feedback_url == "https://feedback.example"
    assert (
        search_context(
            catalog, home_url="fi/", feedback_url=None, articles_count={"other": "{n}"}
        ).feedback_url
        is None
    )
