from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.forms import OrganisationProfileForm
from accounts.models import OrganisationProfile


@login_required
def organisation(request):
    profile = OrganisationProfile.objects.filter(user=request.user).first()
    form = OrganisationProfileForm(request.POST or None, instance=profile)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, _("Your organisation profile is saved."))
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("accounts:organisation")
    return render(request, "accounts/organisation.html", {"form": form, "next": next_url})
