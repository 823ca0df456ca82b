"""Settings: flags > DIPLOKG_* environment > config file > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplokg.config import DEFAULT_MODEL, Settings
from diplokg.errors import ConfigError


def test_defaults(tmp_path: Path):
    settings = Settings.resolve(env={"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert settings.store == tmp_path / "diplokg" / "store"
    assert settings.model == DEFAULT_MODEL
    assert settings.shapes is None


def test_precedence_flags_env_file(tmp_path: Path):
    config = tmp_path / "c.toml"
    config.write_text('store = "/from/file"\nmodel = "file_model"\nshapes = "/file/shapes.ttl"\n')
    env = {"DIPLOKG_CONFIG": str(config), "DIPLOKG_MODEL": "env_model", "XDG_DATA_HOME": str(tmp_path)}
    settings = Settings.resolve({"store": "/from/flag", "model": None}, env=env)
    assert settings.store == Path("/from/flag")  # flag beats file
    assert settings.model == "env_model"  # env beats file; an absent flag (None) does not count
    assert settings.shapes == Path("/file/shapes.ttl")  # file beats default


def test_default_config_file_location_is_read(tmp_path: Path):
    folder = tmp_path / "diplokg"
    folder.mkdir()
    (folder / "config.toml").write_text('model = "xdg_model"\n')
    assert Settings.resolve(env={"XDG_CONFIG_HOME": str(tmp_path)}).model == "xdg_model"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('stor = "/x"\n', "unknown setting(s) stor"),
        ("store = \n", "invalid TOML"),
        ("model = 3\n", "must be a non-empty string"),
        ('endpoint_timeout = "soon"\n', "'endpoint_timeout' must be a number of seconds above 0, got 'soon'"),
        ("endpoint_timeout = 0\n", "must be a number of seconds above 0"),
        ("endpoint_timeout = true\n", "must be a number of seconds above 0"),
    ],
)
def test_bad_config_files_are_named(tmp_path: Path, content: str, fragment: str):
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigError) as err:
        Settings.resolve(config_file=config, env={})
    assert fragment in str(err.value)
    assert str(config) in str(err.value)


def test_an_explicit_config_file_must_exist(tmp_path: Path):
    with pytest.raises(ConfigError, match="config file not found"):
        Settings.resolve(config_file=tmp_path / "missing.toml", env={})


def test_the_endpoint_timeout_is_a_number_from_any_source(tmp_path: Path):
    config = tmp_path / "c.toml"
    config.write_text("endpoint_timeout = 90\n")
    assert Settings.resolve(env={}).endpoint_timeout == 60
    assert Settings.resolve(config_file=config, env={}).endpoint_timeout == 90
    assert Settings.resolve(config_file=config, env={"DIPLOKG_ENDPOINT_TIMEOUT": "2.5"}).endpoint_timeout == 2.5
    assert Settings.resolve({"endpoint_timeout": 7.0}, config_file=config,
                            env={"DIPLOKG_ENDPOINT_TIMEOUT": "2.5"}).endpoint_timeout == 7
    with pytest.raises(ConfigError, match="environment"):
        Settings.resolve(env={"DIPLOKG_ENDPOINT_TIMEOUT": "-1"})
