from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.org.models import Person


def test_opening_a_person_record_is_audited_as_a_view(worker, north, as_user):
    person = Person.objects.create(name="王秀英", kind=Person.Kind.LAW_SAVVY, community=north)
    assert as_user(worker).get(reverse("org:person_detail", args=[person.pk])).status_code == 200
    assert as_user(worker).get(f"/api/v1/org/people/{person.pk}").status_code == 200
    views = Entry.objects.filter(action="view", object_type="org.person", object_id=str(person.pk))
    assert views.count() == 2 and set(views.values_list("actor_name", flat=True)) == {"worker"}


def test_an_outsider_opening_it_leaves_no_view_record(outsider, north, as_user):
    person = Person.objects.create(name="王秀英", kind=Person.Kind.LAW_SAVVY, community=north)
    assert as_user(outsider).get(reverse("org:person_detail", args=[person.pk])).status_code == 404
    assert not Entry.objects.filter(action="view").exists()
