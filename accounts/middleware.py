import zoneinfo

from django.utils import timezone, translation


class TimezoneMiddleware:
    """Shows times in the visitor's time zone, which the browser reports in a cookie.

    Also keeps a signed-in person's preferred language in step with the one they use, so
    that e-mails about their stories reach them in it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.COOKIES.get("tz", "")
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        user = getattr(request, "user", None)
        language = translation.get_language()
        if user is not None and user.is_authenticated and language and user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        return self.get_response(request)
