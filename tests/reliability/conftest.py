"""The e2e fixtures (a real Application polling the sandbox), shared with the reliability tests.

``tests/e2e/conftest.py`` is loaded by path: test directories are not packages here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_E2E_CONFTEST = Path(__file__).parent.parent / "e2e" / "conftest.py"
_spec = importlib.util.spec_from_file_location("reliability_e2e_fixtures", _E2E_CONFTEST)
assert _spec is not None and _spec.loader is not None
e2e = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = e2e  # dataclasses look their module up there
_spec.loader.exec_module(e2e)

sandbox = e2e.sandbox
make_bot = e2e.make_bot
bot_env = e2e.bot_env
