def test_home_lists_open_call(client, call):
    response = client.get("/")
    assert response.status_code == 200
    assert call.title in response.content.decode()


def test_call_page_shows_brief_and_themes(client, call):
    response = client.get(f"/calls/{call.slug}/")
    body = response.content.decode()
    assert "How did trade help?" in body
    assert "Multilateral trade" in body


def test_arabic_is_right_to_left(client, call):
    response = client.get(f"/ar/calls/{call.slug}/")
    assert 'dir="rtl"' in response.content.decode()
    assert 'lang="ar"' in response.content.decode()
