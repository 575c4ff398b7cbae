from django.contrib import admin

from forums.models import Call, Forum, ReviewCriterion, Session, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "mode"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["curators"]
    inlines = [ThemeInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "theme", "starts_at", "ends_at", "room"]
    list_filter = ["forum"]
    list_select_related = ["forum", "theme"]


class CriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "opens_at", "closes_at", "reference_prefix", "last_reference_number"]
    list_select_related = ["forum"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CriterionInline]
