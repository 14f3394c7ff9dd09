"""Service configuration from CLI options and `HELPCENTER_FEEDBACK_*` environment variables."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "HELPCENTER_FEEDBACK_"
# A bearer token anyone could guess in a day of tries is no protection for the comments.
REPORT_TOKEN_MIN_CHARS = 32
SECRET_MIN_CHARS = 32


def split_list(value: Any) -> Any:
    """Accept `a,b` from the environment as well as real lists from code."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def normalise_origin(value: str) -> str:
    """`https://Help.Example.com/` -> `https://help.example.com`; reject anything but an origin."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) origin: {value!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"an origin has no path, query, fragment or user: {value!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


class Settings(BaseSettings):
    """Everything `serve` needs; every field is also `HELPCENTER_FEEDBACK_<FIELD>`."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database: str = Field(min_length=1)
    site: Path | None = None
    allow_origin: Annotated[list[str], NoDecode] = Field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    trusted_proxy: Annotated[list[str], NoDecode] = Field(default_factory=list)
    report_token: SecretStr | None = None
    rate_limit: int = Field(default=30, ge=1)
    rate_window: int = Field(default=60, ge=1, le=86400)
    max_body_bytes: int = Field(default=8192, ge=256, le=1 << 20)
    submission_retention_days: int = Field(default=7, ge=1)
    search_miss_retention_days: int = Field(default=90, ge=1)
    # The visitor-key secret: never in the database, shared by all replicas (see README).
    secret: SecretStr | None = None
    secret_file: Path | None = None
    # Seconds a vote may wait for its database before it is answered 503 (it stays queued:
    # a retry with the same submission id is then answered from what was stored).
    write_timeout: float = Field(default=5.0, gt=0, le=60)
    # Seconds a client may take to send its headers, and its body.
    header_timeout: float = Field(default=10.0, gt=0, le=300)
    body_timeout: float = Field(default=10.0, gt=0, le=300)
    max_header_bytes: int = Field(default=8192, ge=1024, le=1 << 16)
    workers: int = Field(default=1, ge=1, le=64)
    writer_threads: int | None = Field(default=None, ge=1, le=32)
    bench: bool = False
    log_level: str = "info"

    @field_validator("allow_origin", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Comma-separated in the environment."""
        return split_list(value)

    @field_validator("allow_origin")
    @classmethod
    def _check_origins(cls, value: list[str]) -> list[str]:
        """Exact origins only: they decide CORS, the Origin check and redirect targets."""
        origins = [normalise_origin(item) for item in value]
        return list(dict.fromkeys(origins))

    @field_validator("trusted_proxy", mode="before")
    @classmethod
    def _split_proxies(cls, value: Any) -> Any:
        """Comma-separated in the environment."""
        return split_list(value)

    @field_validator("trusted_proxy")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        """Each entry is an IP address or a CIDR network."""
        return [str(ipaddress.ip_network(item, strict=False)) for item in value]

    @field_validator("report_token")
    @classmethod
    def _empty_token_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        """An empty variable disables the report rather than accepting an empty bearer token."""
        if value is None or not value.get_secret_value().strip():
            return None
        if len(value.get_secret_value()) < REPORT_TOKEN_MIN_CHARS:
            raise ValueError(
                f"the report token needs at least {REPORT_TOKEN_MIN_CHARS} characters "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return value

    @field_validator("secret")
    @classmethod
    def _check_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """Long enough that a copy of the database cannot be matched by guessing it."""
        if value is None or not value.get_secret_value().strip():
            return None
        if len(value.get_secret_value().strip()) < SECRET_MIN_CHARS:
            raise ValueError(f"the secret needs at least {SECRET_MIN_CHARS} characters")
        return SecretStr(value.get_secret_value().strip())

    def to_env(self) -> dict[str, str]:
        """The settings as environment variables, for uvicorn worker processes."""
        env: dict[str, str] = {}
        for name, value in self.model_dump().items():
            if value is None:
                continue
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            if isinstance(value, list):
                value = ",".join(value)
            if isinstance(value, bool):
                value = "true" if value else "false"
            env[f"{ENV_PREFIX}{name.upper()}"] = str(value)
        return env
