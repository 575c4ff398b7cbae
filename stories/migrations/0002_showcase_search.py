import django.contrib.postgres.search
from django.db import migrations

# The GIN index exists only on PostgreSQL; SQLite (the embedded mode) searches with LIKE.
# The updated_at index serves the public pages' cache version (the latest change).
CREATE_INDEX = "CREATE INDEX IF NOT EXISTS stories_story_search_gin ON stories_story USING gin (search_vector)"
DROP_INDEX = "DROP INDEX IF EXISTS stories_story_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS stories_story_updated_at ON stories_story (updated_at)",
            "DROP INDEX IF EXISTS stories_story_updated_at",
        ),
    ]
