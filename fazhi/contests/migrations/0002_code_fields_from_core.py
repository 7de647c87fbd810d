"""The contest's SMS codes take their fields from the abstract ``core.models.MobileCode``, as
voting's and the duty reviews' do: the keyed hash of the mobile is called ``voter`` there, so
``mobile_hash`` is renamed in place (every row, used or not, is kept) and the look-up index is
rebuilt on the new name."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contests', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='code',
            name='contests_code_latest',
        ),
        migrations.RenameField(
            model_name='code',
            old_name='mobile_hash',
            new_name='voter',
        ),
        migrations.AddIndex(
            model_name='code',
            index=models.Index(fields=['contest', 'voter', '-created_at'], name='contests_code_latest'),
        ),
    ]
