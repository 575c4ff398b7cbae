"""The curation back office: curators decide, reviewers score, both only where they may.

Which rows a person sees is decided by ``stories.curation.visible_stories`` in every
queryset here; what they may do is checked again by the service functions the actions call.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.admin import HTTPS_URL_FIELDS
from accounts.models import SIZE_MEDIUM, SIZE_MICRO, SIZE_SMALL
from forums.admin import ForumScopedAdmin
from forums.models import Theme
from forums.regions import countries_in, filter_choices, region_label
from stories import audio_reasons, curation, exports, media, search
from stories.curation import StoryError
from stories.models import (
    AUDIO_READY,
    STATUS_DECLINED,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    Assignment,
    DecisionEmail,
    DecisionTemplate,
    Review,
    ReviewerConflict,
    Story,
)
from stories.services import CURATOR_TRANSITIONS
from stories.templatetags.showcase import clock
from stories.views import serve_file, serve_original

SIZE_SHORT = {SIZE_MICRO: _("Micro"), SIZE_SMALL: _("Small"), SIZE_MEDIUM: _("Medium")}


def playable_audio(story):
    """What the admin player plays: the processed file or, until it exists, an original that passed its check."""
    return story.audio or (story.audio_original if story.audio_state == AUDIO_READY else None)


def labelled_scores(reviews, criteria):
    """Each review with its scores named by criterion (a removed criterion keeps its id)."""
    names = {str(c.pk): c.name for c in criteria}
    return [(r, [(names.get(k, k), v) for k, v in r.scores.items()]) for r in reviews]


# --- List filters ----------------------------------------------------------------------


class ReviewQueueFilter(admin.SimpleListFilter):
    title = _("my reviews")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("todo", _("Assigned to me and not yet reviewed")),
            ("done", _("Reviewed by me")),
            ("mine", _("Assigned to me")),
        ]

    def queryset(self, request, queryset):
        assigned = Exists(Assignment.objects.filter(story_id=OuterRef("pk"), reviewer=request.user))
        reviewed = Exists(Review.objects.filter(story_id=OuterRef("pk"), reviewer=request.user))
        if self.value() == "todo":
            return curation.review_queue(request.user, queryset)
        if self.value() == "done":
            return queryset.filter(reviewed)
        if self.value() == "mine":
            return queryset.filter(assigned)
        return queryset


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return filter_choices()

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(org_country__in=countries_in(self.value()))
        return queryset


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            curation.visible_stories(request.user)
            .exclude(org_country="")
            .order_by()
            .values_list("org_country", flat=True)
            .distinct()
        )
        return sorted(((code, countries.name(code) or code) for code in codes), key=lambda pair: str(pair[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(org_country=self.value())
        return queryset


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """Offers only the calls or sub-themes of the forums this person works on."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        queryset = model.objects.all()
        forums = curation.working_forum_ids(request.user)
        if forums is not None:
            queryset = queryset.filter(forum_id__in=sorted(forums))
        if model is Theme:
            themes = list(queryset.select_related("forum").order_by("forum", "position"))
            several = len({theme.forum_id for theme in themes}) > 1
            return [(theme.pk, f"{theme.forum.name} · {theme.title}" if several else theme.title) for theme in themes]
        return [(obj.pk, str(obj)) for obj in queryset]


# --- Forms -----------------------------------------------------------------------------


