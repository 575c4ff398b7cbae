from django.contrib import admin

from stories import admin_actions
from stories.models import Review, StatusChange, Story


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "org_name", "org_country", "format", "language", "status", "audio_state"]
    list_filter = ["call", "status", "format", "language", "audio_state"]
    search_fields = ["reference", "title", "org_name", "body"]
    list_select_related = ["call"]
    readonly_fields = ["reference", "status", "submitter", "audio_state", "audio_error_code", "audio_error_detail"]
    inlines = [StatusChangeInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["story", "reviewer", "score", "recommendation"]
    list_select_related = ["story", "reviewer"]


admin_actions.install(StoryAdmin)
