"""Votes number their picks (Vote.pick) instead of a separate count (Picks): the column,
nullable; 0003 numbers the votes already cast, 0004 makes it required."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("voting", "0001_campaigns_votes_marks"),
    ]

    operations = [
        migrations.AddField(model_name="vote", name="pick",
                            field=models.PositiveSmallIntegerField(null=True)),
    ]
