"""The Chinese interface is complete: every catalogue entry is translated, none is fuzzy, and
every English msgid in the code has an entry (checked with makemessages when gettext exists)."""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    # not the virtualenv's packages, nor the copies `make mutate` keeps in var/
    if not {".venv", "var"} & set(p.relative_to(ROOT).parts)
)


def _entries(path: Path) -> list[dict]:
    """A small reader of .po entries: msgid, msgstr(s) and flags."""
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = None, None
            continue
        if current is None:
            current = {"flags": "", "msgid": "", "msgstr": [], "obsolete": False, "context": ""}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("msgctxt "):
            current["context"] = re.match(r'msgctxt "(.*)"', line).group(1)
        elif line.startswith("msgid_plural"):
            key = "plural"
        elif line.startswith("msgid "):
            key = "msgid"
            current["msgid"] = re.match(r'msgid "(.*)"', line).group(1)
        elif line.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(re.match(r'msgstr(?:\[\d\])? "(.*)"', line).group(1))
        elif line.startswith('"') and key == "msgid":
            current["msgid"] += line[1:-1]
        elif line.startswith('"') and key == "msgstr":
            current["msgstr"][-1] += line[1:-1]
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


def test_there_is_a_catalogue_for_the_site_and_each_app():
    assert ROOT / "locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_entry_is_empty_or_fuzzy(path):
    bad = [e["msgid"] for e in _entries(path) if "fuzzy" in e["flags"] or not all(e["msgstr"])]
    assert bad == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_msgid_in_the_code_is_in_the_catalogue(path, tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed")
    source = path.parents[3]  # the directory that holds locale/
    copy = tmp_path / "src"
    if source == ROOT:
        (copy / "templates").parent.mkdir(parents=True)
        shutil.copytree(ROOT / "templates", copy / "templates")
    else:
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "tests", "__pycache__"))
    (copy / "locale").mkdir(exist_ok=True)
    # In this process (a subprocess per catalogue spent most of its seconds starting Django);
    # makemessages reads the files under the current directory, so run it from the copy.
    here = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    fresh = {e["msgid"] for e in _entries(copy / "locale/zh_Hans/LC_MESSAGES/django.po")}
    committed = {e["msgid"] for e in _entries(path)}
    assert sorted(fresh - committed) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_is_up_to_date(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"run compilemessages for {path}"
    assert mo.stat().st_mtime >= path.stat().st_mtime - 1 or _same_messages(path, mo)


def _same_messages(po: Path, mo: Path) -> bool:
    import gettext

    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return all(e["msgid"] in catalog for e in _entries(po) if not e["flags"])


def test_a_msgid_has_one_wording_across_the_catalogues():
    """Django merges the catalogues (an earlier app wins), so two wordings of one msgid would
    show the first app's wording everywhere. Give a different meaning a different msgid (or a
    context: pgettext's msgctxt makes it another message)."""
    wordings: dict[tuple[str, str], dict[str, str]] = {}
    for path in CATALOGUES:
        for e in _entries(path):
            if e["flags"] or len(e["msgstr"]) != 1:
                continue
            key = (e["context"], e["msgid"])
            wordings.setdefault(key, {})[str(path.relative_to(ROOT))] = e["msgstr"][0]
    clashes = {msgid: found for msgid, found in wordings.items() if len(set(found.values())) > 1}
    assert clashes == {}


def test_a_required_select_offers_its_empty_choice_in_chinese(db):
    """Django 6.1's "- Select an option -" has no Chinese in Django's catalogue; core's
    ready() puts our own label in its place."""
    from django import forms
    from django.utils import translation

    from fazhi.org.models import Region

    class Form(forms.Form):
        region = forms.ModelChoiceField(queryset=Region.objects.all())
        level = forms.ChoiceField(choices=[("", "?"), ("a", "A")])

    with translation.override("zh-hans"):
        html = str(Form()["region"])
    assert "（请选择）" in html and "Select an option" not in html
