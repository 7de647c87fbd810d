"""Cut texts saved before 0012's limits down to them, ending in "…".

A case is validated whole on every transition, and an extension request on its decision, so
one description, closing summary or extension reason over its limit (the public form had none:
a hostile appeal of 100,000 characters) would refuse every later step with an error on a field
the step's form does not show. Other texts are only validated when a form that shows them is
saved, so they are kept whole and the person shortens them then. The limits are written out
here: a migration must not change when the model's limits do."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Length, Substr

OVER_LONG = [("Case", "description", 5000), ("Case", "summary", 5000),
             ("ExtensionRequest", "reason", 1000)]


def shorten(apps, schema_editor):
    for model_name, field, limit in OVER_LONG:
        model = apps.get_model("cases", model_name)
        (model.objects.annotate(chars=Length(field)).filter(chars__gt=limit)
         .update(**{field: Concat(Substr(field, 1, limit - 1), Value("…"))}))


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_text_length_limits")]

    operations = [migrations.RunPython(shorten, migrations.RunPython.noop, elidable=True)]
