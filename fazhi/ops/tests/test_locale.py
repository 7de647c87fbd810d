"""The compiled catalogues (.mo) are committed so Fazhi runs where gettext is not installed;
each must be exactly what msgfmt makes of its .po."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted([*ROOT.glob("locale/*/LC_MESSAGES/*.po"),
                     *ROOT.glob("fazhi/**/locale/*/LC_MESSAGES/*.po")])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(ROOT)) for p in CATALOGUES])
def test_the_committed_mo_file_matches_its_po(po: Path, tmp_path):
    compiled = tmp_path / "compiled.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True)

    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `make messages` and commit it"
    assert committed.read_bytes() == compiled.read_bytes(), (
        f"{committed} is stale: run `make messages` and commit it"
    )