class ReviewForm(forms.Form):
    """A score per criterion of the call, a comment and a recommendation."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Review.RECOMMENDATIONS, widget=forms.RadioSelect
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            scale = [(n, str(n)) for n in range(criterion.min_score, criterion.max_score + 1)]
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "score-scale"}),
            )
        # The criteria come first, as reviewers read them first.
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria])

    def scores(self):
        return {str(c.pk): self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}

    @classmethod
    def initial_for(cls, review):
        if review is None:
            return {}
        initial = {f"criterion_{pk}": value for pk, value in (review.scores or {}).items()}
        initial.update(comment=review.comment, recommendation=review.recommendation)
        return initial


class AssignForm(forms.Form):
    per_story = forms.IntegerField(label=_("Reviewers per story"), min_value=1, max_value=10)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (kept in the status history)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Stories ---------------------------------------------------------------------------


def _transition_action(to_status, label):
    def action(modeladmin, request, queryset):
        return modeladmin.confirm_transition(request, queryset, to_status, label)

    action.__name__ = f"move_to_{to_status}"
    return admin.action(description=label, permissions=["curate"])(action)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_per_page = 50
    show_full_result_count = False
    # Facet counts would cost one query per filter; the list stays within a fixed budget.
    show_facets = admin.ShowFacets.NEVER
    view_on_site = False
    list_select_related = ["call"]
    ordering = ["-pk"]
    search_fields = ["reference", "title", "org_name", "body"]
    list_filter = [
        ("call", ScopedRelatedFilter),
        ("themes", ScopedRelatedFilter),
        "status",
        "format",
        "language",
        CountryFilter,
        RegionFilter,
        "org_size_class",
        "org_sector",
        "audio_state",
        "featured",
        ReviewQueueFilter,
    ]
    change_form_template = "admin/stories/story/change_form.html"
    change_list_template = "admin/stories/story/change_list.html"
    fieldsets = [
        (None, {"fields": ["reference", "call", "title_text", "summary_text", "language", "themes", "format"]}),
        (_("Text and transcript"), {"fields": ["body_text", "transcript"]}),
        (
            _("Organisation (as submitted)"),
            {
                "fields": [
                    "org_name",
                    "org_country",
                    "region",
                    "org_city",
                    "org_size_class",
                    "org_sector",
                    "org_year_founded",
                    "org_website",
                    "submitter",
                    "org_contact_name",
                    "org_contact_role",
                    "org_contact_email",
                    "org_contact_phone",
                ]
            },
        ),
        (_("Consent"), {"fields": ["consent_publication", "licence", "terms_version", "consented_at"]}),
        (
            _("Status"),
            {"fields": ["status", "submitted_at", "featured", "published_at"]},
        ),
        (_("Recording"), {"fields": ["audio_facts"]}),
    ]
    # Curators edit the sub-themes and the transcript here; the rest changes through actions.
    readonly_fields = [
        name for _title, options in fieldsets for name in options["fields"] if name not in ("themes", "transcript")
    ]
    actions = [
        "assign_reviewers",
        _transition_action(STATUS_IN_REVIEW, _("Move to “in review”")),
        _transition_action(STATUS_SHORTLISTED, _("Shortlist")),
        _transition_action(STATUS_SELECTED, _("Select")),
        _transition_action(STATUS_DECLINED, _("Decline")),
        "publish",
        "unpublish",
        "feature",
        "unfeature",
        "send_decisions",
        "reprocess_audio",
    ]

    # --- Who sees what ---

    def get_queryset(self, request):
        mine = Review.objects.filter(story=OuterRef("pk"), reviewer=request.user).values("score")[:1]
        if request.user.is_superuser:
            identity_hidden = Value(False)
        else:
            curated = sorted(curation.curated_forum_ids(request.user)) or [0]
            identity_hidden = ExpressionWrapper(
                Q(call__anonymous_review=True) & ~Q(call__forum_id__in=curated), output_field=BooleanField()
            )
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                avg_score=F("average_score"),
                my_score=Subquery(mine, output_field=FloatField()),
                identity_hidden=identity_hidden,
            )
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position")))
        )
        return curation.visible_stories(request.user, queryset)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (curation.can_curate(request.user, obj) if obj else curation.is_curator(request.user))

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_curate_permission(self, request):
        return curation.is_curator(request.user)

    def get_list_display(self, request):
        columns = ["reference", "title", "organisation", "org_country", "size", "format", "language_code"]
        columns += ["sub_themes", "status", "processing", "running_time"]
        if curation.is_curator(request.user):
            columns += ["average_score", "review_count_column"]
        else:
            columns += ["my_score_column"]
        return [*columns, "featured"]

    def get_search_fields(self, request):
        # A reviewer under anonymous review could find who wrote a story by searching names.
        fields = self.search_fields if curation.is_curator(request.user) else ["reference", "title", "body"]
        # The text is matched word by word through the full-text index (stories.search.Words):
        # a substring search would read every story's whole text, however many there are.
        return [search.text_search_field() if field == "body" else field for field in fields]

    # --- Columns ---

    @admin.display(description=_("organisation"), ordering="org_name")
    def organisation(self, story):
        return "—" if story.identity_hidden else story.org_name

    @admin.display(description=_("size"), ordering="org_size_class")
    def size(self, story):
        return SIZE_SHORT.get(story.org_size_class, "—")

    @admin.display(description=_("sub-themes"))
    def sub_themes(self, story):
        # Sub-theme titles are long; the list shows their beginning, the tooltip all of it.
        titles = [theme.title for theme in story.themes.all()]
        return format_html_join(
            ", ", '<span title="{}">{}</span>', ((title, Truncator(title).chars(18)) for title in titles)
        )

    @admin.display(description=_("language"), ordering="language")
    def language_code(self, story):
        return format_html('<abbr title="{}">{}</abbr>', story.get_language_display(), story.language.upper())

    @admin.display(description=_("audio"), ordering="audio_state")
    def processing(self, story):
        return story.get_audio_state_display() if story.audio_state else "—"

    @admin.display(description=_("processing"))
    def audio_facts(self, story):
        """The state of the recording, with what curators need when it failed."""
        if not story.audio_original:
            return "—"
        facts = [
            (_("state"), story.get_audio_state_display()),
            (_("reason"), f"{story.audio_error_code} — {audio_reasons.LABELS.get(story.audio_error_code, '')}")
            if story.audio_error_code
            else None,
            (_("attempts"), story.audio_attempts),
            (_("duration"), f"{story.duration:.1f} s" if story.duration else "—"),
            (_("loudness"), f"{story.loudness:.1f} LUFS" if story.loudness is not None else "—"),
            (_("original file"), f"{story.audio_original_name} ({story.audio_original_size or 0:,} bytes)"),
        ]
        rows = format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", (fact for fact in facts if fact))
        return format_html(
            '<dl class="audio-facts">{}</dl><pre style="white-space: pre-wrap">{}</pre>', rows, story.audio_error_detail
        )

    @admin.display(description=_("duration"), ordering="duration")
    def running_time(self, story):
        return clock(story.duration) if story.duration else "—"

    @admin.display(description=_("avg. score"), ordering="avg_score")
    def average_score(self, story):
        return f"{story.avg_score:.2f}" if story.avg_score is not None else "—"

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count_column(self, story):
        return story.review_count

    @admin.display(description=_("my score"), ordering="my_score")
    def my_score_column(self, story):
        return f"{story.my_score:.2f}" if story.my_score is not None else _("to review")

    @admin.display(description=_("story"))
    def body_text(self, story):
        return format_html('<div class="story-text" dir="auto">{}</div>', story.body) if story.body else "—"

    @admin.display(description=_("title"))
    def title_text(self, story):
        # Titles and summaries come in any script; each sets its own direction.
        return format_html('<span dir="auto">{}</span>', story.title)

    @admin.display(description=_("short summary"))
    def summary_text(self, story):
        return format_html('<span dir="auto">{}</span>', story.summary) if story.summary else "—"

    @admin.display(description=_("region"))
    def region(self, story):
        return region_label(story.org_country) or "—"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_query": request.GET.urlencode(),
            "is_curator": curation.is_curator(request.user),
        }
        return super().changelist_view(request, extra_context)

    # --- One story ---

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/<str:fmt>/", view(self.export_view), name="stories_story_export"),
            path("<int:pk>/review/", view(self.review_view), name="stories_story_review"),
            path("<int:pk>/transition/", view(self.transition_view), name="stories_story_transition"),
            path("<int:pk>/media/<str:kind>/", view(self.media_view), name="stories_story_media"),
            *super().get_urls(),
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes" and not request.user.is_superuser:
            kwargs["queryset"] = Theme.objects.filter(forum_id__in=sorted(curation.curated_forum_ids(request.user)))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        # The change view asks for the story more than once per request; fetch it once.
        cached = getattr(request, "_curation_story", None)
        if cached is not None and str(cached.pk) == str(object_id):
            return cached
        queryset = self.get_queryset(request).select_related("call__forum", "submitter")
        try:
            story = queryset.get(pk=Story._meta.pk.to_python(object_id))
        except (Story.DoesNotExist, ValidationError, ValueError):
            return None
        request._curation_story = story
        return story

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        if story is not None and not curation.can_curate(request.user, story):
            return redirect("admin:stories_story_review", story.pk)
        if story is not None:
            extra_context = {**(extra_context or {}), **self.story_context(request, story)}
        return super().change_view(request, object_id, form_url, extra_context)

    def story_context(self, request, story):
        reviews = list(story.reviews.select_related("reviewer").order_by("created_at"))
        criteria = list(story.call.criteria.all())
        assignments = list(story.assignments.select_related("reviewer").order_by("assigned_at"))
        return {
            "story": story,
            "reviews": labelled_scores(reviews, criteria),
            "summary": curation.review_summary(story, reviews, criteria),
            "history": story.status_changes.select_related("changed_by"),
            "assignments": assignments,
            "decision_emails": story.decision_emails.all(),
            "slots": story.slots.select_related("session"),
            "transitions": [
                (status, label)
                for status, label in Story._meta.get_field("status").choices
                if status in CURATOR_TRANSITIONS.get(story.status, ())
            ],
            "publish_refusal": curation.publish_refusal(story),
            "playable": bool(playable_audio(story)),
            "assigned_to_me": any(a.reviewer_id == request.user.pk for a in assignments),
        }

    def _visible_or_404(self, request, pk):
        story = self.get_object(request, pk)
        if story is None:
            raise Http404
        return story

    def media_view(self, request, pk, kind):
        story = self._visible_or_404(request, pk)
        if kind == "original":
            # The original may hold what processing removed (metadata, silence): curators only.
            curation.require_curator(request.user, story)
            if not story.audio_original:
                raise Http404
            return serve_original(story)
        field = {"audio": playable_audio(story), "waveform": story.waveform_image}.get(kind)
        if not field:
            raise Http404
        if kind == "waveform":
            return serve_file(request, field, "image/png")
        return serve_file(request, field, media.audio_type(field.name))

    def review_view(self, request, pk):
        story = self._visible_or_404(request, pk)
        assigned = curation.is_assigned(request.user, story)
        if not assigned:
            if curation.can_curate(request.user, story):
                return redirect("admin:stories_story_change", story.pk)
            raise PermissionDenied
        criteria = list(story.call.criteria.all())
        own = Review.objects.filter(story=story, reviewer=request.user).first()
        is_open = curation.review_is_open(story)
        form = ReviewForm(
            request.POST if request.method == "POST" else None,
            criteria=criteria,
            initial=ReviewForm.initial_for(own),
        )
        if request.method == "POST" and is_open and form.is_valid():
            try:
                curation.save_review(
                    story,
                    request.user,
                    form.scores(),
                    form.cleaned_data["comment"],
                    form.cleaned_data["recommendation"],
                )
            except StoryError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, gettext("Your review of %(ref)s is saved.") % {"ref": story.reference})
                following = self._next_in_queue(request, story)
                if following:
                    return redirect("admin:stories_story_review", following)
                return redirect(f"{reverse('admin:stories_story_changelist')}?review=todo")
        if not is_open:
            for field in form.fields.values():
                field.disabled = True
        shows_others = curation.shows_other_reviews(request.user, story, own)
        others = []
        if shows_others:
            others = labelled_scores(story.reviews.exclude(reviewer=request.user).select_related("reviewer"), criteria)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Review %(ref)s") % {"ref": story.reference},
            "story": story,
            "form": form,
            "own": own,
            "is_open": is_open,
            "others": others,
            "others_hidden": not shows_others,
            "identity": curation.shows_identity(request.user, story),
            "playable": bool(playable_audio(story)),
            "themes": story.themes.all(),
            "region": region_label(story.org_country),
            "queue_left": self._queue(request).count(),
        }
        return TemplateResponse(request, "admin/stories/story/review.html", context)

    def _queue(self, request):
        return curation.review_queue(request.user, curation.visible_stories(request.user))

    def _next_in_queue(self, request, story):
        return self._queue(request).exclude(pk=story.pk).order_by("pk").values_list("pk", flat=True).first()

    def transition_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        story = self._visible_or_404(request, pk)
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                curation.publish(story, request.user)
            elif action == "unpublish":
                curation.unpublish(story, request.user)
            elif action == "decision":
                curation.request_decision_email(story, request.user)
            else:
                curation.move(story, request.POST.get("to", ""), request.user, request.POST.get("note", ""))
        except StoryError as error:
            messages.error(request, gettext("Refused: %(reason)s") % {"reason": error})
        else:
            messages.success(request, gettext("Done."))
        return redirect("admin:stories_story_change", story.pk)

    def export_view(self, request, fmt):
        if not curation.is_curator(request.user) or fmt not in ("csv", "json"):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        stories = changelist.get_queryset(request)
        rows = exports.story_rows(stories.iterator(chunk_size=500))
        if fmt == "csv":
            response = HttpResponse(exports.to_csv(rows, exports.STORY_COLUMNS), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(exports.to_json(rows), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="stories.{fmt}"'
        return response

    # --- Actions ---

    def _selected_ids(self, queryset):
        return format_html_join(
            "",
            '<input type="hidden" name="_selected_action" value="{}">',
            ((pk,) for pk in queryset.values_list("pk", flat=True)),
        )

    def _intermediate(self, request, queryset, action, title, form, lines):
        return TemplateResponse(
            request,
            "admin/stories/story/confirm_action.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": title,
                "action": action,
                "form": form,
                "lines": lines,
                "selected": self._selected_ids(queryset),
            },
        )

    @admin.action(description=_("Assign reviewers"), permissions=["curate"])
    def assign_reviewers(self, request, queryset):
        queryset = queryset.select_related("call")
        default = max((s.call.reviews_per_story for s in queryset[:1]), default=3)
        form = AssignForm(request.POST if "confirm" in request.POST else None, initial={"per_story": default})
        if form.is_valid():
            made, short = curation.assign_reviewers(queryset, form.cleaned_data["per_story"], request.user)
            messages.success(request, gettext("%(n)d assignments made.") % {"n": made})
            if short:
                messages.warning(
                    request,
                    gettext("Not enough reviewers without a conflict for: %(refs)s")
                    % {"refs": ", ".join(s.reference for s in short)},
                )
            return None
        lines = [(s, "") for s in queryset]
        return self._intermediate(request, queryset, "assign_reviewers", gettext("Assign reviewers"), form, lines)

    def confirm_transition(self, request, queryset, to_status, label):
        queryset = queryset.select_related("call")
        form = NoteForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            note = form.cleaned_data["note"]
            self._each(
                request,
                queryset,
                lambda story: curation.move(story, to_status, request.user, note),
                gettext("%(n)d stories changed."),
            )
            return None
        lines = [
            (s, "" if to_status in CURATOR_TRANSITIONS.get(s.status, ()) else gettext("not allowed from this status"))
            for s in queryset
        ]
        return self._intermediate(request, queryset, f"move_to_{to_status}", label, form, lines)

    def _each(self, request, queryset, operation, success):
        done, refused = 0, []
        for story in queryset.select_related("call__forum", "submitter"):
            try:
                if operation(story) is not False:
                    done += 1
            except StoryError as error:
                refused.append(f"{story.reference}: {error}")
        messages.success(request, success % {"n": done})
        if refused:
            messages.error(request, gettext("Refused: %(list)s") % {"list": "; ".join(refused)})

    @admin.action(description=_("Publish on the public site"), permissions=["curate"])
    def publish(self, request, queryset):
        self._each(request, queryset, lambda s: curation.publish(s, request.user), gettext("%(n)d stories published."))

    @admin.action(description=_("Withdraw from the public site"), permissions=["curate"])
    def unpublish(self, request, queryset):
        self._each(
            request, queryset, lambda s: curation.unpublish(s, request.user), gettext("%(n)d stories unpublished.")
        )

    @admin.action(description=_("Feature"), permissions=["curate"])
    def feature(self, request, queryset):
        self._each(
            request, queryset, lambda s: curation.set_featured(s, request.user, True), gettext("%(n)d featured.")
        )

    @admin.action(description=_("Stop featuring"), permissions=["curate"])
    def unfeature(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda s: curation.set_featured(s, request.user, False),
            gettext("%(n)d no longer featured."),
        )

    @admin.action(description=_("Send decision e-mails"), permissions=["curate"])
    def send_decisions(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda s: curation.request_decision_email(s, request.user),
            gettext("%(n)d decision e-mails queued (each decision is sent once)."),
        )

    @admin.action(description=_("Process the recordings again"), permissions=["change"])
    def reprocess_audio(self, request, queryset):
        from stories.tasks import process_audio

        ids = list(queryset.exclude(audio_original="").values_list("pk", flat=True))
        for story_id in ids:
            transaction.on_commit(lambda story_id=story_id: process_audio.delay(story_id, force=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d recording will be processed again.",
                "%(count)d recordings will be processed again.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )


# --- Reviews, assignments, conflicts, decisions ----------------------------------------


class ScopedByStoryAdmin(ForumScopedAdmin):
    """Rows that belong to a story: curators see their forums', reviewers their own."""

    forum_path = "story__call__forum"
    own_field = "reviewer"

    def visible_to(self, user):
        forums = super().visible_to(user)
        return forums | Q(**{self.own_field: user}) if self.own_field else forums


