"""Import stories received outside the site (e-mail, WhatsApp, a USB stick) as submitted."""

import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forums.models import FORMAT_AUDIO, FORMAT_TEXT, Call
from stories import services
from stories.models import Story
from stories.pipeline import process_story_audio

TEXT_SUFFIXES = {".txt", ".md"}


class Command(BaseCommand):
    help = "Import audio or text files as submitted stories of a call; --sync checks the audio right away."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--call", required=True, help="The call's slug.")
        parser.add_argument("--org", default="", help="The organisation's name, if known.")
        parser.add_argument("--email", default="imports@localhost", help="The account the stories belong to.")
        parser.add_argument("--language", default="", help="The stories' language code, if known.")
        parser.add_argument("--sync", action="store_true", help="Check each recording in this process.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per line.")

    def handle(self, *args, **options):
        call = Call.objects.filter(slug=options["call"]).first()
        if call is None:
            raise CommandError(f"No call with the slug {options['call']!r}.")
        owner, _created = User.objects.get_or_create(email=options["email"], defaults={"full_name": "Imported"})
        failures = 0
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            story = self.import_one(call, owner, path, options)
            if options["sync"] and story.is_audio:
                story = process_story_audio(story.pk)
            failures += story.audio_state == "failed"
            self.report(path, story, options)
        if failures and not options["json"]:
            self.stderr.write(f"{failures} file(s) failed their checks.")

    def import_one(self, call, owner, path, options):
        is_text = path.suffix.lower() in TEXT_SUFFIXES
        with transaction.atomic():
            story = Story.objects.create(
                call=call,
                submitter=owner,
                title=path.stem.replace("_", " ")[:200],
                summary="",
                language=options["language"],
                format=FORMAT_TEXT if is_text else FORMAT_AUDIO,
                body=path.read_text(encoding="utf-8", errors="replace") if is_text else "",
                org_name=options["org"],
                org_contact_email=owner.email,
                consented_at=None,
            )
            if not is_text:
                with open(path, "rb") as source:
                    services.attach_audio(story, File(source, name=path.name), enqueue=not options["sync"])
            services.import_as_submitted(story, owner, note=f"Imported from {path.name}", now=timezone.now())
        return Story.objects.get(pk=story.pk)

    def report(self, path, story, options):
        row = {
            "file": path.name,
            "reference": story.reference,
            "state": story.audio_state or "ready",
            "reason": story.audio_error_code or None,
            "duration": round(story.duration, 2) if story.duration is not None else None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(row, ensure_ascii=False))
        else:
            reason = f" ({row['reason']})" if row["reason"] else ""
            duration = f"{row['duration']:.1f} s" if row["duration"] is not None else "-"
            self.stdout.write(f"{row['file']}\t{row['reference']}\t{row['state']}{reason}\t{duration}")
