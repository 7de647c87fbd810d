"""Number the votes already cast: each voter's votes in a category on a day get picks 1, 2,
... oldest first (Vote.pick)."""

from django.db import migrations


def number_picks(apps, schema_editor):
    Vote = apps.get_model("voting", "Vote")
    group, n, changed = None, 0, []
    for vote in Vote.objects.order_by("campaign_id", "voter", "day", "category_id", "cast_at",
                                      "pk").only("campaign_id", "voter", "day", "category_id"
                                                 ).iterator(chunk_size=2000):
        key = (vote.campaign_id, vote.voter, vote.day, vote.category_id)
        n = n + 1 if key == group else 1
        group = key
        vote.pick = n
        changed.append(vote)
        if len(changed) >= 2000:
            Vote.objects.bulk_update(changed, ["pick"])
            changed = []
    Vote.objects.bulk_update(changed, ["pick"])


class Migration(migrations.Migration):

    dependencies = [
        ("voting", "0002_vote_pick"),
    ]

    operations = [
        migrations.RunPython(number_picks, migrations.RunPython.noop),
    ]
