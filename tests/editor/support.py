"""A tiny two-language help center written by the tests, and ways to run `helpcenter` on it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from helpcenter import url_record
from helpcenter.cli import main
from helpcenter.content import revision_of
from helpcenter.editor.project import load_project
from tests.support import ROOT

HELPCENTER = Path(sys.executable).with_name("helpcenter")
SITE_URL = "https://help.example.com/"

# Only what the editor tools read: folders, languages, Markdown extensions.
MKDOCS_YML = """\
site_name: Test
site_url: https://help.example.com/
docs_dir: docs
theme:
  name: material
  language: hr
markdown_extensions:
  - toc:
      permalink: false
  - attr_list
  - md_in_html
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
        - {locale: hr, name: Hrvatski, default: true, build: true}
        - {locale: fi, name: Suomi, build: true}
extra:
  helpcenter:
    locales_dir: locales
"""

AUTHORS = """\
authors:
  ana:
    name: Ana Marić
    avatar: assets/authors/ana.svg
"""

HR_CANCEL = """\
---
title: Kako otkazati narudžbu?
description: Narudžbu možete otkazati dok nije poslana.
tags: [narudžba, povrat novca]
author: ana
published: 2023-11-20
updated: 2024-03-12
---
Narudžbu možete otkazati sami.

## Otkazivanje u Mojem računu

Odaberite **Otkaži narudžbu**. Za izmjene pogledajte [izmjenu](promjena.md#do-kada).

## Što se događa s novcem?

Novac se vraća u roku od 5 dana.
"""

HR_CHANGE = """\
---
title: Kako promijeniti narudžbu?
description: Narudžbu možete promijeniti dok nije poslana.
tags: [narudžba]
author: ana
updated: 2024-03-10
---
Uvod.

## Do kada?

Dok nije poslana. Ako je kasno, [otkažite je](otkazivanje.md#otkazivanje-u-mojem-racunu).
"""

FI_CANCEL = """\
---
title: Miten peruutan tilauksen?
description: Voit perua tilauksen, kunnes se on lähetetty.
tags: [tilaus]
updated: 2024-03-14
translation_of:
  lang: hr
  revision: "{revision}"
image: kuvat/peruutus.png
---
Voit perua tilauksen itse.

## Peruminen Oma tili -sivulla

Valitse **Peruuta tilaus**. Katso myös [alkuperäinen](../../hr/narudzbe/otkazivanje.md#otkazivanje-u-mojem-racunu).

## Milloin rahat palautuvat?

Viiden päivän kuluessa.
"""

FI_ONLY = """\
---
title: Verkkopankkimaksu
description: Näin maksat verkkopankissa.
tags: [tilaus]
updated: 2024-03-01
---
Valitse pankkisi.

## Pankit

Kaikki suomalaiset pankit.
"""


def collection(title: str, description: str) -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n"


def write_content(root: Path) -> Path:
    """docs/ with hr (2 articles) and fi (1 up-to-date translation, 1 fi-only article)."""
    docs = root / "docs"
    (docs / "assets" / "authors").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "docs/assets/authors/ana.svg", docs / "assets/authors/ana.svg")
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    files = {
        "hr/index.md": "---\ntitle: Centar za pomoć\ndescription: Odgovori na pitanja.\n---\nDobro došli.\n",
        "hr/narudzbe/index.md": collection("Narudžbe", "Sve o narudžbama."),
        "hr/narudzbe/otkazivanje.md": HR_CANCEL,
        "hr/narudzbe/promjena.md": HR_CHANGE,
        "fi/index.md": "---\ntitle: Ohjekeskus\ndescription: Vastauksia kysymyksiin.\n---\nTervetuloa.\n",
        "fi/narudzbe/index.md": collection("Tilaukset", "Kaikki tilauksista."),
        "fi/narudzbe/verkkopankki.md": FI_ONLY,
    }
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    # The fi translation's own share image (front matter `image`), beside the article.
    (docs / "fi/narudzbe/kuvat").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "overrides/assets/images/share.png", docs / "fi/narudzbe/kuvat/peruutus.png")
    revision = revision_of((docs / "hr/narudzbe/otkazivanje.md").read_bytes())
    (docs / "fi/narudzbe/otkazivanje.md").write_text(
        FI_CANCEL.replace("{revision}", revision), encoding="utf-8"
    )
    return docs


def small_project(root: Path) -> Path:
    """mkdocs.yml + locales + the tiny content: enough for every `helpcenter` command."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    # The real UI strings: the schema grows with the theme, a copy stays valid.
    shutil.copytree(ROOT / "locales", root / "locales")
    write_content(root)
    record_urls(root)
    return root


def record_urls(root: Path) -> None:
    """urls.lock of the project as it is now, as `helpcenter urls --update` writes it."""
    project = load_project(root / "mkdocs.yml")
    result = url_record.update_record(url_record.UrlRecord(), url_record.published_pages(project))
    (root / url_record.RECORD_FILE).write_text(result.record.dump(), encoding="utf-8")


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run(project: Path, *args: str) -> Result:
    """`helpcenter <args> -f <project>/mkdocs.yml` in this process (fast)."""
    out, err = io.StringIO(), io.StringIO()
    argv = [*args[:1], "-f", str(project / "mkdocs.yml"), *args[1:]]
    status = main(argv, out=out, err=err)
    return Result(status, out.getvalue(), err.getvalue())


def run_script(cwd: Path, *args: str) -> Result:
    """The installed `helpcenter` console script, as CI runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    proc = subprocess.run(
        [str(HELPCENTER), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
