"""Sign-up, e-mail confirmation, login, password reset and the organisation profile."""

import re

import pytest
from django.core import mail

from accounts.models import OrganisationProfile, User
from tests.conftest import make_user

PASSWORD = "a-long-pass-phrase-2021"


def _link(message, pattern):
    match = re.search(rf"https?://[^\s]*{pattern}[^\s]*", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


@pytest.mark.django_db
def test_sign_up_confirm_and_log_in(client):
    response = client.post(
        "/fr/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    # The language of the page where they signed up is the language of their e-mails.
    assert user.language == "fr"
    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0], "/accounts/confirm-email/")

    # Not confirmed yet: logging in sends them back to confirm.
    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_sign_up_with_a_taken_address_makes_no_second_account(client):
    make_user("taken@example.org")
    response = client.post(
        "/accounts/signup/", {"email": "TAKEN@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    # The page does not tell whether the address has an account (nobody can probe for
    # members); the owner of the address is told by e-mail instead.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset(client):
    make_user("forgot@example.org")
    response = client.post("/accounts/password/reset/", {"email": "forgot@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset = _link(mail.outbox[0], "/accounts/password/reset/key/")
    response = client.get(reset, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset
    response = client.post(form_url, {"password1": "another-long-phrase-99", "password2": "another-long-phrase-99"})
    assert response.status_code == 302
    client.logout()
    assert client.login(email="forgot@example.org", password="another-long-phrase-99")


@pytest.mark.django_db
def test_wrong_password_is_refused(client):
    make_user("owner@example.org")
    response = client.post("/accounts/login/", {"login": "owner@example.org", "password": "wrong-wrong-wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_organisation_profile_is_filled_once_then_edited(client):
    user = make_user("shop@example.org")
    client.force_login(user)
    data = {
        "name": "Atelier Dakar",
        "country": "SN",
        "city": "Dakar",
        "size_class": "small",
        "sector": "textiles",
        "year_founded": "2009",
        "website": "atelier.example.sn",
        "contact_name": "Awa",
        "contact_role": "Owner",
        "contact_phone": "+221 33 000 00 00",
    }
    response = client.post("/accounts/organisation/?next=/calls/wto21/submit/", data)
    assert response.status_code == 302
    assert response["Location"] == "/calls/wto21/submit/"
    profile = OrganisationProfile.objects.get(user=user)
    assert (profile.name, profile.country.code, profile.size_class) == ("Atelier Dakar", "SN", "small")
    assert profile.website == "https://atelier.example.sn"

    response = client.post("/accounts/organisation/", {**data, "city": "Thiès"})
    assert OrganisationProfile.objects.get(user=user).city == "Thiès"


@pytest.mark.django_db
def test_organisation_profile_refuses_an_unknown_country_and_a_future_year(client):
    user = make_user("shop@example.org")
    client.force_login(user)
    response = client.post(
        "/accounts/organisation/",
        {"name": "X", "country": "XX", "size_class": "micro", "sector": "textiles", "year_founded": "2999"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "country" in form.errors
    assert "year_founded" in form.errors
    assert not OrganisationProfile.objects.filter(user=user).exists()


def test_next_must_stay_on_the_site(client, submitter):
    client.force_login(submitter)
    profile = submitter.organisation
    response = client.post(
        "/accounts/organisation/?next=https://evil.example/",
        {
            "name": profile.name,
            "country": "JO",
            "size_class": "micro",
            "sector": "textiles",
            "contact_name": "Lina",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert "evil.example" not in response["Location"]
