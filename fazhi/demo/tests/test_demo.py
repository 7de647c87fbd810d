import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from fazhi.core.crypto import decrypt
from fazhi.core.identity import validate_id_number, validate_mobile
from fazhi.core.roles import Role
from fazhi.org.models import Agreement, DutySlot, Person, Region, Unit

TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def org_only(monkeypatch):
    """Only the organisation and accounts builders (the other apps test their own parts)."""
    from fazhi.demo.management.commands import demo

    monkeypatch.setattr(demo, "BUILDERS", ["fazhi.demo.world_org", "fazhi.demo.world_accounts"])


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--today", TODAY, *args, stdout=out)
    return out.getvalue()


def _fingerprint() -> tuple:
    return (
        list(Region.objects.order_by("code").values_list("code", "name", "parent__code")),
        list(Unit.objects.order_by("name").values_list("name", "kind", "region__code",
                                                      "contact_phone")),
        list(Person.objects.order_by("id_hash").values_list("name", "kind", "id_hash",
                                                           "mobile_hash", "community__code")),
        list(Agreement.objects.order_by("title").values_list("title", "starts_on", "ends_on")),
        list(get_user_model().objects.order_by("username").values_list("username", "role",
                                                                       "mobile_hash")),
    )


class _Rollback(Exception):
    pass


@pytest.mark.django_db
def test_two_runs_build_the_same_world():
    """The whole world, every app's builder included."""
    prints = []
    for _ in range(2):
        try:
            with transaction.atomic():
                _demo()
                prints.append(_fingerprint())
                raise _Rollback
        except _Rollback:
            pass
    assert prints[0] == prints[1]
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_the_world_looks_like_xima(_data_dir, org_only):
    output = _demo()
    assert "8 communities" in output
    communities = Region.objects.filter(level=Region.Level.COMMUNITY)
    assert communities.count() == 8
    assert {"江汉北路社区", "高雄社区", "金门社区"} <= set(communities.values_list("name", flat=True))
    for community in communities:
        assert 2 <= community.children.filter(level=Region.Level.GRID).count() <= 4
        assert Person.objects.filter(community=community, kind=Person.Kind.LAW_SAVVY).count() >= 3
        assert Unit.objects.filter(region=community, kind=Unit.Kind.COMMUNITY_WORKROOM).count() == 1
    assert Region.objects.get(level=Region.Level.SUBDISTRICT).code == "XM"
    for kind in (Unit.Kind.JUSTICE_OFFICE, Unit.Kind.COURT_TRIBUNAL, Unit.Kind.POLICE_STATION,
                 Unit.Kind.ARBITRATION, Unit.Kind.GOVERNANCE_CENTRE,
                 Unit.Kind.LEGAL_SERVICE_STATION):
        assert Unit.objects.filter(kind=kind).count() == 1
    assert Unit.objects.filter(kind=Unit.Kind.LAW_FIRM).count() >= 3
    companies = Unit.objects.filter(kind=Unit.Kind.PROPERTY_COMPANY)
    assert companies.count() == 24
    # one current agreement per company and one of 2016-2018 (the seed's "20 and more")
    assert Agreement.objects.filter(kind=Agreement.Kind.CO_BUILDING,
                                    parties__in=companies).distinct().count() == 48
    assert Agreement.objects.filter(kind=Agreement.Kind.CO_BUILDING, starts_on__lte="2018-12-31",
                                    ends_on__gte="2016-01-01").count() == 24
    ending_soon = Agreement.objects.filter(ends_on__gte=dt.date(2026, 11, 26),
                                           ends_on__lte=dt.date(2027, 1, 25))
    assert ending_soon.count() >= 3
    assert DutySlot.objects.filter(person__kind=Person.Kind.LAWYER).count() == 16
    assert (Unit.objects.count(), Person.objects.count()) == (66, 127)  # 57 + 9 mediation committees (street, 8 communities)
    assert "江汉北路社区" in (_data_dir / "demo_accounts.txt").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_personal_data_is_valid_and_stored_encrypted(org_only):
    _demo()
    for person in Person.objects.order_by("id")[:40]:
        validate_id_number(decrypt(person.id_enc))
        validate_mobile(decrypt(person.mobile_enc))
        assert person.id_masked.startswith("420102") and "*" in person.id_masked


@pytest.mark.django_db
def test_one_account_per_role_with_the_documented_password(client, org_only):
    _demo()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert set(users) == {"admin", "staff", "worker", "worker2", "mediator", "lawyer", "leader",
                          "auditor", "sysadmin", "secadmin"}
    assert {u.role for u in users.values()} == set(Role.values)
    assert users["worker"].community.name == "江汉北路社区"
    assert users["worker2"].community.name == "高雄社区"
    assert users["lawyer"].person.kind == Person.Kind.LAWYER
    for name in ("admin", "auditor", "sysadmin", "secadmin"):
        assert users[name].needs_second_factor
    assert users["worker"].check_password("Fazhi-Demo-2026")


@pytest.mark.django_db
def test_a_second_run_refuses_and_if_empty_does_nothing(org_only):
    _demo()
    with pytest.raises(CommandError, match="not empty"):
        _demo()
    assert "not built" in _demo("--if-empty")
    assert Region.objects.filter(level=Region.Level.COMMUNITY).count() == 8


@pytest.mark.django_db
def test_print_accounts_prints_the_table_on_an_existing_world(org_only):
    first = _demo("--print-accounts")
    assert "worker2 | Fazhi-Demo-2026" in first
    again = _demo("--print-accounts")
    assert "worker2 | Fazhi-Demo-2026" in again and "TOTP" in again


@pytest.mark.django_db
def test_scale_multiplies_units_and_people(org_only):
    _demo("--scale", "2")
    assert Unit.objects.filter(kind=Unit.Kind.PROPERTY_COMPANY).count() == 48
    assert Person.objects.filter(kind=Person.Kind.RED_VEST).count() == 8 * 4 * 2
