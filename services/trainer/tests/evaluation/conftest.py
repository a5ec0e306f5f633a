import os

import pytest

from hedgetrain.markets.historical import REPO_ROOT, missing_data_files, resolve_data_dir


@pytest.fixture(scope="session")
def historical_data_dir():
    """$HEDGE_DATA_DIR, else replay-data/data, else ../shared/data beside the repository (as ./hedge test passes
    to Maven). Skips without the files, except under CI=true, where it fails."""
    for candidate in (resolve_data_dir(), REPO_ROOT.parent / "shared" / "data"):
        if not missing_data_files(candidate):
            return candidate
    message = (f"historical data missing: {missing_data_files(resolve_data_dir())} in {resolve_data_dir()} "
               "(set HEDGE_DATA_DIR; see replay-data/README.md)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
