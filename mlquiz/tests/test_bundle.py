"""The built front-end bundle (static/dist, from `npm run build`): one module graph.

CodeMirror is shipped once, in a chunk that the `exercise` and `editor` entries both import,
every relative import inside static/dist points at a file that is there, the pages reference
files that exist, and production (the hashed-manifest storage, WhiteNoise, after collectstatic)
still serves the chunk the hashed entries import. Nothing is built here: the checks read what
`npm run build` left in static/dist.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory, override_settings

BASE = Path(django_settings.BASE_DIR)
DIST = BASE / "static" / "dist"
# A class name from CodeMirror's base theme (@codemirror/view): present in every copy of it.
CODEMIRROR_MARKER = "cm-scroller"
# `import{a as b}from"./chunk-X.js"`, `export{a}from"./x.js"`, `import"./x.js"` (minified ESM).
RELATIVE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*["'](\.{1,2}/[^"']+)["']""")
# Bundle files the pages load: {% static 'dist/...' %} in templates, "dist/..." in Python.
DIST_REFERENCE = re.compile(r"""["'](dist/[\w.-]+)["']""")


def built_scripts() -> list[Path]:
    scripts = sorted(DIST.glob("*.js"))
    if not scripts:
        pytest.fail("the front-end bundle is missing: run `npm ci && npm run build`")
    return scripts


def test_codemirror_is_in_exactly_one_file() -> None:
    holders = [p.name for p in built_scripts() if CODEMIRROR_MARKER in p.read_text()]
    assert len(holders) == 1, f"CodeMirror is bundled into {holders}, not one shared chunk"


def test_the_entries_import_the_shared_chunk() -> None:
    holders = [p.name for p in built_scripts() if CODEMIRROR_MARKER in p.read_text()]
    assert len(holders) == 1, f"CodeMirror is bundled into {holders}"
    chunk = holders[0]
    for entry in ("exercise.js", "editor.js"):
        imports = RELATIVE_IMPORT.findall((DIST / entry).read_text())
        assert f"./{chunk}" in imports, f"{entry} does not import {chunk}"


def test_relative_imports_in_dist_resolve() -> None:
    for script in built_scripts():
        for target in RELATIVE_IMPORT.findall(script.read_text()):
            assert (script.parent / target).resolve().is_file(), f"{script.name} -> {target}"


def test_pages_reference_existing_bundle_files() -> None:
    sources = [*(BASE / "templates").rglob("*.html")]
    sources += [
        p
        for app in ("catalog", "exercises", "courses", "quizzes", "accounts", "mlquiz")
        for p in (BASE / app).rglob("*.py")
        if "tests" not in p.parts
    ]
    referenced = {ref for source in sources for ref in DIST_REFERENCE.findall(source.read_text())}
    # The exercise page's script and style, and the authoring pages' editor module.
    assert {"dist/exercise.js", "dist/exercise-style.css", "dist/editor.js"} <= referenced
    missing = sorted(ref for ref in referenced if not (BASE / "static" / ref).is_file())
    assert not missing, f"pages reference bundle files the build does not produce: {missing}"


def test_production_storage_serves_the_chunk_the_hashed_entries_import(tmp_path: Path) -> None:
    """collectstatic with the production storage renames entries (exercise.<hash>.js) but does
    not rewrite the relative chunk imports inside them; the unhashed chunk it keeps next to the
    hashed copy is what the browser asks for, and WhiteNoise must serve it."""
    built_scripts()
    from whitenoise.middleware import WhiteNoiseMiddleware

    storages = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

        def not_static(request: HttpRequest) -> HttpResponse:
            return HttpResponse(status=404)

        middleware = WhiteNoiseMiddleware(not_static)
        factory = RequestFactory()
        for entry in ("dist/exercise.js", "dist/editor.js"):
            url = static(entry)
            assert url != django_settings.STATIC_URL + entry, "entry URL is not hashed"
            response = middleware(factory.get(url))
            assert response.status_code == 200, url
            body = b"".join(response).decode()
            imports = RELATIVE_IMPORT.findall(body)
            assert imports, f"{url} imports no chunk"
            for target in imports:
                chunk_url = urljoin(url, target)
                chunk = middleware(factory.get(chunk_url))
                assert chunk.status_code == 200, f"{url} imports {chunk_url}: not served"
                assert "javascript" in chunk["Content-Type"]
