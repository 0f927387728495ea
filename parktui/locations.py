"""Where parktui keeps things: the store, the config file, the bundled sample page."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "parktui"
SAMPLE_NAME = "kjrb_yuanqu_sample.md"


def default_db_path() -> Path:
    return Path(user_data_dir(APP, appauthor=False)) / "store.json"


def db_path_from(option: str | None) -> tuple[Path, bool]:
    """(store path, whether it is the default one) from --db, then PARKTUI_DB, then the default."""
    if option:
        return Path(option).expanduser(), False
    env = os.environ.get("PARKTUI_DB")
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def config_path() -> Path:
    env = os.environ.get("PARKTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(user_config_dir(APP, appauthor=False)) / "config.toml"


def sample_page() -> Path:
    """The bundled 科技日报 园区 sample page."""
    return Path(str(resources.files("parktui.data").joinpath(SAMPLE_NAME)))
