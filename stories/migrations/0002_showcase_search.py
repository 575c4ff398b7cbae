import django.contrib.postgres.search
from django.db import migrations

# These indexes exist only on PostgreSQL; SQLite (the embedded mode) searches with LIKE.
# The updated_at index serves the public pages' cache version (the latest change).
# The covering partial index holds, in the list's default order, the columns the story list
# filters and counts on, for published stories only: the list reads it without the table.
CREATE_INDEXES = [
    "CREATE INDEX IF NOT EXISTS stories_story_search_gin ON stories_story USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS stories_story_public ON stories_story "
    "(featured DESC, published_at DESC, id DESC) "
    "INCLUDE (call_id, org_country, org_sector, org_size_class, language, format) "
    "WHERE published_at IS NOT NULL AND status = 'selected' AND consent_publication "
    "AND (format = 'text' OR audio_state = 'ready')",
]
DROP_INDEXES = ["DROP INDEX IF EXISTS stories_story_search_gin", "DROP INDEX IF EXISTS stories_story_public"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE_INDEXES:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP_INDEXES:
            schema_editor.execute(statement)


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
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS stories_story_updated_at ON stories_story (updated_at)",
            "DROP INDEX IF EXISTS stories_story_updated_at",
        ),
    ]
