"""Create the Instructors group that carries the instructor role."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create_group(apps: Any, schema_editor: Any) -> None:
    group_model = apps.get_model("auth", "Group")
    group_model.objects.get_or_create(name="Instructors")


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
