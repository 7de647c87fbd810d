"""Vote.pick required and unique per voter, category and day; the Picks table goes (the
unique constraint's index also serves the picks look-up the old index did)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("voting", "0002_vote_pick"),
    ]

    operations = [
        migrations.AlterField(model_name="vote", name="pick",
                              field=models.PositiveSmallIntegerField()),
        migrations.AddConstraint(
            model_name="vote",
            constraint=models.UniqueConstraint(fields=("campaign", "voter", "day", "category",
                                                       "pick"), name="voting_vote_pick_once")),
        migrations.RemoveIndex(model_name="vote", name="voting_vote_picks"),
        migrations.DeleteModel(name="Picks"),
    ]
