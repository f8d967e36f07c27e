from django.db import migrations


def forwards(apps, schema_editor):
    from tuuma.acts.vocabulary import ensure_vocabulary

    ensure_vocabulary(apps.get_model("acts", "Theme"), apps.get_model("acts", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("acts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
