"""Every data file the package reads ships in the wheel: a fresh `pip install .` has it too."""

import fnmatch
import tomllib

from tests.helpers import ROOT


def test_package_data_covers_every_data_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["egov_extract"]
    package = ROOT / "egov_extract"
    data = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert data, "no data files found"
    missing = [f for f in data if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert not missing, f"add to [tool.setuptools.package-data]: {missing}"
