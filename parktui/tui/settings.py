"""The TUI's settings: a TOML config file the user writes, a state file the app writes.

config.toml (in the user config dir, or $PARKTUI_CONFIG):

    theme = "nord"              # optional; wins over the remembered theme

    [keymap]                    # binding id = keys (comma-separated)
    search = "ctrl+f,slash"
    "table.down" = "j,down,ctrl+n"

    [searches]                  # saved searches: name = query (S lists them)
    "苏州 投资" = "苏州 投资"

state.json sits beside config.toml and remembers the last theme picked in the app and
the searches saved there (ctrl+s in the search view).
A config file that is not valid TOML is an error that names the file and line; an
unknown binding id or theme is a warning shown in the app.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parktui.locations import config_path


class ConfigError(Exception):
    pass


@dataclass
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    searches: dict[str, str] = field(default_factory=dict)
    """Saved searches from [searches]: name = query."""
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file (absent is fine). ConfigError for a file that cannot be used."""
    path = path or config_path()
    settings = Settings(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    theme = data.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        settings.warnings.append(f"{path}: theme must be a string like \"nord\"")
    else:
        settings.theme = theme
    keymap = data.pop("keymap", {}) or {}
    if not isinstance(keymap, dict):
        settings.warnings.append(f"{path}: [keymap] must be a table of binding id = \"keys\"")
        keymap = {}
    from parktui.tui.keymap import ALL

    for binding_id, keys in keymap.items():
        if binding_id not in ALL:
            settings.warnings.append(f"{path}: unknown binding id {binding_id!r} "
                                     "(press ? in the browser for every binding id; the README has the format)")
        elif not isinstance(keys, str) or not keys.strip():
            settings.warnings.append(f"{path}: keys for {binding_id!r} must be a string like \"ctrl+f\"")
        else:
            settings.keymap[binding_id] = keys.replace(" ", "")
    searches = data.pop("searches", {}) or {}
    if not isinstance(searches, dict):
        settings.warnings.append(f"{path}: [searches] must be a table of name = \"query\"")
        searches = {}
    for name, query in searches.items():
        if isinstance(query, str) and query.strip():
            settings.searches[name] = query.strip()
        else:
            settings.warnings.append(f"{path}: saved search {name!r} must be a query string")
    data.pop("families", None)  # metric families: read by parktui.families
    for unknown in data:
        settings.warnings.append(f"{path}: unknown setting {unknown!r} ignored")
    return settings


def state_path(config: Path | None = None) -> Path:
    return (config or config_path()).with_name("state.json")


def load_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(path: Path, **values: Any) -> None:
    """Merge `values` into the state file (best effort: a read-only folder is not an error)."""
    state = load_state(path)
    state.update(values)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
