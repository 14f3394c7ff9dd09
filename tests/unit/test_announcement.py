"""The announcement in mkdocs.yml: its days as moments in the shop's time zone, and clear
errors for what cannot be shown."""

from __future__ import annotations

import pytest

from helpcenter.site_config import ConfigError, parse_settings


def settings(**announcement: object) -> dict[str, object]:
    entry = {"text": "Blagdanska dostava kasni.", "from": "2026-12-15", "until": "2027-01-06"}
    entry.update(announcement)
    return {"helpcenter": {"timezone": "Europe/Zagreb", "announcement": {"hr": entry}}}


def test_the_days_become_moments_in_the_shops_time_zone() -> None:
    parsed = parse_settings(settings())
    starts, ends = parsed.announcement["hr"].window(parsed.timezone)
    assert starts == "2026-12-15T00:00:00+01:00"
    # The whole of the last day: up to the first moment of the next one.
    assert ends == "2027-01-07T00:00:00+01:00"


def test_a_summer_day_has_the_summer_offset() -> None:
    parsed = parse_settings(settings(**{"from": "2026-07-01", "until": "2026-07-01"}))
    assert parsed.announcement["hr"].window(parsed.timezone) == (
        "2026-07-01T00:00:00+02:00",
        "2026-07-02T00:00:00+02:00",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"until": "2026-12-01"},
            "extra.helpcenter.announcement.hr: 'until' (2026-12-01) is before",
        ),
        ({"text": ""}, "extra.helpcenter.announcement.hr.text: String should have at least 1"),
        (
            {"from": "15.12.2026"},
            "extra.helpcenter.announcement.hr.from: Input should be a valid date",
        ),
        (
            {"colour": "red"},
            "extra.helpcenter.announcement.hr.colour: Extra inputs are not permitted",
        ),
    ],
)
def test_a_bad_announcement_names_the_field(changes: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings(settings(**changes))
    assert str(caught.value).startswith(f"mkdocs.yml: {expected}")
