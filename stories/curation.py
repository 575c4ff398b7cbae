"""Who may see and do what in curation, and the operations curators and reviewers perform.

Every admin page, action and export goes through these functions, so a rule is written once
and holds however the request arrives. Curators act on the forums they are listed on
(``Forum.curators``); reviewers on the stories assigned to them; superusers on everything.
"""

import re
import statistics
from collections import Counter, defaultdict
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forums.models import FORMAT_AUDIO, FORMAT_TEXT, Call
from stories import services
from stories.models import (
    AUDIO_READY,
    DECISIONS,
    STATUS_DRAFT,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    STATUS_SUBMITTED,
    Assignment,
    DecisionEmail,
    DecisionTemplate,
    ProgrammeSlot,
    Review,
    ReviewerConflict,
    Story,
    count_words,
)
from stories.services import StoryError

CURATORS = "Curators"
REVIEWERS = "Reviewers"

# Reviews may be written and changed until a decision is made.
REVIEWABLE_STATUSES = (STATUS_SUBMITTED, STATUS_IN_REVIEW, STATUS_SHORTLISTED)
# Speaking pace used to estimate how long reading a text story aloud takes in a session.
WORDS_PER_MINUTE = 150


# --- Who may do what -------------------------------------------------------------------


def curated_forum_ids(user):
    """The forums this person curates (cached on the user object for the request)."""
    if not hasattr(user, "_curated_forum_ids"):
        ids = frozenset()
        if user.is_authenticated and user.is_active and user.is_staff and user.has_perm("stories.change_story"):
            ids = frozenset(user.curated_forums.values_list("pk", flat=True))
        user._curated_forum_ids = ids
    return user._curated_forum_ids


def is_curator(user):
    """A curator of at least one forum (or a superuser)."""
    return user.is_active and (user.is_superuser or bool(curated_forum_ids(user)))


def can_curate_forum(user, forum_id):
    return user.is_active and (user.is_superuser or forum_id in curated_forum_ids(user))


def can_curate(user, story):
    return can_curate_forum(user, story.call.forum_id)


def is_assigned(user, story):
    return Assignment.objects.filter(story=story, reviewer=user).exists()


def visible_stories(user, queryset=None):
    """The stories this person may see in the admin: drafts stay their owner's."""
    queryset = Story.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return queryset.none()
    if user.is_superuser:
        return queryset
    conditions = []
    forums = curated_forum_ids(user)
    if forums:
        conditions.append(Q(call_id__in=Call.objects.filter(forum_id__in=sorted(forums)).values("pk")))
    if user.has_perm("stories.view_story"):
        conditions.append(Q(Exists(Assignment.objects.filter(story_id=OuterRef("pk"), reviewer=user))))
    if not conditions:
        return queryset.none()
    return queryset.filter(reduce(or_, conditions)).exclude(status=STATUS_DRAFT)


def working_forum_ids(user):
    """Forums whose calls and sub-themes this person's filters offer: curated or reviewed for."""
    if user.is_superuser:
        return None
    if not hasattr(user, "_working_forum_ids"):
        assigned = Assignment.objects.filter(reviewer=user).values_list("story__call__forum_id", flat=True)
        user._working_forum_ids = set(curated_forum_ids(user)) | set(assigned.distinct())
    return user._working_forum_ids


def require_curator(user, story):
    if not can_curate(user, story):
        raise PermissionDenied(_("You do not curate this story's forum."))


def shows_identity(user, story):
    """Anonymous review hides who submitted a story from its reviewers."""
    return can_curate(user, story) or not story.call.anonymous_review


def shows_other_reviews(user, story, own_review):
    """Blind review shows a reviewer the others' reviews only once their own is in."""
    return can_curate(user, story) or not story.call.blind_review or own_review is not None


# --- Reviews ---------------------------------------------------------------------------


def review_is_open(story):
    return story.status in REVIEWABLE_STATUSES


@transaction.atomic
def save_review(story, reviewer, scores, comment="", recommendation=""):
    """Record or update a reviewer's review; ``scores`` maps criterion id → score."""
    if not is_assigned(reviewer, story):
        raise PermissionDenied(_("This story is not assigned to you."))
    # The story's row lock orders a late review after a decision being made at the same time.
    story = Story.objects.locked().select_related("call").get(pk=story.pk)
    if not review_is_open(story):
        raise StoryError(_("A decision has been made on this story; its reviews can no longer change."))
    clean = {}
    for criterion in story.call.criteria.all():
        value = scores.get(str(criterion.pk), scores.get(criterion.pk))
        if value is None or not criterion.min_score <= int(value) <= criterion.max_score:
            raise StoryError(_("Please score “%(name)s”.") % {"name": criterion.name})
        clean[str(criterion.pk)] = int(value)
    review, _created = Review.objects.update_or_create(
        story=story,
        reviewer=reviewer,
        defaults={
            "scores": clean,
            "score": statistics.fmean(clean.values()) if clean else None,
            "comment": comment,
            "recommendation": recommendation,
        },
    )
    return review


