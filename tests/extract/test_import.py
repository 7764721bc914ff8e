"""The extractor is a plain package: importing and running it loads no Django module."""

import subprocess
import sys

from .conftest import REPO


def test_import_and_extract_load_no_django():
    code = (
        "import sys, weltnetz_extract as w; "
        "w.extract('Baden-Württemberg und die japanische Partnerprovinz Kanagawa pflegen ihre Partnerschaft.'); "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(','.join(loaded))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_public_api_is_short_and_complete():
    import weltnetz_extract

    assert {"extract", "read_document", "Facts", "Document", "ExtractOptions"} <= set(weltnetz_extract.__all__)
    assert len(weltnetz_extract.__all__) <= 15
