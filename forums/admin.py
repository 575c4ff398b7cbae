from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin import HTTPS_URL_FIELDS
from forums.models import Call, Forum, ReviewCriterion, Session, Theme
from stories import curation, exports
from stories.dashboard import call_dashboard
from stories.models import DecisionTemplate, ProgrammeSlot
from stories.templatetags.showcase import clock


class ForumScopedAdmin(admin.ModelAdmin):
    """Curators see only the forums they curate; ``forum_path`` leads from the row to its forum."""

    forum_path = "forum"
    formfield_overrides = HTTPS_URL_FIELDS

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(self.visible_to(request.user))

    def visible_to(self, user):
        """The rows a curator sees: those of the forums they curate."""
        return Q(**{f"{self.forum_path}__in": sorted(curation.curated_forum_ids(user))})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.related_model in (Forum, Theme, Call):
            forums = sorted(curation.curated_forum_ids(request.user))
            key = "pk__in" if db_field.related_model is Forum else "forum__in"
            kwargs["queryset"] = db_field.related_model.objects.filter(**{key: forums})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Forum)
class ForumAdmin(ForumScopedAdmin):
    forum_path = "pk"
    list_display = ["name", "starts_on", "ends_on", "mode", "programme_links"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["curators"]
    inlines = [ThemeInline]

    @admin.display(description=_("programme"))
    def programme_links(self, forum):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:forums_session_programme", args=[forum.pk]), gettext("Print")
        )


class SlotForm(forms.ModelForm):
    parent_session = None  # set by ProgrammeSlotInline.get_formset

    class Meta:
        model = ProgrammeSlot
        fields = ["story", "position"]
        error_messages = {"story": {"invalid_choice": _("Only selected stories can be placed in a session.")}}

    def clean(self):
        cleaned = super().clean()
        story, session = cleaned.get("story"), self.parent_session
        if story and session and story.call.forum_id != session.forum_id:
            raise forms.ValidationError(_("This story belongs to another forum."))
        return cleaned


class ProgrammeSlotInline(admin.TabularInline):
    model = ProgrammeSlot
    form = SlotForm
    extra = 1
    autocomplete_fields = ["story"]
    fields = ["position", "story", "story_format", "running_time"]
    readonly_fields = ["story_format", "running_time"]
    ordering = ["position", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story__call")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.parent_session = obj
        return formset

    @admin.display(description=_("format"))
    def story_format(self, slot):
        return slot.story.get_format_display() if slot.story_id else ""

    @admin.display(description=_("running time"))
    def running_time(self, slot):
        return clock(curation.running_seconds(slot.story)) if slot.story_id else ""


@admin.register(Session)
class SessionAdmin(ForumScopedAdmin):
    list_display = ["title", "forum", "theme", "starts_at", "ends_at", "room", "running_time"]
    list_filter = ["forum"]
    list_select_related = ["forum", "theme"]
    inlines = [ProgrammeSlotInline]
    readonly_fields = ["running_time"]
    fields = ["forum", "theme", "title", "starts_at", "ends_at", "room", "stream_url", "description", "running_time"]

    def get_queryset(self, request):
        slots = ProgrammeSlot.objects.select_related("story").only(
            "session_id", "position", "story__duration", "story__body", "story__format"
        )
        return super().get_queryset(request).prefetch_related(Prefetch("slots", queryset=slots))

    @admin.display(description=_("running time / length"))
    def running_time(self, session):
        if not session.pk:
            return "—"
        total = sum(curation.running_seconds(slot.story) for slot in session.slots.all())
        length = session.length_seconds
        return format_html(
            '<span class="{}">{} / {}</span>', "over" if total > length else "", clock(total), clock(length)
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("programme/<int:forum_id>/", view(self.programme_view), name="forums_session_programme"),
            path(
                "programme/<int:forum_id>/export/<str:fmt>/",
                view(self.programme_export),
                name="forums_session_programme_export",
            ),
            *super().get_urls(),
        ]

    def _programme(self, request, forum_id):
        forum = get_object_or_404(Forum, pk=forum_id)
        if not curation.can_curate_forum(request.user, forum.pk):
            raise PermissionDenied
        slots = ProgrammeSlot.objects.select_related("story").order_by("position", "id")
        sessions = list(
            forum.sessions.select_related("theme")
            .prefetch_related(Prefetch("slots", queryset=slots))
            .order_by("starts_at", "id")
        )
        return forum, sessions

    def programme_view(self, request, forum_id):
        forum, sessions = self._programme(request, forum_id)
        rows = []
        for session in sessions:
            seconds = [(slot, curation.running_seconds(slot.story)) for slot in session.slots.all()]
            total = sum(n for _slot, n in seconds)
            slots = [(slot, clock(n)) for slot, n in seconds]
            rows.append((session, slots, clock(total), total > session.length_seconds))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Programme of %(forum)s") % {"forum": forum.name},
            "forum": forum,
            "sessions": rows,
        }
        return TemplateResponse(request, "admin/forums/session/programme.html", context)

    def programme_export(self, request, forum_id, fmt):
        forum, sessions = self._programme(request, forum_id)
        if fmt == "csv":
            body = exports.to_csv(exports.programme_rows(sessions), exports.PROGRAMME_COLUMNS)
            content_type = "text/csv; charset=utf-8"
        elif fmt == "json":
            body, content_type = exports.programme_json(forum, sessions), "application/json"
        elif fmt == "ics":
            body, content_type = exports.programme_ics(forum, sessions), "text/calendar; charset=utf-8"
        else:
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="programme-{forum.slug}.{fmt}"'
        return response


class CriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


class DecisionTemplateInline(admin.StackedInline):
    model = DecisionTemplate
    extra = 0
    fields = ["kind", "language", "subject", "body"]


@admin.register(Call)
class CallAdmin(ForumScopedAdmin):
    list_display = ["title", "forum", "opens_at", "closes_at", "reference_prefix", "last_reference_number", "dashboard"]
    list_select_related = ["forum"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CriterionInline, DecisionTemplateInline]

    @admin.display(description=_("dashboard"))
    def dashboard(self, call):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:forums_call_dashboard", args=[call.pk]), gettext("Dashboard")
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/dashboard/", view(self.dashboard_view), name="forums_call_dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request, pk):
        call = get_object_or_404(Call.objects.select_related("forum"), pk=pk)
        if not curation.can_curate_forum(request.user, call.forum_id):
            raise PermissionDenied
        figures = call_dashboard(call)
        done, needed = figures["reviews_done"], figures["reviews_needed"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Dashboard: %(call)s") % {"call": call.title},
            "call": call,
            "figures": figures,
            "progress_percent": round(100 * done / needed) if needed else 0,
            "stories_url": reverse("admin:stories_story_changelist") + f"?call__id__exact={call.pk}",
        }
        return TemplateResponse(request, "admin/forums/call/dashboard.html", context)
