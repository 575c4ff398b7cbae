"""Keep ``Story.review_count`` and ``Story.average_score`` in step with the story's reviews.

Every review created, changed or deleted through the ORM (the review form, the admin, a
reviewer's account deleted with its reviews) passes through these receivers. The count is an
``F()`` update, so concurrent reviews of one story serialise on its row and none is lost; the
average is taken again from the reviews (``curation.save_review`` holds the story's row lock,
so the reviews it sees are all committed ones). Bulk inserts send no signal: code doing them
calls ``recount`` afterwards.
"""

from django.db.models import Avg, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stories.models import Review, Story


def _average(story_ref):
    scores = Review.objects.filter(story=story_ref).order_by().values("story").annotate(a=Avg("score"))
    return Subquery(scores.values("a"))


@receiver(post_save, sender=Review)
def review_saved(sender, instance, created, raw=False, **kwargs):
    # A fixture being loaded (raw) carries its stories' figures already.
    if raw:
        return
    story = Story.objects.filter(pk=instance.story_id)
    if created:
        story.update(review_count=F("review_count") + 1, average_score=_average(instance.story_id))
    else:
        story.update(average_score=_average(instance.story_id))


@receiver(post_delete, sender=Review)
def review_deleted(sender, instance, **kwargs):
    # Never below zero: reviews bulk-inserted without a recount must not make deleting them fail.
    Story.objects.filter(pk=instance.story_id).update(
        review_count=Greatest(F("review_count") - 1, Value(0)), average_score=_average(instance.story_id)
    )


def recount(stories=None):
    """Count and average the reviews of ``stories`` (a queryset; all by default) afresh, in one UPDATE."""
    stories = Story.objects.all() if stories is None else stories
    counted = Review.objects.filter(story=OuterRef("pk")).order_by().values("story").annotate(n=Count("pk")).values("n")
    return stories.order_by().update(
        review_count=Coalesce(Subquery(counted), Value(0)), average_score=_average(OuterRef("pk"))
    )
