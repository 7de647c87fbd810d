from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.org.models import Region, Unit


def _unit_form(region, **extra):
    data = {"name": "武汉金门物业服务有限公司", "kind": Unit.Kind.PROPERTY_COMPANY,
            "region": region.pk, "address": "", "contact_name": "", "contact_phone": "",
            "active": "on"}
    data.update(extra)
    return data


def test_units_are_filtered_by_kind_region_and_name(as_user, street_staff, justice_office,
                                                    north_workroom, south_company, south):
    client = as_user(street_staff)
    html = client.get(reverse("org:units"), {"kind": Unit.Kind.JUSTICE_OFFICE}).content.decode()
    assert "西马司法所" in html and "武汉高雄物业服务有限公司" not in html
    html = client.get(reverse("org:units"), {"region": south.pk}).content.decode()
    assert "武汉高雄物业服务有限公司" in html and "西马司法所" not in html
    html = client.get(reverse("org:units"), {"q": "工作室"}).content.decode()
    assert "江汉北路社区综治工作室" in html and "西马司法所" not in html


def test_a_community_worker_sees_street_units_and_their_own(as_user, worker, justice_office,
                                                            north_workroom, south_company):
    html = as_user(worker).get(reverse("org:units")).content.decode()
    assert "西马司法所" in html and "江汉北路社区综治工作室" in html
    assert "武汉高雄物业服务有限公司" not in html


def test_the_unit_list_query_count_does_not_grow_with_the_page_size(as_user, street_staff,
                                                                    north):
    Unit.objects.bulk_create([Unit(name=f"企业{i:02d}", kind=Unit.Kind.ENTERPRISE, region=north)
                              for i in range(60)])
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("org:units"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_unit_outside_the_scope_is_404(as_user, outsider, north_workroom):
    client = as_user(outsider)
    assert client.get(reverse("org:unit_detail", args=[north_workroom.pk])).status_code == 404
    response = client.post(reverse("org:unit_edit", args=[north_workroom.pk]),
                           _unit_form(north_workroom.region, name="改名", version=1))
    assert response.status_code == 404
    north_workroom.refresh_from_db()
    assert north_workroom.name == "江汉北路社区综治工作室"


def test_a_worker_creates_a_unit_in_their_community_with_a_checked_phone(as_user, worker, north):
    client = as_user(worker)
    bad = client.post(reverse("org:unit_create"), _unit_form(north, contact_phone="12345"))
    assert "027-82812345" in bad.content.decode() and not Unit.objects.exists()
    ok = client.post(reverse("org:unit_create"), _unit_form(north, contact_phone="027-82812345"))
    unit = Unit.objects.get()
    assert ok.status_code == 302 and unit.region == north
    assert Entry.objects.get(action="create", object_type="org.unit").actor_name == "worker"


def test_the_street_office_edits_a_unit_and_a_stale_form_is_refused(as_user, street_admin,
                                                                    justice_office, subdistrict):
    client = as_user(street_admin)
    url = reverse("org:unit_edit", args=[justice_office.pk])
    form = _unit_form(subdistrict, name="西马司法所", kind=Unit.Kind.JUSTICE_OFFICE,
                      contact_name="赵敏", version=1)
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "contact_name": "钱七"})
    assert "有人在您打开之后修改了这条记录" in stale.content.decode()
    justice_office.refresh_from_db()
    assert (justice_office.contact_name, justice_office.version) == ("赵敏", 2)


def test_the_leader_reads_units_but_cannot_open_the_edit_form(as_user, leader, justice_office):
    client = as_user(leader)
    html = client.get(reverse("org:unit_detail", args=[justice_office.pk])).content.decode()
    assert "西马司法所" in html and reverse("org:unit_edit", args=[justice_office.pk]) not in html
    assert client.get(reverse("org:unit_create")).status_code == 403


def test_regions_list_detail_and_edit(as_user, street_staff, worker, north, south):
    client = as_user(street_staff)
    html = client.get(reverse("org:regions"), {"level": Region.Level.COMMUNITY}).content.decode()
    assert "江汉北路社区" in html and "高雄社区" in html
    response = client.post(reverse("org:region_create"), {
        "name": "第一网格", "level": Region.Level.GRID, "parent": north.pk, "code": "XM-JHBL-G1"})
    grid = Region.objects.get(code="XM-JHBL-G1")
    assert response.status_code == 302 and grid.parent == north
    worker_client = as_user(worker)
    assert "高雄社区" not in worker_client.get(reverse("org:regions")).content.decode()
    assert worker_client.get(reverse("org:region_detail", args=[south.pk])).status_code == 404
    assert worker_client.get(reverse("org:region_edit", args=[north.pk])).status_code == 403


def test_a_nul_character_in_a_unit_name_comes_back_beside_the_field(as_user, street_staff):
    before = Unit.objects.count()
    response = as_user(street_staff).post("/org/units/new/", {"name": "司法所\x00", "kind": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="司法所\x00"' in body
    assert "文本中含有 NUL 控制字符，不允许提交；请删除后重新提交。" in body
    assert Unit.objects.count() == before
