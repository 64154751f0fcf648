"""With ISSSTE_MON_SIN_LIBYAML=1, PyYAML imports as if built without libyaml.

PyYAML reads libyaml through `yaml._yaml`; a module set to None in sys.modules makes that import
fail, so `yaml.CSafeLoader` and its kin never exist, as on a source build or a platform without
the wheel. tests/conftest.py runs this before anything imports yaml and puts this folder first
on PYTHONPATH, so the processes that tests start (`python -m issste_mon …`) run the same way.
"""

import os
import sys

if os.environ.get("ISSSTE_MON_SIN_LIBYAML", "") not in ("", "0"):
    if "yaml" in sys.modules and getattr(sys.modules["yaml"], "__with_libyaml__", False):
        raise RuntimeError("ISSSTE_MON_SIN_LIBYAML=1 llegó tarde: yaml ya se importó con libyaml")
    sys.modules["yaml._yaml"] = None  # type: ignore[assignment]
    sys.modules["_yaml"] = None  # type: ignore[assignment]
