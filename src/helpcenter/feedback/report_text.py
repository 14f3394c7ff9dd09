"""The editors' report's words in the languages an editor can choose (`--lang`, `?lang=`)."""

# Croatian and Finnish typography write ranges and empty cells with an en dash.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Literal, get_args

ReportLanguage = Literal["en", "hr", "fi"]
REPORT_LANGUAGES: tuple[str, ...] = get_args(ReportLanguage)

_EN = {
    "title": "Feedback report",
    "generated": "Generated {when} UTC; feedback mode {mode}.",
    "period": "Weekly figures, searches and the contact page cover {start} to {end}.",
    "language": "Language: {lang}",
    "weeks_heading": "Votes and helpfulness per week",
    "chart_title": "Votes per week and helpfulness, {lang}",
    "chart_desc": "Bars: votes per week (most {most}). Line: share of helpful votes, 0 to 100 %.",
    "week": "Week of",
    "votes": "Votes",
    "helpful": "Helpful",
    "search_heading": "Search",
    "searches": "Searches",
    "no_results": "Searches without results",
    "no_result_rate": "No-result rate",
    "target": "Recommended at most {target}",
    "above_target": "above the recommended {target}: add the missing words below",
    "within_target": "within the recommended {target}",
    "misses_heading": "Searches that found nothing",
    "query": "Query",
    "count": "Count",
    "last_seen": "Last seen (UTC)",
    "synonym_line": "Line for locales/{lang}/synonyms.txt",
    "synonym_hint": (
        "Copy a line into locales/{lang}/synonyms.txt and replace ? with the word your "
        "articles use; or write the article the customers were looking for."
    ),
    "none": "none",
    "deflection_heading": "Contact page",
    "suggestions_opened": "Suggested articles opened",
    "channels_chosen": "Contact channels chosen",
    "channels_after": "Channels chosen after opening a suggestion",
    "deflection_rate": "Questions answered by a suggestion",
    "articles_heading": "Articles, worst first",
    "articles_note": "Sorted by the 95 % Wilson lower bound of yes / (yes + no).",
    "helpfulness": "helpful {value}",
    "wilson": "Wilson lower bound {value}",
    "reasons": "Reasons",
    "revision": "revision {value}",
    "no_votes": "No votes yet.",
    "dash": "-",
    "table_title": "Feedback report ({mode}), {when} UTC",
    "rating_yes": "yes",
    "rating_no": "no",
    "rating_sad": "sad",
    "rating_neutral": "neutral",
    "rating_happy": "happy",
    "reason_not_found": "not found",
    "reason_hard_to_understand": "hard to understand",
    "reason_out_of_date": "out of date",
    "reason_incorrect": "incorrect",
    "reason_other": "other",
}

_HR = {
    "title": "Izvještaj o povratnim informacijama",
    "generated": "Izrađeno {when} UTC; način ocjenjivanja: {mode}.",
    "period": (
        "Tjedne brojke, pretraživanja i stranica za kontakt obuhvaćaju razdoblje "
        # Croatian dates end with their own full stop ("16. ožu 2025.").
        "od {start} do {end}"
    ),
    "language": "Jezik: {lang}",
    "weeks_heading": "Glasovi i korisnost po tjednima",
    "chart_title": "Glasovi po tjednu i korisnost, {lang}",
    "chart_desc": (
        "Stupci: glasovi po tjednu (najviše {most}). Crta: udio glasova „korisno”, od 0 do 100 %."
    ),
    "week": "Tjedan od",
    "votes": "Glasovi",
    "helpful": "Korisno",
    "search_heading": "Pretraživanje",
    "searches": "Pretraživanja",
    "no_results": "Pretraživanja bez rezultata",
    "no_result_rate": "Udio bez rezultata",
    "target": "Preporučeno najviše {target}",
    "above_target": "iznad preporučenih {target}: dodajte riječi koje nedostaju (niže)",
    "within_target": "unutar preporučenih {target}",
    "misses_heading": "Pretraživanja bez rezultata",
    "query": "Upit",
    "count": "Broj",
    "last_seen": "Zadnji put (UTC)",
    "synonym_line": "Redak za locales/{lang}/synonyms.txt",
    "synonym_hint": (
        "Kopirajte redak u locales/{lang}/synonyms.txt i zamijenite ? riječju koju koriste "
        "vaši članci, ili napišite članak koji su kupci tražili."
    ),
    "none": "nema",
    "deflection_heading": "Stranica za kontakt",
    "suggestions_opened": "Otvoreni predloženi članci",
    "channels_chosen": "Odabrani kanali za kontakt",
    "channels_after": "Kanali odabrani nakon otvorenog prijedloga",
    "deflection_rate": "Pitanja na koja je odgovorio prijedlog",
    "articles_heading": "Članci, najslabiji prvi",
    "articles_note": "Poredano po donjoj Wilsonovoj granici (95 %) za da / (da + ne).",
    "helpfulness": "korisno {value}",
    "wilson": "donja Wilsonova granica {value}",
    "reasons": "Razlozi",
    "revision": "revizija {value}",
    "no_votes": "Još nema glasova.",
    "dash": "–",
    "table_title": "Izvještaj o povratnim informacijama ({mode}), {when} UTC",
    "rating_yes": "da",
    "rating_no": "ne",
    "rating_sad": "tužno",
    "rating_neutral": "neutralno",
    "rating_happy": "sretno",
    "reason_not_found": "nisam našao odgovor",
    "reason_hard_to_understand": "teško razumljivo",
    "reason_out_of_date": "zastarjelo",
    "reason_incorrect": "netočno",
    "reason_other": "drugo",
}

