from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationProfile


class OrganisationProfileForm(forms.ModelForm):
    # People type "example.com"; most sites answer on https.
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", help_text=_("For example https://example.com")
    )

    class Meta:
        model = OrganisationProfile
        fields = [
            "name",
            "country",
            "city",
            "size_class",
            "sector",
            "year_founded",
            "website",
            "contact_name",
            "contact_role",
            "contact_phone",
        ]
        widgets = {"size_class": forms.RadioSelect}
        help_texts = {
            "contact_name": _("Private: only you and the forum's curators see the contact details."),
        }
