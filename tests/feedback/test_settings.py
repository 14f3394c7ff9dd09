"""Settings from arguments and HELPCENTER_FEEDBACK_* variables."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from helpcenter.feedback.settings import Settings, normalise_origin

LONG_TOKEN = "tok-0123456789abcdef0123456789abcdef"


def test_environment_with_comma_separated_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTER_FEEDBACK_DATABASE", "postgresql://db/feedback")
    monkeypatch.setenv(
        "HELPCENTER_FEEDBACK_ALLOW_ORIGIN", "https://help.example.com, https://Pomoc.Example.hr/"
    )
    monkeypatch.setenv("HELPCENTER_FEEDBACK_TRUSTED_PROXY", "10.0.0.0/8,127.0.0.1")
    monkeypatch.setenv("HELPCENTER_FEEDBACK_REPORT_TOKEN", LONG_TOKEN)
    monkeypatch.setenv("HELPCENTER_FEEDBACK_PORT", "9000")
    settings = Settings()  # type: ignore[call-arg]
    assert settings.database == "postgresql://db/feedback"
    assert settings.allow_origin == ["https://help.example.com", "https://pomoc.example.hr"]
    assert settings.trusted_proxy == ["10.0.0.0/8", "127.0.0.1/32"]
    assert settings.report_token is not None
    assert settings.report_token.get_secret_value() == LONG_TOKEN
    assert settings.port == 9000


def test_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTER_FEEDBACK_DATABASE", "from-env.db")
    monkeypatch.setenv("HELPCENTER_FEEDBACK_ALLOW_ORIGIN", "https://env.example")
    settings = Settings(database="arg.db", allow_origin=["https://arg.example"])
    assert (settings.database, settings.allow_origin) == ("arg.db", ["https://arg.example"])


def test_empty_token_disables_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTER_FEEDBACK_REPORT_TOKEN", "  ")
    assert Settings(database="x.db").report_token is None


@pytest.mark.parametrize(
    "origin",
    [
        "help.example.com",
        "ftp://help.example.com",
        "https://help.example.com/path",
        "https://help.example.com/?q=1",
        "https://user@help.example.com",
        "*",
    ],
)
def test_only_exact_origins_are_accepted(origin: str) -> None:
    with pytest.raises(ValueError):
        normalise_origin(origin)
    with pytest.raises(ValidationError):
        Settings(database="x.db", allow_origin=[origin])


def test_origin_normalisation_keeps_ports() -> None:
    assert normalise_origin("http://LOCALHOST:8000/") == "http://localhost:8000"


def test_bad_proxy_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Settings(database="x.db", trusted_proxy=["not-an-ip"])


def test_to_env_round_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Settings(
        database="x.db",
        allow_origin=["https://a.example", "https://b.example"],
        trusted_proxy=["10.0.0.0/8"],
        report_token=LONG_TOKEN,
        secret="s" * 40,
        bench=True,
        rate_limit=5,
    )
    for key, value in original.to_env().items():
        monkeypatch.setenv(key, value)
    assert Settings() == original  # type: ignore[call-arg]


@pytest.mark.parametrize("token", ["1", "x" * 31])
def test_short_report_tokens_are_refused(token: str) -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(database="x.db", report_token=token)


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValidationError, match="secret needs at least 32"):
        Settings(database="x.db", secret="short")
