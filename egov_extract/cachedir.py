"""Where egov_extract keeps what it computes once per machine (numba's compiled code).

Never inside the installed package: a cache written into `site-packages/egov_extract/` outlives
`pip uninstall` (pip removes only the files it installed) and the directory left behind shadows a
later editable install of the same package. The place is, in order:

1. `EGOV_EXTRACT_CACHE_DIR`, when set (an empty value turns caching off);
2. the platform's per-user cache directory: `$XDG_CACHE_HOME/egov_extract` or
   `~/.cache/egov_extract` on Linux, `~/Library/Caches/egov_extract` on macOS,
   `%LOCALAPPDATA%\\egov_extract\\Cache` on Windows;

and None (no cache: every process compiles again) when that directory cannot be created or
written to (a read-only home, no home at all).
"""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from pathlib import Path

ENVIRONMENT_VARIABLE = "EGOV_EXTRACT_CACHE_DIR"


def platform_cache_home() -> Path | None:
    """The user's cache directory by the platform's convention, or None without a home."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "egov_extract" / "Cache" if base else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no passwd entry
        home = None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "egov_extract" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "egov_extract"
    return home / ".cache" / "egov_extract" if home else None


def writable(directory: Path) -> bool:
    """Create `directory` if needed and prove it writable by writing a file into it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-"):
            pass
    except OSError:
        return False
    return True


@cache
def cache_dir() -> Path | None:
    """The directory for egov_extract's caches, or None when caching is off or impossible."""
    if ENVIRONMENT_VARIABLE in os.environ:
        chosen = os.environ[ENVIRONMENT_VARIABLE]
        directory = Path(chosen).expanduser() if chosen else None
    else:
        directory = platform_cache_home()
    if directory is None or not writable(directory):
        return None
    return directory


__all__ = ["ENVIRONMENT_VARIABLE", "cache_dir", "platform_cache_home", "writable"]
