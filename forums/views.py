from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forums.models import Call


def home(request):
    now = timezone.now()
    open_calls = Call.objects.open(now).select_related("forum").order_by("closes_at")
    return render(request, "forums/home.html", {"open_calls": open_calls, "now": now})


def call_detail(request, slug):
    call = get_object_or_404(Call.objects.select_related("forum").prefetch_related("forum__themes"), slug=slug)
    return render(
        request,
        "forums/call.html",
        {"call": call, "themes": call.forum.themes.all(), "is_open": call.is_open(), "now": timezone.now()},
    )
