"""Load the reference forums (WTO Public Forum 2021, Paris Peace Forum 2021), a call that is
open today, sample stories in four languages, and optionally many synthetic stories."""

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import SECTORS, SIZE_CLASSES, OrganisationProfile, User
from forums.models import MODE_HYBRID, MODE_IN_PERSON, Call, Forum, ReviewCriterion, Session, Theme
from stories import public_cache, review_counts, search, services
from stories.models import (
    AUDIO_READY,
    STATUS_DECLINED,
    STATUS_DRAFT,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    STATUS_SUBMITTED,
    STATUS_WITHDRAWN,
    ProgrammeSlot,
    Review,
    StatusChange,
    Story,
)

DEMO_AUDIO = Path(__file__).resolve().parents[2] / "demo" / "audio"
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "demo-admin-2021"
SUBMITTER_EMAIL = "sme@example.org"
SUBMITTER_PASSWORD = "demo-sme-2021"

WTO_BRIEF = """How did COVID-19 affect your business?
What measures did you take to stay in business?
How did trade help you overcome the challenges?"""

WTO_THEMES = [
    ("building-resilience", "Building resilience after COVID-19"),
    ("multilateral-trading-system", "Strengthening the multilateral trading system"),
    ("collective-action", "Collective action for sustainable trade"),
]

PARIS_THEMES = [
    "Gender equality",
    "Global health governance",
    "Protecting the commons",
    "Fighting disinformation and threats to the press",
    "Responding to the COVID-19 crisis",
    "Protecting civic space during the crisis",
    "Reforming capitalism through impact economy",
    "South–South cooperation",
    "Digital governance",
]

SAMPLES = [
    {
        "language": "ar",
        "title": "من ورشة صغيرة إلى متجر على الإنترنت",
        "summary": "كيف حوّلت ورشة خياطة في عمّان أزمة الإغلاق إلى فرصة للتصدير عبر الإنترنت.",
        "body": (
            "عندما أُغلقت الأسواق في آذار 2020 توقفت طلبات ورشتنا للخياطة في عمّان بين ليلة وضحاها، "
            "وكان علينا أن ندفع رواتب تسع عاملات.\n\n"
            "بدأنا بخياطة الكمامات القماشية للمستشفيات والصيدليات المجاورة، ثم فتحنا متجراً صغيراً على الإنترنت. "
            "تعلّمنا التصوير والتسويق عبر الهاتف، وأصبحت الطلبات تأتي من الخليج ومن أوروبا.\n\n"
            "ساعدتنا التجارة لأن تخفيض رسوم الشحن البريدي للشركات الصغيرة جعل التصدير ممكناً. "
            "اليوم نصدّر ثلث إنتاجنا، ولم نفقد أي عاملة."
        ),
        "org": ("مشغل نسيج الياسمين", "JO", "Amman", "micro", "textiles"),
        "theme": 0,
    },
    {
        "language": "fr",
        "title": "Le cacao ivoirien passe au numérique",
        "summary": "Une coopérative de transformation du cacao à Abidjan a trouvé de nouveaux acheteurs en ligne.",
        "body": (
            "En avril 2020, nos acheteurs européens ont annulé leurs commandes et les routes vers le port "
            "étaient fermées. Nous avions trois tonnes de fèves en stock.\n\n"
            "Nous avons transformé les fèves en tablettes et en poudre, vendues localement, puis nous avons "
            "rejoint une plateforme de commerce électronique régionale.\n\n"
            "La facilitation des échanges et la certification électronique nous ont permis d'exporter à nouveau "
            "en 2021, vers le Ghana et la France."
        ),
        "org": ("Coopérative Cacao d'Or", "CI", "Abidjan", "small", "food"),
        "theme": 0,
    },
    {
        "language": "es",
        "title": "Café de altura en tiempos de pandemia",
        "summary": "Una pequeña tostaduría de Colombia vendió directamente a clientes de otros países.",
        "body": (
            "La pandemia cerró los cafés que compraban nuestro producto en Bogotá. Perdimos el 70 % de las "
            "ventas en dos meses.\n\n"
            "Creamos suscripciones mensuales y aprendimos a exportar paquetes pequeños por correo.\n\n"
            "Gracias a los acuerdos comerciales y a la simplificación aduanera, hoy vendemos en Chile, "
            "España y Canadá."
        ),
        "org": ("Tostaduría La Montaña", "CO", "Manizales", "micro", "food"),
        "theme": 2,
    },
    {
        "language": "en",
        "title": "Keeping the looms running in Kenya",
        "summary": "A small basket-weaving business near Nairobi kept 40 weavers at work through export orders.",
        "body": (
            "When COVID-19 arrived, tourists disappeared and so did our market stalls.\n\n"
            "We photographed our baskets, joined an online marketplace and shared orders between our 40 "
            "weavers so that everyone kept an income.\n\n"
            "Trade helped because duty-free access to the markets we sell to made our baskets affordable "
            "for buyers abroad."
        ),
        "org": ("Ufundi Baskets", "KE", "Nairobi", "small", "textiles"),
        "theme": 1,
    },
]