_FI = {
    "title": "Palauteraportti",
    "generated": "Laadittu {when} UTC; palautetila: {mode}.",
    "period": "Viikkoluvut, haut ja yhteydenottosivu kattavat ajan {start}–{end}.",
    "language": "Kieli: {lang}",
    "weeks_heading": "Äänet ja hyödyllisyys viikoittain",
    "chart_title": "Ääniä viikossa ja hyödyllisyys, {lang}",
    "chart_desc": (
        "Pylväät: ääniä viikossa (enintään {most}). "
        "Viiva: hyödylliseksi arvioitujen osuus, 0–100 %."
    ),
    "week": "Viikko alkaen",
    "votes": "Ääniä",
    "helpful": "Hyödyllinen",
    "search_heading": "Haku",
    "searches": "Hakuja",
    "no_results": "Hakuja ilman tuloksia",
    "no_result_rate": "Tuloksettomien osuus",
    "target": "Suositus enintään {target}",
    "above_target": "yli suositellun {target}: lisää puuttuvat sanat (alla)",
    "within_target": "suositellun {target} rajoissa",
    "misses_heading": "Haut, jotka eivät löytäneet mitään",
    "query": "Haku",
    "count": "Määrä",
    "last_seen": "Viimeksi (UTC)",
    "synonym_line": "Rivi tiedostoon locales/{lang}/synonyms.txt",
    "synonym_hint": (
        "Kopioi rivi tiedostoon locales/{lang}/synonyms.txt ja korvaa ? sanalla, jota "
        "artikkelit käyttävät, tai kirjoita artikkeli, jota asiakkaat etsivät."
    ),
    "none": "ei yhtään",
    "deflection_heading": "Yhteydenottosivu",
    "suggestions_opened": "Avatut ehdotetut artikkelit",
    "channels_chosen": "Valitut yhteydenottotavat",
    "channels_after": "Yhteydenottotapa valittu ehdotuksen avaamisen jälkeen",
    "deflection_rate": "Ehdotuksen avulla ratkenneet kysymykset",
    "articles_heading": "Artikkelit, heikoin ensin",
    "articles_note": "Järjestetty Wilsonin välin alarajan (95 %) mukaan: kyllä / (kyllä + ei).",
    "helpfulness": "hyödyllinen {value}",
    "wilson": "Wilsonin alaraja {value}",
    "reasons": "Syyt",
    "revision": "versio {value}",
    "no_votes": "Ei vielä ääniä.",
    "dash": "–",
    "table_title": "Palauteraportti ({mode}), {when} UTC",
    "rating_yes": "kyllä",
    "rating_no": "ei",
    "rating_sad": "surullinen",
    "rating_neutral": "neutraali",
    "rating_happy": "iloinen",
    "reason_not_found": "en löytänyt vastausta",
    "reason_hard_to_understand": "vaikeaselkoinen",
    "reason_out_of_date": "vanhentunut",
    "reason_incorrect": "virheellinen",
    "reason_other": "muu",
}

MESSAGES: dict[str, dict[str, str]] = {"en": _EN, "hr": _HR, "fi": _FI}


def messages(lang: str) -> dict[str, str]:
    """The report's words in `lang`; a language we have no words for gets English."""
    return MESSAGES.get(lang, _EN)
