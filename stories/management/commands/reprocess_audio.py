"""Process recordings again, e.g. after an ffmpeg upgrade or a change of delivery format."""

import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from stories.models import AUDIO_FAILED, Story
from stories.pipeline import process_story_audio


class Command(BaseCommand):
    help = "Process stories' recordings again: the failed ones, all of them, or those with the given references."

    def add_arguments(self, parser):
        parser.add_argument("references", nargs="*", metavar="REFERENCE")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--failed", action="store_true", help="Every recording that failed.")
        which.add_argument("--all", action="store_true", help="Every recording.")
        parser.add_argument("--queue", action="store_true", help="Send them to the workers instead of this process.")

    def handle(self, *args, **options):
        stories = Story.objects.exclude(audio_original="")
        if options["failed"]:
            stories = stories.filter(audio_state=AUDIO_FAILED)
        elif options["references"]:
            stories = stories.filter(reference__in=options["references"])
            missing = set(options["references"]) - set(stories.values_list("reference", flat=True))
            if missing:
                raise CommandError(f"No recording for: {', '.join(sorted(missing))}")
        elif not options["all"]:
            raise CommandError("Say which recordings: --failed, --all, or references.")
        ids = list(stories.order_by("pk").values_list("pk", flat=True))
        outcomes = Counter()
        for story_id in tqdm(ids, unit="file", file=sys.stderr, disable=options["verbosity"] == 0 or not ids):
            if options["queue"]:
                from stories.tasks import process_audio

                process_audio.delay(story_id, force=True)
                outcomes["queued"] += 1
            else:
                outcomes[process_story_audio(story_id, force=True).audio_state] += 1
        summary = ", ".join(f"{count} {state}" for state, count in sorted(outcomes.items())) or "nothing to do"
        self.stdout.write(summary)
