# Test-only: on PYTHONPATH for the tests' python runs. A run that hangs (a torchrun teardown did, twice
# in ~20 loaded suites) prints every thread's stack of every process before the test's timeout kills it.
import faulthandler
import os

_after = os.environ.get("BPS_PY_TRACEBACK_AFTER")
if _after:
    faulthandler.dump_traceback_later(float(_after), exit=False)
