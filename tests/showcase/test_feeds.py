"""Feeds, sitemap and robots.txt: valid XML, exact enclosures, cache headers."""

import xml.etree.ElementTree as ET

from stories.models import STATUS_SUBMITTED

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_atom_feed_lists_published_stories(client, make_story):
    text = make_story("Baskets from Nairobi")
    voice = make_story("A voice from Dakar", audio=True)
    make_story("Not yet", published=False, status=STATUS_SUBMITTED)
    response = client.get("/feeds/stories.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert {entry.find(f"{ATOM}title").text for entry in entries} == {"Baskets from Nairobi", "A voice from Dakar"}
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert links == {f"http://testserver/stories/{s.reference}/" for s in (text, voice)}
    assert all(entry.find(f"{ATOM}updated").text for entry in entries)


def test_podcast_feed_has_exact_enclosures_and_itunes_tags(client, make_story):
    voice = make_story("A voice from Dakar", audio=True)
    make_story("Baskets from Nairobi")
    response = client.get("/feeds/podcast.xml")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert "max-age=900" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.find(f"{ITUNES}explicit").text == "false"
    assert channel.find(f"{ITUNES}category").get("text") == "Business"
    [item] = channel.findall("item")
    assert item.find("title").text == "A voice from Dakar"
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver/media/stories/{voice.reference}/audio.m4a"
    assert enclosure.get("type") == "audio/mp4"
    assert int(enclosure.get("length")) == voice.audio.size == voice.audio.storage.size(voice.audio.name)
    assert item.find(f"{ITUNES}duration").text == "3"
    assert item.find("guid").text == f"urn:uuid:{voice.uuid}"
    fetched = client.get(enclosure.get("url").removeprefix("http://testserver"))
    assert int(enclosure.get("length")) == len(b"".join(fetched.streaming_content))


def test_sitemap_lists_published_stories_in_every_language(client, make_story, call):
    story = make_story("Baskets from Nairobi")
    hidden = make_story("Not yet", published=False)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}
    for prefix in ("", "/fr", "/es", "/ar"):
        assert f"http://testserver{prefix}/stories/{story.reference}/" in locations
        assert f"http://testserver{prefix}/stories/" in locations
        assert f"http://testserver{prefix}/forums/{call.forum.slug}/" in locations
    assert not any(hidden.reference in location for location in locations)
    alternates = root.find(f"{SITEMAP}url").findall(f"{XHTML}link")
    assert {link.get("hreflang") for link in alternates} == {"en", "fr", "es", "ar", "x-default"}


def test_robots_points_to_the_sitemap_and_keeps_private_pages_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /my/" in body and "Disallow: /admin/" in body
