"""Compiled code is cached per user, never inside the package (issue 16: a cache left in
site-packages/egov_extract/ shadowed a later editable install)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from egov_extract import cachedir
from tests.helpers import ROOT

# A module of its own with one compiled function, decorated by the package's `njit`: the cache
# place is decided by that wrapper, whatever module uses it.
MODULE = textwrap.dedent(
    """
    from egov_extract.repair.kernels import njit

    @njit(cache=True, nogil=True)
    def twice(x):
        return 2 * x
    """
)


def _compile_in_fresh_process(tmp_path: Path, environment: dict[str, str]) -> Path:
    """Import MODULE from tmp_path/mod in a new interpreter and call its function; return the
    module's folder (where numba would cache 'in tree')."""
    folder = tmp_path / "mod"
    folder.mkdir()
    (folder / "compiled_module.py").write_text(MODULE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUMBA_", "EGOV_EXTRACT_", "XDG_"))}
    env.update(environment)
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(ROOT)])
    run = subprocess.run(
        [sys.executable, "-c", "import compiled_module; print(compiled_module.twice(21))"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "42"
    return folder


def _numba_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.suffix in (".nbi", ".nbc")]


def test_compiled_code_goes_to_the_chosen_cache_directory(tmp_path):
    cache = tmp_path / "cache"
    folder = _compile_in_fresh_process(tmp_path, {"EGOV_EXTRACT_CACHE_DIR": str(cache)})
    assert _numba_files(cache / "numba"), "nothing was cached"
    assert not _numba_files(folder), "numba cached beside the source file"


def test_xdg_cache_home_is_the_default_place(tmp_path):
    folder = _compile_in_fresh_process(tmp_path, {"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert _numba_files(tmp_path / "xdg" / "egov_extract" / "numba")
    assert not _numba_files(folder)


def test_an_empty_setting_turns_the_cache_off(tmp_path):
    folder = _compile_in_fresh_process(tmp_path, {"EGOV_EXTRACT_CACHE_DIR": "", "HOME": str(tmp_path / "home")})
    assert not _numba_files(tmp_path)
    assert not _numba_files(folder)


def test_an_unwritable_place_means_no_cache_not_a_cache_in_the_package(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    folder = _compile_in_fresh_process(tmp_path, {"EGOV_EXTRACT_CACHE_DIR": str(blocker / "cache")})
    assert not _numba_files(tmp_path)
    assert not _numba_files(folder)


def test_a_users_numba_cache_dir_is_respected(tmp_path):
    folder = _compile_in_fresh_process(tmp_path, {"NUMBA_CACHE_DIR": str(tmp_path / "numba-own")})
    assert _numba_files(tmp_path / "numba-own")
    assert not _numba_files(folder)


def test_cache_dir_answers_none_when_nothing_is_writable(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cachedir.ENVIRONMENT_VARIABLE, str(blocker / "sub"))
    cachedir.cache_dir.cache_clear()
    try:
        assert cachedir.cache_dir() is None
        monkeypatch.setenv(cachedir.ENVIRONMENT_VARIABLE, str(tmp_path / "ok"))
        cachedir.cache_dir.cache_clear()
        assert cachedir.cache_dir() == tmp_path / "ok"
    finally:
        cachedir.cache_dir.cache_clear()


def test_the_installed_package_holds_no_compiled_cache():
    """What the test run itself compiled did not land in the source tree's package."""
    import egov_extract.repair.kernels  # noqa: F401  (compiles on import of its users)

    assert not _numba_files(ROOT / "egov_extract"), "numba cache files inside egov_extract/"
