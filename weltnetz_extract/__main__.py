"""``python -m weltnetz_extract``: see :mod:`weltnetz_extract.cli`."""

import sys

from .cli import main

sys.exit(main())