@admin.register(Review)
class ReviewAdmin(ScopedByStoryAdmin):
    list_display = ["story", "reviewer", "score", "recommendation", "updated_at"]
    list_select_related = ["story", "reviewer"]
    list_filter = ["recommendation", "story__call"]
    search_fields = ["story__reference", "story__title"]
    readonly_fields = ["story", "reviewer", "scores", "score", "comment", "recommendation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Reviews are written through the review form, which checks the assignment and the decision.
        return False


@admin.register(Assignment)
class AssignmentAdmin(ScopedByStoryAdmin):
    list_display = ["story", "reviewer", "assigned_at", "assigned_by"]
    list_select_related = ["story", "reviewer", "assigned_by"]
    list_filter = ["story__call"]
    search_fields = ["story__reference", "reviewer__email"]
    raw_id_fields = ["story", "reviewer"]
    readonly_fields = ["assigned_by", "assigned_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or curation.can_curate(request.user, obj.story))

    def save_model(self, request, obj, form, change):
        curation.require_curator(request.user, obj.story)
        obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReviewerConflict)
class ReviewerConflictAdmin(ScopedByStoryAdmin):
    list_display = ["reviewer", "story", "org_name", "note"]
    list_select_related = ["reviewer", "story"]
    raw_id_fields = ["story"]

    def visible_to(self, user):
        visible = super().visible_to(user)
        if curation.curated_forum_ids(user):
            # A conflict with an organisation may concern any forum's stories.
            visible |= Q(story__isnull=True)
        return visible

    def get_fields(self, request, obj=None):
        fields = ["story", "org_name", "note"]
        return ["reviewer", *fields] if curation.is_curator(request.user) else fields

    def save_model(self, request, obj, form, change):
        if not curation.is_curator(request.user):
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(ForumScopedAdmin):
    forum_path = "call__forum"
    list_display = ["call", "kind", "language", "subject"]
    list_filter = ["call", "kind", "language"]
    list_select_related = ["call"]
    readonly_fields = ["preview"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("call__forum")

    @admin.display(description=_("preview"))
    def preview(self, template):
        if not template.pk:
            return _("Save to see a preview.")
        story = template.call.stories.exclude(reference="").order_by("number").first()
        if story is None:
            story = Story(call=template.call, reference=f"{template.call.reference_prefix}-0001", title=_("A story"))
        session = curation.first_session_title(story) if story.pk else ""
        subject, body = curation.render_template(
            template, curation.decision_values(story, session or gettext("(the session)"))
        )
        return format_html(
            '<div class="decision-preview"><p><strong>{}</strong></p><pre dir="auto">{}</pre></div>', subject, body
        )


@admin.register(DecisionEmail)
class DecisionEmailAdmin(ScopedByStoryAdmin):
    own_field = None
    list_display = ["story", "kind", "to", "language", "requested_at", "sent_at"]
    list_select_related = ["story"]
    list_filter = ["kind", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
