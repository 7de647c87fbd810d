"""`check --deploy` is clean apart from the TLS items a reverse proxy covers."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TLS_ITEMS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def _deploy_check(tmp_path, **env) -> set[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    environment.update({"FAZHI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "fazhi.settings", **env})
    result = subprocess.run([sys.executable, "-m", "fazhi", "check", "--deploy"], cwd=ROOT,
                            env=environment, capture_output=True, text=True, check=False)
    return set(re.findall(r"\((security\.[WE]\d+)\)", result.stdout + result.stderr))


def test_without_a_tls_proxy_only_the_tls_items_remain(tmp_path):
    assert _deploy_check(tmp_path) <= TLS_ITEMS


def test_behind_a_tls_proxy_the_deploy_check_is_clean(tmp_path):
    assert _deploy_check(tmp_path, FAZHI_BEHIND_TLS_PROXY="1") == set()


def test_a_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    _deploy_check(tmp_path)
    key = (tmp_path / "secret_key").read_text()
    _deploy_check(tmp_path)
    assert (tmp_path / "secret_key").read_text() == key and len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
