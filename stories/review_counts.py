"""Keep ``Story.review_count`` equal to the number of the story's reviews.

Every review created or deleted through the ORM (the review form, the admin, a reviewer's
account deleted with its reviews) passes through these receivers; the change is an
``F()`` update, so concurrent reviews of one story serialise on its row and none is lost.
Bulk inserts send no signal: code doing them calls ``recount`` afterwards.
"""

from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stories.models import Review, Story


@receiver(post_save, sender=Review)
def review_saved(sender, instance, created, raw=False, **kwargs):
    # A fixture being loaded (raw) carries its stories' counts already.
    if created and not raw:
        Story.objects.filter(pk=instance.story_id).update(review_count=F("review_count") + 1)


@receiver(post_delete, sender=Review)
def review_deleted(sender, instance, **kwargs):
    # Never below zero: reviews bulk-inserted without a recount must not make deleting them fail.
    Story.objects.filter(pk=instance.story_id).update(review_count=Greatest(F("review_count") - 1, Value(0)))


def recount(stories=None):
    """Count the reviews of ``stories`` (a queryset; all stories by default) afresh, in one UPDATE."""
    stories = Story.objects.all() if stories is None else stories
    counted = Review.objects.filter(story=OuterRef("pk")).order_by().values("story").annotate(n=Count("pk")).values("n")
    return stories.order_by().update(review_count=Coalesce(Subquery(counted), Value(0)))