SAMPLE_AUDIO = [
    ("browser_recording_ar.webm", "ar", "صوت من سوق دمشق", "رسالة صوتية عن متجر للتوابل خلال الجائحة.", "SY"),
    ("story_fr.mp3", "fr", "Notre atelier à Dakar", "Un témoignage oral d'un atelier de couture au Sénégal.", "SN"),
    ("story_es.wav", "es", "Flores de Ecuador", "Una floricultora cuenta cómo llegó a nuevos mercados.", "EC"),
    ("safari_recording_en.mp4", "en", "A bakery in Manila", "A voice memo from a family bakery.", "PH"),
    ("whatsapp_voice_note_en.ogg", "en", "Spices from Zanzibar", "A WhatsApp voice note from a spice farm.", "TZ"),
]


# Synthetic submitters' e-mail domain: how a later run finds the stories an earlier one made.
SYNTHETIC_DOMAIN = "@synthetic.example.org"


def aware(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class Command(BaseCommand):
    help = "Load the demo forums, calls and stories (idempotent); --stories N makes it N synthetic stories."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=0, help="Have this many synthetic stories (tops up).")
        parser.add_argument("--no-audio", action="store_true", help="Skip the sample audio stories.")

    def handle(self, *args, **options):
        with transaction.atomic():
            admin = self.admin()
            wto_call = self.wto(admin)
            self.paris()
            submitter = self.submitter()
            samples = self.samples(wto_call, with_audio=not options["no_audio"])
            own = self.submitter_stories(wto_call, submitter, with_audio=not options["no_audio"])
        for story in samples + own:
            if story.audio_original and story.audio_state != AUDIO_READY:
                from stories.pipeline import process_story_audio

                process_story_audio(story.pk)
        self.publish_samples(admin, wto_call, samples)
        if options["stories"]:
            self.synthetic(wto_call, options["stories"])
        with transaction.atomic():
            self.curation(wto_call, admin)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"  Admin:     {ADMIN_EMAIL} / {ADMIN_PASSWORD}")
        self.stdout.write(f"  Submitter: {SUBMITTER_EMAIL} / {SUBMITTER_PASSWORD}")
        self.stdout.write(f"  Curator:   {CURATOR_EMAIL} / {CURATOR_PASSWORD}")
        for email, _languages in REVIEWERS:
            self.stdout.write(f"  Reviewer:  {email} / {REVIEWER_PASSWORD}")

    def admin(self):
        admin, created = User.objects.get_or_create(
            email=ADMIN_EMAIL, defaults={"is_staff": True, "is_superuser": True, "full_name": "Forum admin"}
        )
        if created:
            admin.set_password(ADMIN_PASSWORD)
            admin.save()
        self.verify(admin)
        return admin

    def verify(self, user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})

    def wto(self, admin):
        forum, _ = Forum.objects.update_or_create(
            slug="wto-public-forum-2021",
            defaults={
                "name": "WTO Public Forum 2021",
                "organiser": "World Trade Organization",
                "tagline": "Trade Beyond COVID-19: Building Resilience",
                "venue": "Geneva",
                "mode": MODE_IN_PERSON,
                "starts_on": date(2021, 9, 28),
                "ends_on": date(2021, 9, 30),
                "website": "https://www.wto.org/",
                "description": (
                    "The WTO's largest outreach event, with more than 1,500 participants: policy makers, "
                    "business, consumers, students, academics and civil society. It looks at the effects of "
                    "the pandemic on trade and how the multilateral trading system can help build resilience "
                    "to COVID-19 and future crises."
                ),
            },
        )
        forum.curators.add(admin)
        themes = []
        for position, (slug, title) in enumerate(WTO_THEMES):
            theme, _ = Theme.objects.update_or_create(
                forum=forum, slug=slug, defaults={"title": title, "position": position}
            )
            themes.append(theme)
        for day, (theme, hour) in enumerate([(themes[0], 10), (themes[1], 14), (themes[2], 10)]):
            Session.objects.update_or_create(
                forum=forum,
                title=f"SME stories: {theme.title}",
                defaults={
                    "theme": theme,
                    "starts_at": aware(2021, 9, 28 + day, hour - 2),
                    "ends_at": aware(2021, 9, 28 + day, hour - 1, 30),
                    "room": f"Room {'ABC'[day]}, WTO Centre William Rappard",
                    "description": "Selected stories told by small businesses, followed by a discussion.",
                },
            )
        today = timezone.now().replace(minute=0, second=0, microsecond=0)
        call, created = Call.objects.get_or_create(
            slug="wto-2021-sme-stories",
            defaults={
                "forum": forum,
                "reference_prefix": "WTO21",
                "title": "Share your story: how trade helped your business through COVID-19",
                "intro": (
                    "The World Trade Organization invites micro, small and medium-sized enterprises to share how "
                    "they lived through the COVID-19 pandemic and how trade helped them fight the crisis. "
                    "Selected stories will be shown at the Public Forum."
                ),
                "brief": WTO_BRIEF,
                "guidance": "Send your story as an audio file or as a short text, in the language you prefer.",
                "opens_at": today - timedelta(days=14),
                "closes_at": today + timedelta(days=30),
                "max_words": 500,
                "max_audio_seconds": 300,
                "max_upload_mb": 20,
                "terms_version": "2021-06",
                "terms": "Stories are published under the licence the submitter chooses.",
            },
        )
        if not created and not call.is_open():
            # Reloading the demo later keeps the call open for newcomers.
            call.closes_at = today + timedelta(days=30)
            call.save(update_fields=["closes_at"])
        for position, name in enumerate(["Relevance", "Clarity", "The trade angle", "Originality"]):
            ReviewCriterion.objects.get_or_create(call=call, name=name, defaults={"position": position})
        return call

    def paris(self):
        forum, _ = Forum.objects.update_or_create(
            slug="paris-peace-forum-2021",
            defaults={
                "name": "Paris Peace Forum 2021",
                "organiser": "Paris Peace Forum",
                "tagline": "Mind the gap: global solutions for a fairer recovery",
                "venue": "Paris and online",
                "mode": MODE_HYBRID,
                "starts_on": date(2021, 11, 11),
                "ends_on": date(2021, 11, 13),
                "description": (
                    "The fourth edition, held in Paris or remotely through an interactive platform. Its committee "
                    "selected 80 projects out of hundreds of proposals."
                ),
            },
        )
        for position, title in enumerate(PARIS_THEMES):
            Theme.objects.update_or_create(
                forum=forum, slug=f"theme-{position + 1}", defaults={"title": title, "position": position}
            )
        Call.objects.get_or_create(
            slug="paris-2021-projects",
            defaults={
                "forum": forum,
                "reference_prefix": "PPF21",
                "title": "Call for projects 2021",
                "intro": "Projects that bring concrete solutions to global problems.",
                "brief": "What problem does your project solve?\nWho does it serve, and where?\nWhat has it achieved?",
                "opens_at": aware(2021, 3, 1),
                "closes_at": aware(2021, 6, 30),
                "accepts_audio": False,
                "max_words": 800,
            },
        )

    def submitter(self):
        user, created = User.objects.get_or_create(
            email=SUBMITTER_EMAIL, defaults={"full_name": "Demo SME owner", "language": "en"}
        )
        if created:
            user.set_password(SUBMITTER_PASSWORD)
            user.save()
        self.verify(user)
        OrganisationProfile.objects.get_or_create(
            user=user,
            defaults={
                "name": "Demo Trading Co.",
                "country": "KE",
                "city": "Mombasa",
                "size_class": "micro",
                "sector": "retail",
                "year_founded": 2012,
                "contact_name": "Demo SME owner",
                "contact_role": "Founder",
                "contact_phone": "+254 700 000 000",
            },
        )
        return user

    def samples(self, call, with_audio):
        themes = list(call.forum.themes.all())
        stories = []
        for index, sample in enumerate(SAMPLES):
            user = self.sample_user(f"text{index}", sample["language"], sample["org"])
            story = self.sample_story(call, user, sample["title"], sample["language"], "text", themes[sample["theme"]])
            if story.status == STATUS_DRAFT:
                story.summary = sample["summary"]
                story.body = sample["body"]
                story.save()
                services.submit_story(story, user)
            stories.append(story)
        if with_audio:
            for index, (filename, language, title, summary, country) in enumerate(SAMPLE_AUDIO):
                user = self.sample_user(f"audio{index}", language, (title, country, "", "micro", "food"))
                story = self.sample_story(call, user, title, language, "audio", themes[index % len(themes)])
                if story.status == STATUS_DRAFT:
                    story.summary = summary
                    story.save()
                    with open(DEMO_AUDIO / filename, "rb") as source:
                        services.attach_audio(story, File(source, name=filename))
                    services.submit_story(story, user)
                stories.append(story)
        return [Story.objects.get(pk=story.pk) for story in stories]

    def submitter_stories(self, call, user, with_audio):
        """The demo submitter's own stories, so that "My stories" shows each state at once."""
        theme = call.forum.themes.first()
        submitted = self.sample_story(call, user, "How our shop moved online", "en", "text", theme)
        if submitted.status == STATUS_DRAFT:
            submitted.summary = "A small shop in Mombasa kept its customers by selling through WhatsApp."
            submitted.body = (
                "When the lockdown closed the market, we photographed our goods and sold them by WhatsApp. "
                "A courier we met at the port delivered for us, and a buyer in Dar es Salaam found us the same way."
            )
            submitted.save()
            services.submit_story(submitted, user)
        draft = self.sample_story(call, user, "Our first export order", "en", "text", theme)
        if not draft.summary:
            draft.summary = "Unfinished: the story of our first order from abroad."
            draft.body = "It started with an e-mail from Kampala."
            draft.save()
        stories = [submitted, draft]
        if with_audio:
            audio = self.sample_story(call, user, "A voice note from the port", "en", "audio", theme)
            if audio.status == STATUS_DRAFT:
                audio.summary = "Two minutes on how the port kept us in business."
                audio.save()
                with open(DEMO_AUDIO / "whatsapp_voice_note_en.ogg", "rb") as source:
                    services.attach_audio(audio, File(source, name="voice-note.ogg"))
                services.submit_story(audio, user)
            stories.append(audio)
        return [Story.objects.get(pk=story.pk) for story in stories]

    def sample_user(self, key, language, org):
        user, created = User.objects.get_or_create(
            email=f"{key}@stories.example.org", defaults={"language": language, "full_name": org[0]}
        )
        if created:
            user.set_unusable_password()
            user.save()
        name, country, city, size, sector = org
        OrganisationProfile.objects.get_or_create(
            user=user,
            defaults={
                "name": name,
                "country": country,
                "city": city,
                "size_class": size,
                "sector": sector,
                "contact_name": name,
            },
        )
        return user

    def sample_story(self, call, user, title, language, story_format, theme):
        story, created = Story.objects.get_or_create(
            call=call,
            submitter=user,
            title=title,
            defaults={
                "language": language,
                "format": story_format,
                "consent_publication": True,
                "licence": "cc-by-4.0",
                "terms_version": call.terms_version,
                "consented_at": timezone.now(),
            },
        )
        if created:
            story.themes.add(theme)
        return story

    def synthetic(self, call, wanted):
        """Many stories spread over every status, with about four reviews each, made in bulk.

        Tops up to ``wanted``: running the command again does not add another batch.
        """
        existing = Story.objects.filter(call=call, submitter__email__endswith=SYNTHETIC_DOMAIN).count()
        count = wanted - existing
        if count <= 0:
            self.stdout.write(f"  {existing} synthetic stories already there.")
            return
        rng = random.Random(2021 + existing)
        themes = list(call.forum.themes.all())
        reviewers = []
        for index in range(12):
            reviewer, created = User.objects.get_or_create(
                email=f"reviewer{index}@forum.example.org",
                defaults={"is_staff": True, "full_name": f"Reviewer {index}", "reads_languages": ["en", "fr"]},
            )
            reviewers.append(reviewer)
        submitters = []
        for index in range(max(1, count // 5)):
            submitters.append(User(email=f"sme{index}.{rng.randrange(10**9)}{SYNTHETIC_DOMAIN}"))
        submitters = User.objects.bulk_create(submitters, batch_size=1000)
        statuses = [
            (STATUS_DRAFT, 10),
            (STATUS_SUBMITTED, 30),
            (STATUS_IN_REVIEW, 20),
            (STATUS_SHORTLISTED, 10),
            (STATUS_SELECTED, 12),
            (STATUS_DECLINED, 12),
            (STATUS_WITHDRAWN, 6),
        ]
        choices = [status for status, weight in statuses for _ in range(weight)]
        countries = [
            "KE",
            "NG",
            "GH",
            "SN",
            "CI",
            "MA",
            "EG",
            "JO",
            "LB",
            "IN",
            "BD",
            "VN",
            "PH",
            "BR",
            "CO",
            "MX",
            "PE",
            "FR",
            "ES",
            "DE",
            "CN",
            "ID",
            "TR",
            "ZA",
            "TZ",
        ]
        languages = ["en", "fr", "es", "ar", "zh", "pt"]
        now = timezone.now()
        with transaction.atomic():
            locked = Call.objects.select_for_update().get(pk=call.pk)
            stories = []
            for index in range(count):
                status = rng.choice(choices)
                submitted = status != STATUS_DRAFT
                number = None
                if submitted:
                    locked.last_reference_number += 1
                    number = locked.last_reference_number
                language = rng.choice(languages)
                words = " ".join(
                    rng.choice(
                        [
                            "trade",
                            "export",
                            "market",
                            "resilience",
                            "online",
                            "customers",
                            "supply",
                            "orders",
                            "workers",
                            "crisis",
                        ]
                    )
                    for _ in range(120)
                )
                stories.append(
                    Story(
                        call=call,
                        submitter=rng.choice(submitters),
                        number=number,
                        reference=f"{call.reference_prefix}-{number:04d}" if number else "",
                        title=f"Synthetic story {index + 1}",
                        summary="How a small business kept going through the pandemic.",
                        language=language,
                        format="text",
                        body=words,
                        consent_publication=True,
                        licence="cc-by-4.0",
                        terms_version=call.terms_version,
                        consented_at=now,
                        org_name=f"Enterprise {index + 1}",
                        org_country=rng.choice(countries),
                        org_size_class=rng.choice(SIZE_CLASSES)[0],
                        org_sector=rng.choice(SECTORS)[0],
                        status=status,
                        submitted_at=now - timedelta(days=rng.randrange(30)) if submitted else None,
                        featured=status == STATUS_SELECTED and rng.random() < 0.3,
                        published_at=now if status == STATUS_SELECTED and rng.random() < 0.7 else None,
                    )
                )
            locked.save(update_fields=["last_reference_number"])
            stories = Story.objects.bulk_create(stories, batch_size=1000)
            through = Story.themes.through
            through.objects.bulk_create(
                [through(story_id=story.pk, theme_id=rng.choice(themes).pk) for story in stories], batch_size=2000
            )
            StatusChange.objects.bulk_create(
                [
                    StatusChange(story=story, from_status=STATUS_DRAFT, to_status=story.status, changed_at=now)
                    for story in stories
                    if story.status != STATUS_DRAFT
                ],
                batch_size=2000,
            )
            criteria = list(call.criteria.values_list("pk", flat=True))
            reviews = []
            for story in stories:
                if story.status == STATUS_DRAFT:
                    continue
                for reviewer in rng.sample(reviewers, 4):
                    scores = {str(pk): rng.randint(1, 5) for pk in criteria}
                    reviews.append(
                        Review(
                            story=story,
                            reviewer=reviewer,
                            scores=scores,
                            score=sum(scores.values()) / max(1, len(scores)),
                            recommendation=rng.choice(["select", "maybe", "decline"]),
                            comment="Clear and concrete.",
                        )
                    )
            Review.objects.bulk_create(reviews, batch_size=2000)
        # Bulk inserts send no signal: count the reviews, index the new stories for search and
        # refresh public pages.
        review_counts.recount(Story.objects.filter(call=call))
        search.update_search_vectors(Story.objects.filter(call=call))
        public_cache.bump()
        self.stdout.write(f"  {count} synthetic stories, {len(reviews)} reviews.")

    def curation(self, call, admin):
        """A curator and two reviewers, decision e-mails, and a first programme."""
        from django.contrib.auth.models import Group

        from stories import curation
        from stories.models import DecisionTemplate

        curator = self.staff(CURATOR_EMAIL, CURATOR_PASSWORD, "Demo curator", curation.CURATORS, ["en", "fr"])
        call.forum.curators.add(curator)
        reviewers = [
            self.staff(email, REVIEWER_PASSWORD, f"Demo reviewer {n}", curation.REVIEWERS, languages)
            for n, (email, languages) in enumerate(REVIEWERS, start=1)
        ]
        Group.objects.get(name=curation.REVIEWERS).user_set.add(
            *User.objects.filter(email__endswith="@forum.example.org")
        )
        for (language, kind), (subject, body) in DECISION_TEMPLATES.items():
            DecisionTemplate.objects.get_or_create(
                call=call, language=language, kind=kind, defaults={"subject": subject, "body": body}
            )
        # The stories still waiting for a decision get reviewers; the published samples
        # are already in the programme.
        waiting = call.stories.filter(status=STATUS_SUBMITTED, assignments__isnull=True).order_by("pk")
        if waiting.exists():
            curation.assign_reviewers(waiting, 2, admin, reviewers=reviewers)

    def staff(self, email, password, name, group, languages):
        from django.contrib.auth.models import Group

        user, created = User.objects.get_or_create(
            email=email, defaults={"is_staff": True, "full_name": name, "reads_languages": languages}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        self.verify(user)
        return user

    def publish_samples(self, admin, call, samples):
        """Select and publish the sample stories (every other one featured), placed in the WTO
        sessions by sub-theme.

        Audio samples are published once their recording is ready; a reload publishes the rest.
        """
        from stories import curation

        sessions = {session.theme_id: session for session in call.forum.sessions.all()}
        now = timezone.now()
        for position, story in enumerate(samples):
            story.refresh_from_db()
            if story.is_audio and story.audio_state != AUDIO_READY:
                continue
            for step in (STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED):
                if story.status in services.CURATOR_TRANSITIONS and step in services.CURATOR_TRANSITIONS[story.status]:
                    story = services.change_status(story, step, admin, note="Demo data")
            if story.status != STATUS_SELECTED or story.published_at:
                continue
            story.featured = position % 2 == 0
            story.save(update_fields=["featured", "updated_at"])
            story = curation.publish(story, admin, now=now)
            theme = story.themes.first()
            session = sessions.get(theme.pk if theme else None)
            if session:
                ProgrammeSlot.objects.get_or_create(
                    session=session, story=story, defaults={"position": session.slots.count() + 1}
                )


CURATOR_EMAIL = "curator@example.org"
CURATOR_PASSWORD = "demo-curator-2021"
REVIEWER_PASSWORD = "demo-reviewer-2021"
REVIEWERS = [("reviewer1@example.org", ["en", "fr", "ar"]), ("reviewer2@example.org", ["en", "es"])]

DECISION_TEMPLATES = {
    ("en", STATUS_SELECTED): (
        "Your story {reference} has been selected",
        "Congratulations! Your story “{title}” ({reference}) has been selected for {forum}.\n\n"
        "It will be presented in the session “{session}”. We will write again with practical details.",
    ),
    ("en", STATUS_DECLINED): (
        "Your story {reference}",
        "Thank you for sharing “{title}” ({reference}) with {forum}. We received many strong stories and "
        "could not select yours this time. We are grateful for your time and wish your business well.",
    ),
    ("fr", STATUS_SELECTED): (
        "Votre récit {reference} a été sélectionné",
        "Félicitations ! Votre récit « {title} » ({reference}) a été sélectionné pour {forum}.\n\n"
        "Il sera présenté lors de la session « {session} ». Nous vous écrirons bientôt pour les détails pratiques.",
    ),
    ("fr", STATUS_DECLINED): (
        "Votre récit {reference}",
        "Merci d'avoir partagé « {title} » ({reference}) avec {forum}. Nous avons reçu de nombreux récits "
        "remarquables et n'avons pas pu retenir le vôtre cette fois-ci.",
    ),
    ("es", STATUS_SELECTED): (
        "Su historia {reference} ha sido seleccionada",
        "¡Enhorabuena! Su historia «{title}» ({reference}) ha sido seleccionada para {forum}.\n\n"
        "Se presentará en la sesión «{session}». Le escribiremos pronto con los detalles prácticos.",
    ),
    ("es", STATUS_DECLINED): (
        "Su historia {reference}",
        "Gracias por compartir «{title}» ({reference}) con {forum}. Recibimos muchas historias excelentes "
        "y esta vez no pudimos seleccionar la suya.",
    ),
    ("ar", STATUS_SELECTED): (
        "تم اختيار قصتكم {reference}",
        "تهانينا! تم اختيار قصتكم «{title}» ({reference}) للعرض في {forum}.\n\n"
        "ستُعرض في جلسة «{session}». سنراسلكم قريباً بالتفاصيل العملية.",
    ),
    ("ar", STATUS_DECLINED): (
        "قصتكم {reference}",
        "شكراً لمشاركتكم قصة «{title}» ({reference}) مع {forum}. تلقينا قصصاً كثيرة مميزة "
        "ولم نتمكن من اختيار قصتكم هذه المرة.",
    ),
}
