"""Vote.pick required and unique per voter, category and day; the Picks table goes. Every
vote writes every index of the table, so the foreign keys lose their own indexes: each leads
a composite one (the unique constraints reordered for that; the reviewer's index partial)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('voting', '0003_vote_pick_numbered'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='picks',
            name='voting_picks_once',
        ),
        migrations.RemoveConstraint(
            model_name='vote',
            name='voting_vote_once_a_day',
        ),
        migrations.RemoveIndex(
            model_name='vote',
            name='voting_vote_picks',
        ),
        migrations.AlterField(
            model_name='vote',
            name='campaign',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='voting.campaign'),
        ),
        migrations.AlterField(
            model_name='vote',
            name='candidate',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='voting.candidate'),
        ),
        migrations.AlterField(
            model_name='vote',
            name='category',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='voting.category'),
        ),
        migrations.AlterField(
            model_name='vote',
            name='pick',
            field=models.PositiveSmallIntegerField(),
        ),
        migrations.AlterField(
            model_name='vote',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='vote',
            index=models.Index(condition=models.Q(('reviewed_by__isnull', False)), fields=['reviewed_by'], name='voting_vote_reviewer'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.UniqueConstraint(fields=('candidate', 'voter', 'day', 'campaign'), name='voting_vote_once_a_day'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.UniqueConstraint(fields=('category', 'voter', 'day', 'campaign', 'pick'), name='voting_vote_pick_once'),
        ),
        migrations.DeleteModel(
            name='Picks',
        ),
    ]
