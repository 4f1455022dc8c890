"""The public API of `import wirewatch`: the library's own functions with their own signatures,
loaded on first use, still callable after their namesake subpackages are imported."""
from __future__ import annotations

import inspect
import subprocess
import sys
from importlib.metadata import version
from importlib.resources import files

import wirewatch


def test_version_is_the_installed_distribution_s():
    assert wirewatch.__version__ == version("wirewatch")
    assert wirewatch.__version__.count(".") == 2


def test_package_is_marked_typed():
    assert files("wirewatch").joinpath("py.typed").is_file()


def test_functions_carry_their_real_signatures():
    from wirewatch.evaluate import evaluate
    from wirewatch.geo import geocode
    from wirewatch.pipeline import extract, extract_text
    from wirewatch.store import open_store
    for public, real in [(wirewatch.extract, extract), (wirewatch.extract_text, extract_text),
                         (wirewatch.open, open_store), (wirewatch.geocode, geocode),
                         (wirewatch.evaluate, evaluate)]:
        assert inspect.signature(public) == inspect.signature(real)
    params = inspect.signature(wirewatch.extract_text).parameters
    assert list(params)[:3] == ["text", "published", "title"]
    assert all(p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params.values())


def test_import_stays_light():
    code = "import sys, wirewatch; print(sorted(m for m in ('spacy', 'pandas', 'wirewatch.pipeline') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_extract_and_evaluate_stay_callable_after_their_subpackages_load():
    import wirewatch.evaluate.acled  # noqa: F401  (binds wirewatch.evaluate as a submodule would)
    import wirewatch.extract.dates  # noqa: F401
    assert callable(wirewatch.extract) and callable(wirewatch.evaluate)
    assert wirewatch.extract.dates.__name__ == "wirewatch.extract.dates"   # the subpackage still reads
    assert "published" in inspect.signature(wirewatch.extract).parameters
    result = wirewatch.extract([])
    assert (result.articles, result.errors) == ([], [])
