"""Data: give units that existed before 0002 their search key, their current name row and their parentage row."""

import unicodedata

from django.db import migrations


def _fold(text):
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower().split())


def forwards(apps, schema_editor):
    Unit = apps.get_model("organizations", "Unit")
    UnitName = apps.get_model("organizations", "UnitName")
    UnitParentage = apps.get_model("organizations", "UnitParentage")
    for unit in Unit.objects.all():
        unit.search_name = _fold(f"{unit.name} {unit.short_name} {unit.code}")
        unit.save(update_fields=["search_name"])
        if not UnitName.objects.filter(unit=unit).exists():
            UnitName.objects.create(unit=unit, name=unit.name, short_name=unit.short_name, valid_from=unit.valid_from)
        if unit.parent_id and not UnitParentage.objects.filter(unit=unit).exists():
            UnitParentage.objects.create(unit=unit, parent_id=unit.parent_id, valid_from=unit.valid_from)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_unit_history")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