def review_summary(story, reviews, criteria):
    """Per criterion: average, spread (standard deviation) and range; recommendations counted."""
    rows = []
    for criterion in criteria:
        values = [r.scores[str(criterion.pk)] for r in reviews if str(criterion.pk) in (r.scores or {})]
        rows.append(
            {
                "criterion": criterion,
                "count": len(values),
                "average": statistics.fmean(values) if values else None,
                "spread": statistics.pstdev(values) if len(values) > 1 else (0.0 if values else None),
                "low": min(values) if values else None,
                "high": max(values) if values else None,
            }
        )
    recommendations = Counter(r.recommendation for r in reviews if r.recommendation)
    scores = [r.score for r in reviews if r.score is not None]
    labels = dict(Review.RECOMMENDATIONS)
    return {
        "criteria": rows,
        "recommendations": [(labels[code], recommendations.get(code, 0)) for code, _label in Review.RECOMMENDATIONS],
        "average": statistics.fmean(scores) if scores else None,
        "count": len(reviews),
        "needed": story.call.reviews_per_story,
    }


# --- Assignment ------------------------------------------------------------------------


def reviewer_pool():
    return list(get_user_model().objects.filter(groups__name=REVIEWERS, is_active=True).order_by("pk"))


def review_queue(reviewer, queryset=None):
    """The stories assigned to ``reviewer`` that await their review and can still get one."""
    queryset = Story.objects.all() if queryset is None else queryset
    assigned = Assignment.objects.filter(story_id=OuterRef("pk"), reviewer=reviewer)
    reviewed = Review.objects.filter(story_id=OuterRef("pk"), reviewer=reviewer)
    return queryset.filter(Exists(assigned), status__in=REVIEWABLE_STATUSES).exclude(Exists(reviewed))


def open_load(reviewers):
    """How many stories each reviewer has in their review queue (see ``review_queue``)."""
    reviewed = Review.objects.filter(story_id=OuterRef("story_id"), reviewer_id=OuterRef("reviewer_id"))
    rows = (
        Assignment.objects.filter(reviewer__in=reviewers, story__status__in=REVIEWABLE_STATUSES)
        .exclude(Exists(reviewed))
        .values_list("reviewer_id", flat=True)
    )
    return Counter(rows)


@transaction.atomic
def assign_reviewers(stories, per_story, by, reviewers=None):
    """Give each story up to ``per_story`` reviewers, spreading the load evenly.

    Declared conflicts and the submitter are skipped. Among the least loaded reviewers
    (within one story of the lightest queue) those who read the story's language come first.
    Stories still waiting for review move to "in review". Returns (assignments made, stories
    left short of reviewers).
    """
    stories = list(stories)
    for story in stories:
        require_curator(by, story)
    pool = reviewer_pool() if reviewers is None else list(reviewers)
    load = open_load(pool)
    existing = defaultdict(set)
    for story_id, reviewer_id in Assignment.objects.filter(story__in=stories).values_list("story_id", "reviewer_id"):
        existing[story_id].add(reviewer_id)
    conflict_stories, conflict_orgs = defaultdict(set), defaultdict(set)
    for reviewer_id, story_id, org_name in ReviewerConflict.objects.filter(reviewer__in=pool).values_list(
        "reviewer_id", "story_id", "org_name"
    ):
        if story_id:
            conflict_stories[reviewer_id].add(story_id)
        if org_name:
            conflict_orgs[reviewer_id].add(org_name.strip().casefold())

    def eligible(reviewer, story):
        return (
            reviewer.pk not in existing[story.pk]
            and reviewer.pk != story.submitter_id
            and story.pk not in conflict_stories[reviewer.pk]
            and story.org_name.strip().casefold() not in conflict_orgs[reviewer.pk]
        )

    made, short = [], []
    for story in sorted(stories, key=lambda s: s.pk):
        for _slot in range(per_story - len(existing[story.pk])):
            candidates = [r for r in pool if eligible(r, story)]
            if not candidates:
                short.append(story)
                break
            lightest = min(load[r.pk] for r in candidates)
            chosen = min(
                (r for r in candidates if load[r.pk] <= lightest + 1),
                key=lambda r: (story.language not in (r.reads_languages or []), load[r.pk], r.pk),
            )
            existing[story.pk].add(chosen.pk)
            load[chosen.pk] += 1
            made.append(Assignment(story=story, reviewer=chosen, assigned_by=by))
    Assignment.objects.bulk_create(made)
    waiting = Story.objects.filter(pk__in=[s.pk for s in stories if existing[s.pk]], status=STATUS_SUBMITTED)
    for story in waiting:
        services.change_status(story, STATUS_IN_REVIEW, by, _("Reviewers assigned."))
    return len(made), short


