"""Keep the public side in step with changes: search vectors and the page cache version.

Changes made with ``QuerySet.update()`` send no signal; code doing that calls
``search.update_search_vectors`` and ``public_cache.bump`` itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver

from forums.models import Call, Forum, Session, Theme
from stories import public_cache, search
from stories.models import ProgrammeSlot, Story

SEARCHED_FIELDS = {"title", "summary", "body", "transcript", "language"}


@receiver(post_init, sender=Story)
def remember_publication(sender, instance, **kwargs):
    # Read from __dict__ so that a deferred field is not fetched just for this.
    instance._was_public = instance.__dict__.get("published_at", True) is not None


@receiver(post_save, sender=Story)
def story_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is None or SEARCHED_FIELDS & set(update_fields):
        search.update_search_vector(instance)
    if instance.published_at is not None or getattr(instance, "_was_public", True):
        public_cache.bump()
    instance._was_public = instance.published_at is not None


@receiver(post_delete, sender=Story)
def story_deleted(sender, instance, **kwargs):
    public_cache.bump()


@receiver(m2m_changed, sender=Story.themes.through)
def story_themes_changed(sender, instance, **kwargs):
    public_cache.bump()


@receiver(post_save, sender=ProgrammeSlot)
@receiver(post_delete, sender=ProgrammeSlot)
@receiver(post_save, sender=Forum)
@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Session)
@receiver(post_save, sender=Call)
@receiver(post_delete, sender=Session)
@receiver(post_delete, sender=Theme)
def programme_changed(sender, **kwargs):
    public_cache.bump()
