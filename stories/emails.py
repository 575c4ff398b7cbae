"""E-mails to submitters, written in the language they chose."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_story_email(story, kind):
    """Send ``templates/emails/<kind>_{subject,body}.txt`` (and ``_body.html``) about a story."""
    user = story.submitter
    context = {"story": story, "user": user, "call": story.call, "site_url": settings.SITE_URL}
    with translation.override(user.language):
        subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
        text = render_to_string(f"emails/{kind}_body.txt", context)
        html = render_to_string(f"emails/{kind}_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
