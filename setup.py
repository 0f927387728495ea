"""Package list for setuptools: everything under parktui/ is found, so a new sub-package
cannot be left out of the wheel. The bundled sample lives in data/ at the top of the
repository (tests and benches read it there) and is installed as parktui.data, a mapping
that pyproject's `packages.find` cannot express; the rest of the metadata is in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["parktui", "parktui.*"]), "parktui.data"])
