"""A synthetic help-center content set that follows the content contract, for benchmarks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

WORDS = {
    "hr": """narudžba dostava paket pošiljka plaćanje kartica povrat novac adresa račun kupac
    proizvod trgovina rok cijena kurir paketomat zamjena reklamacija jamstvo popust kupnja
    potvrda status praćenje carina porez broj dan tjedan sat korisnik služba""".split(),
    "fi": """tilaus toimitus paketti lähetys maksu kortti palautus raha osoite tili asiakas tuote
    kauppa aika hinta kuljettaja automaatti vaihto reklamaatio takuu alennus osto vahvistus
    tila seuranta tulli vero numero päivä viikko tunti käyttäjä palvelu""".split(),
}
ROOT = Path(__file__).resolve().parents[1]


def _sentence(rng: random.Random, lang: str, n: int) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, lang: str) -> str:
    return " ".join(_sentence(rng, lang, 12) for _ in range(4))


def generate(
    docs: Path, *, articles_per_language: int, collections: int = 10, seed: int = 7
) -> None:
    """Write `docs/<lang>/...` for hr and fi plus the authors file and avatars."""
    rng = random.Random(seed)
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "assets" / "authors").mkdir(parents=True)
    for author in ("ana", "aino"):
        shutil.copy2(
            ROOT / "docs" / "assets" / "authors" / f"{author}.svg", docs / "assets" / "authors"
        )
    shutil.copy2(ROOT / "docs" / ".authors.yml", docs / ".authors.yml")
    for lang in ("hr", "fi"):
        root = docs / lang
        root.mkdir(parents=True)
        (root / "index.md").write_text(
            f"---\ntitle: {lang}\n---\n{_sentence(rng, lang, 8)}\n", encoding="utf-8"
        )
        for c in range(collections):
            folder = root / f"c{c:02}"
            folder.mkdir()
            (folder / "index.md").write_text(
                f"---\ntitle: {_sentence(rng, lang, 2)[:-1]}\n"
                f"description: {_sentence(rng, lang, 8)}\n"
                "icon: material/cart-outline\n---\n",
                encoding="utf-8",
            )
        for i in range(articles_per_language):
            tags = sorted({rng.choice(WORDS[lang]) for _ in range(3)})
            sections = "\n".join(
                f"## {_sentence(rng, lang, 3)[:-1]}\n\n{_paragraph(rng, lang)}\n"
                for _ in range(rng.randint(3, 6))
            )
            text = (
                f"---\ntitle: {_sentence(rng, lang, 4)[:-1]} {i}\n"
                f"description: {_sentence(rng, lang, 14)}\n"
                f"tags: [{', '.join(tags)}]\n"
                f"author: {'ana' if lang == 'hr' else 'aino'}\n"
                f"updated: 2025-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}\n---\n"
                f"{_sentence(rng, lang, 15)}\n\n{sections}"
            )
            (root / f"c{i % collections:02}" / f"a{i:04}.md").write_text(text, encoding="utf-8")
