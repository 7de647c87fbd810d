"""Each rule is written in one place (ARCHITECTURE.md, "One rule, one place"). These tests read
the source, so a second copy of a rule fails here before review."""

from __future__ import annotations

import ast
from pathlib import Path

FAZHI = Path(__file__).resolve().parent.parent / "fazhi"


def _modules() -> list[Path]:
    return sorted(p for p in FAZHI.rglob("*.py")
                  if "migrations" not in p.parts and "tests" not in p.parts)


def _defined(name: str) -> list[str]:
    """Where a function, class or module-level name is defined, as paths from fazhi/."""
    out = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names: list[str] = []
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            if name in names:
                out.append(str(path.relative_to(FAZHI)))
    return out


def test_no_module_is_named_for_sharing_instead_of_for_its_topic():
    vague = {"utils.py", "helpers.py", "common.py", "_common.py", "misc.py"}
    assert [str(p.relative_to(FAZHI)) for p in _modules() if p.name in vague] == []


def test_require_reader_is_defined_once_in_core_roles():
    assert _defined("require_reader") == ["core/roles.py"]


def test_the_dead_code_issue_10_named_stays_gone():
    dead = ["now", "search_remove", "user_mobile_unmask", "reminders_for", "case_extend"]
    assert {name: _defined(name) for name in dead} == {name: [] for name in dead}
    assert "if settings.DEBUG" not in (FAZHI / "urls.py").read_text(encoding="utf-8")


def test_community_lists_are_read_from_one_selector():
    """org.selectors.communities_for / community_choices: no app builds its own list."""
    import re

    built = re.compile(r"\.filter\(\s*(pk=[^,]+,\s*)?level=Region\.Level\.COMMUNITY")
    found = [str(p.relative_to(FAZHI)) for p in _modules()
             if built.search(p.read_text(encoding="utf-8")) and "demo" not in p.parts]
    assert found == ["org/selectors.py"]


def test_the_open_states_and_the_checkin_window_are_defined_once():
    assert _defined("OPEN_STATES") == ["cases/models/case.py"]
    assert _defined("OPEN") == []
    assert _defined("checkin_window_check") == ["outreach/services/checkin.py"]


def test_no_view_or_api_writes_the_audit_log_itself():
    """Audited reads (downloads, unmasking, exports) are services: a view only calls one."""
    interfaces = [p for p in _modules()
                  if p.name in {"views.py", "api.py"} or p.parent.name == "views"]
    writing = [str(p.relative_to(FAZHI)) for p in interfaces
               if "audit_record" in p.read_text(encoding="utf-8")]
    assert writing == []


def test_no_module_but_core_roles_refuses_the_administration_roles_by_hand():
    import re

    by_hand = re.compile(r"in ADMINISTRATION_ROLES:\s*\n\s*raise PermissionDenied")
    assert [str(p.relative_to(FAZHI)) for p in _modules()
            if by_hand.search(p.read_text(encoding="utf-8"))] == ["core/roles.py"]


def test_notifications_live_in_the_inbox_only():
    """One notification model (fazhi.inbox); no app keeps unread notices of its own, sets a
    count on the user, or sends a message other than after commit through ``notify``."""
    from django.apps import apps

    unread_tables = sorted(m._meta.label for m in apps.get_models()
                           if m._meta.app_label.startswith(("inbox", "cases", "outreach", "exams",
                                                            "org", "voting", "accounts"))
                           and any(f.name == "read_at" for f in m._meta.get_fields()))
    assert unread_tables == ["inbox.Notification"]
    selectors = [p for p in _modules() if "selectors" in p.parts or p.name == "selectors.py"]
    assert [str(p.relative_to(FAZHI)) for p in selectors
            if "setattr(" in p.read_text(encoding="utf-8")] == []
