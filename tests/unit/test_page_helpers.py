from __future__ import annotations

from bs4 import BeautifulSoup

from helpcenter.back_to_top import add_back_to_top_links
from helpcenter.page_context import tag_slug
from helpcenter.site_config import plural
from helpcenter.skip_link import with_skip_link


def test_back_to_top_after_each_section_not_after_intro() -> None:
    html = "<p>Uvod</p><h2 id='a'>A</h2><p>1</p><h2 id='b'>B</h2><p>2</p><h2 id='c'>C</h2><p>3</p>"
    soup = BeautifulSoup(add_back_to_top_links(html, label="Vrh"), "html.parser")
    links = soup.select("a[data-hc-top]")
    assert len(links) == 3
    assert soup.find("p").get_text() == "Uvod" and soup.find("p").find_next_sibling().name == "h2"
    for heading in soup.find_all("h2")[1:]:
        assert heading.find_previous_sibling().select_one("a[data-hc-top]") is not None
    assert soup.find_all(True, recursive=False)[-1].select_one("a[data-hc-top]") is not None


def test_no_sections_no_links() -> None:
    assert add_back_to_top_links("<p>x</p>", label="Vrh") == "<p>x</p>"


def test_label_is_escaped() -> None:
    assert "&lt;b&gt;" in add_back_to_top_links("<h2>A</h2>", label="<b>")


def test_skip_link_replaces_materials_container() -> None:
    page = '<body><div data-md-component="skip"><a href="#x" class="md-skip">Skip</a></div><main></main></body>'
    soup = BeautifulSoup(with_skip_link(page, label="Preskoči"), "html.parser")
    links = soup.select('[data-md-component="skip"] a')
    assert [a.get_text() for a in links] == ["Preskoči"] and links[0]["href"] == "#hc-main"


def test_tag_slug_folds_croatian_and_finnish_letters() -> None:
    assert tag_slug("povrat novca") == "povrat-novca"
    assert tag_slug("Đurđica čćšž") == "durdica-ccsz"
    assert tag_slug("sähköposti") == "sahkoposti"


def test_plural_forms() -> None:
    forms = {"one": "{n} članak", "few": "{n} članka", "other": "{n} članaka"}
    assert [plural(forms, n, lang="hr") for n in (1, 3, 5, 21)] == [
        "1 članak",
        "3 članka",
        "5 članaka",
        "21 članak",
    ]
    fi = {"one": "{n} artikkeli", "other": "{n} artikkelia"}
    assert [plural(fi, n, lang="fi") for n in (1, 2)] == ["1 artikkeli", "2 artikkelia"]