# --- Workflow --------------------------------------------------------------------------


@transaction.atomic
def move(story, to_status, by, note=""):
    """Change a story's status as a curator of its forum (the allowed moves are in services)."""
    require_curator(by, story)
    return services.change_status(story, to_status, by, note)


def publish_refusal(story):
    """Why a story cannot be published yet, or None."""
    if story.status != STATUS_SELECTED:
        return _("only a selected story can be published")
    if not story.consent_publication:
        return _("the submitter has not consented to publication")
    if story.format == FORMAT_AUDIO and story.audio_state != AUDIO_READY:
        return _("its audio is not ready")
    if story.format == FORMAT_TEXT and not story.body.strip():
        return _("it has no text")
    return None


@transaction.atomic
def publish(story, by, now=None):
    require_curator(by, story)
    story = Story.objects.locked().get(pk=story.pk)
    reason = publish_refusal(story)
    if reason:
        raise StoryError(reason)
    if story.published_at is None:
        story.published_at = now or timezone.now()
        story.save(update_fields=["published_at", "updated_at"])
    return story


@transaction.atomic
def unpublish(story, by):
    require_curator(by, story)
    # Saved through the model so that the public page cache hears of it (stories.public_signals).
    story = Story.objects.locked().get(pk=story.pk)
    story.published_at, story.featured = None, False
    story.save(update_fields=["published_at", "featured", "updated_at"])
    return story


@transaction.atomic
def set_featured(story, by, featured):
    require_curator(by, story)
    story = Story.objects.locked().get(pk=story.pk)
    if featured and story.status != STATUS_SELECTED:
        raise StoryError(_("only a selected story can be featured"))
    story.featured = featured
    story.save(update_fields=["featured", "updated_at"])
    return story


# --- Decision e-mails ------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def decision_values(story, session_title=""):
    return {
        "reference": story.reference,
        "title": story.title,
        "forum": story.call.forum.name,
        "call": story.call.title,
        "session": session_title,
        "name": story.org_contact_name or story.org_name,
    }


def render_template(template, values):
    """Fill the known placeholders; anything else in braces is left as written."""

    def fill(text):
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    return " ".join(fill(template.subject).split()), fill(template.body)


def find_template(call, kind, language):
    templates = {t.language: t for t in DecisionTemplate.objects.filter(call=call, kind=kind)}
    return templates.get(language) or templates.get("en") or next(iter(templates.values()), None)


def first_session_title(story):
    slot = ProgrammeSlot.objects.filter(story=story).select_related("session").order_by("session__starts_at").first()
    return slot.session.title if slot else ""


@transaction.atomic
def request_decision_email(story, by):
    """Queue the decision e-mail of a selected or declined story, once per decision.

    Returns True when an e-mail was queued, False when this decision was already sent.
    """
    require_curator(by, story)
    # The decision is read under the row lock, not from a copy the caller may hold.
    story = Story.objects.locked().select_related("call", "submitter").get(pk=story.pk)
    kind = story.status
    if kind not in dict(DECISIONS):
        raise StoryError(_("no decision has been made yet"))
    if find_template(story.call, kind, story.submitter.language) is None:
        raise StoryError(_("the call has no template for this decision"))
    email, created = DecisionEmail.objects.get_or_create(story=story, kind=kind, defaults={"requested_by": by})
    if created:
        transaction.on_commit(lambda: _enqueue_decision(email.pk))
    return created


def _enqueue_decision(email_id):
    from stories.tasks import send_decision_email

    send_decision_email.delay(email_id)


def deliver_decision_email(email_id):
    """Send a queued decision e-mail unless it has gone already (a task run twice sends once)."""
    with transaction.atomic():
        email = (
            DecisionEmail.objects.select_for_update(of=("self",))
            .select_related("story__call__forum", "story__submitter")
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.sent_at is not None:
            return False
        story, user = email.story, email.story.submitter
        template = find_template(story.call, email.kind, user.language)
        if template is None:
            return False
        subject, body = render_template(template, decision_values(story, first_session_title(story)))
        with translation.override(user.language):
            send_mail(subject, body, None, [user.email])
        email.language, email.to, email.subject, email.sent_at = template.language, user.email, subject, timezone.now()
        email.save(update_fields=["language", "to", "subject", "sent_at"])
        return True


# --- Programme -------------------------------------------------------------------------


def running_seconds(story):
    """An audio story's duration, or the time a text story takes to read aloud."""
    if story.duration:
        return story.duration
    words = count_words(story.body or "")
    return round(words * 60 / WORDS_PER_MINUTE) if words else 0
