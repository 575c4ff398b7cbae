"""The story page: facts, player, transcript, safe text, photo renditions, sharing, metadata."""

import json
import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from PIL import Image

from forums.models import Session
from stories import media
from stories.models import ProgrammeSlot, Story


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def parse(response):
    head = Head()
    head.feed(response.content.decode())
    return head


def test_audio_story_page_shows_facts_player_and_transcript(client, make_story, call):
    theme = call.forum.themes.first()
    story = make_story("A voice from Dakar", audio=True, themes=[theme], org_country="SN", org_city="Dakar")
    session = Session.objects.create(
        forum=call.forum, title="SME stories day one", starts_at=call.opens_at, ends_at=call.closes_at
    )
    ProgrammeSlot.objects.create(session=session, story=story)
    body = client.get(f"/stories/{story.reference}/").content.decode()
    for fact in [
        "Jasmine Textiles",
        "Senegal",
        "Dakar",
        "Western Africa",
        "Micro (1–9 employees)",
        "Textiles, clothing and crafts",
        theme.title,
        "SME stories day one",
        "0:03",
    ]:
        assert fact in body, fact
    assert (
        f'<audio controls preload="metadata" src="http://testserver/media/stories/{story.reference}/audio.m4a"' in body
    )
    assert 'role="slider"' in body and body.count('<span style="block-size:') == 96
    assert 'data-speed="1.25"' in body and 'data-speed="1.5"' in body
    assert "<p>We kept working.</p>\n\n<p>Trade helped us.</p>" in body
    assert f'href="/stories/{story.reference}/transcript.txt" download' in body


def test_transcript_downloads_as_text(client, make_story):
    story = make_story("A voice", audio=True, transcript="Line one.\nLine two.")
    response = client.get(f"/stories/{story.reference}/transcript.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{story.reference}-transcript.txt"'
    assert response.content.decode() == "Line one.\nLine two."


def test_text_is_escaped_and_split_into_paragraphs(client, make_story):
    story = make_story("Text", body='First <script>alert("x")</script>.\n\nSecond <a href="javascript:x">link</a>.')
    body = client.get(f"/stories/{story.reference}/").content.decode()
    assert "<p>First &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;.</p>" in body
    assert '<a href="javascript:x">' not in body
    assert "<p>Second &lt;a href=&quot;javascript:x&quot;&gt;link&lt;/a&gt;.</p>" in body


def test_photo_renditions_and_srcset(client, make_story):
    story = make_story("With a photo", photo=True)
    body = client.get(f"/stories/{story.reference}/").content.decode()
    base = f"http://testserver/media/stories/{story.reference}"
    assert f'srcset="{base}/photo-480.jpg 480w, {base}/photo-960.jpg 960w, {base}/photo-1440.jpg 1440w"' in body
    assert 'alt="Weavers at work in the workshop"' in body and 'width="2000" height="1200"' in body
    for width in (480, 960, 1440):
        response = client.get(f"/media/stories/{story.reference}/photo-{width}.jpg")
        assert response["Content-Type"] == "image/jpeg"
        image = Image.open(BytesIO(b"".join(response.streaming_content)))
        assert image.format == "JPEG" and image.size == (width, round(1200 * width / 2000))
    assert client.get(f"/media/stories/{story.reference}/photo-300.jpg").status_code == 404


def test_photo_size_is_read_from_the_file_once(make_story):
    story = make_story("With a photo", photo=True)
    assert media.photo_size(story) == (2000, 1200)
    story.photo.storage.delete(story.photo.name)  # the page no longer needs the file for its size

    assert media.photo_size(Story.objects.get(pk=story.pk)) == (2000, 1200)


def test_audio_supports_byte_ranges(client, make_story, m4a_bytes):
    story = make_story("A voice", audio=True)
    url = f"/media/stories/{story.reference}/audio.m4a"
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Content-Type"] == "audio/mp4"
    assert whole["Accept-Ranges"] == "bytes" and b"".join(whole.streaming_content) == m4a_bytes
    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(m4a_bytes)}"
    assert b"".join(part.streaming_content) == m4a_bytes[100:200]
    tail = client.get(url, HTTP_RANGE="bytes=-50")
    assert b"".join(tail.streaming_content) == m4a_bytes[-50:]
    open_ended = client.get(url, HTTP_RANGE=f"bytes={len(m4a_bytes) - 10}-")
    assert b"".join(open_ended.streaming_content) == m4a_bytes[-10:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(m4a_bytes)}-").status_code == 416
    assert client.get(f"/media/stories/{story.reference}/audio.mp3").status_code == 404


def test_open_graph_twitter_and_json_ld_of_an_audio_story(client, make_story):
    story = make_story("A voice from Dakar", audio=True, summary="Tailors in Dakar.")
    head = parse(client.get(f"/stories/{story.reference}/"))
    url = f"http://testserver/stories/{story.reference}/"
    assert head.meta["og:title"] == "A voice from Dakar"
    assert head.meta["og:description"] == "Tailors in Dakar."
    assert head.meta["og:url"] == url
    assert head.meta["og:image"] == f"http://testserver/media/stories/{story.reference}/waveform.png"
    assert head.meta["og:audio"] == f"http://testserver/media/stories/{story.reference}/audio.m4a"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:image"] == head.meta["og:image"]
    [data] = head.json_ld
    assert data["@context"] == "https://schema.org" and data["@type"] == "AudioObject"
    assert data["name"] == "A voice from Dakar" and data["url"] == url
    assert data["contentUrl"] == head.meta["og:audio"] and data["encodingFormat"] == "audio/mp4"
    assert data["duration"] == "PT0M3S" and data["contentSize"] == str(story.audio_size)
    assert data["transcript"].startswith("We kept working.")
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["author"] == {
        "@type": "Organization",
        "name": "Jasmine Textiles",
        "address": {"@type": "PostalAddress", "addressCountry": "JO", "addressLocality": "Amman"},
    }
    assert "private-contact@example.org" not in json.dumps(data)


def test_open_graph_uses_the_photo_and_json_ld_is_a_creative_work(client, make_story):
    story = make_story("</script><script>alert(1)</script>", photo=True)
    response = client.get(f"/stories/{story.reference}/")
    assert "</script><script>alert(1)" not in response.content.decode()
    head = parse(response)
    assert head.meta["og:image"] == f"http://testserver/media/stories/{story.reference}/photo-960.jpg"
    assert head.meta["og:image:alt"] == "Weavers at work in the workshop"
    assert head.meta["twitter:card"] == "summary_large_image"
    [data] = head.json_ld
    assert data["@type"] == "CreativeWork" and data["name"] == "</script><script>alert(1)</script>"
    assert data["image"] == head.meta["og:image"]
    assert data["text"].startswith("First paragraph.")


def test_share_links_need_no_third_party_script(client, make_story):
    story = make_story("Baskets & more")
    body = client.get(f"/stories/{story.reference}/").content.decode()
    url = f"http%3A%2F%2Ftestserver%2Fstories%2F{story.reference}%2F"
    assert f"https://wa.me/?text=Baskets+%26+more+{url}" in body
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={url}" in body
    assert f"https://twitter.com/intent/tweet?text=Baskets+%26+more&amp;url={url}" in body
    assert f"mailto:?subject=Baskets%20%26%20more&amp;body={url}" in body
    assert f'data-copy="http://testserver/stories/{story.reference}/"' in body
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', body)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_hreflang_alternates_and_rtl(client, make_story):
    story = make_story("Baskets")
    head = parse(client.get(f"/ar/stories/{story.reference}/"))
    alternates = {
        link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate" and "hreflang" in link
    }
    assert alternates == {
        "en": f"http://testserver/stories/{story.reference}/",
        "fr": f"http://testserver/fr/stories/{story.reference}/",
        "es": f"http://testserver/es/stories/{story.reference}/",
        "ar": f"http://testserver/ar/stories/{story.reference}/",
        "x-default": f"http://testserver/stories/{story.reference}/",
    }
    for url in ["/ar/stories/", f"/ar/stories/{story.reference}/", "/ar/", f"/ar/stories/{story.reference}/embed/"]:
        assert '<html lang="ar" dir="rtl"' in client.get(url).content.decode(), url
    assert '<html lang="en" dir="ltr"' in client.get("/stories/").content.decode()


def test_embed_page_may_be_framed_but_the_story_page_may_not(client, make_story):
    story = make_story("A voice", audio=True)
    embed = client.get(f"/stories/{story.reference}/embed/")
    assert embed.status_code == 200 and "X-Frame-Options" not in embed
    body = embed.content.decode()
    assert "<audio controls" in body and 'class="site-header"' not in body
    assert f'href="http://testserver/stories/{story.reference}/" target="_blank"' in body
    assert client.get(f"/stories/{story.reference}/")["X-Frame-Options"] == "DENY"
    # A cached copy keeps the exemption.
    assert "X-Frame-Options" not in client.get(f"/stories/{story.reference}/embed/")


def test_print_style_hides_the_chrome(client, make_story):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/showcase.css")).read_text()
    assert "@media print" in css and ".site-header" in css.split("@media print")[1]


def test_page_weight_without_audio_is_under_150_kb(client, make_story):
    from django.contrib.staticfiles import finders

    story = make_story("A voice", audio=True, photo=True)
    page = client.get(f"/stories/{story.reference}/").content.decode()
    total = len(page.encode())
    for asset in re.findall(r'(?:href|src)="/static/([^"]+)"', page):
        total += Path(finders.find(asset)).stat().st_size
    total += len(b"".join(client.get(f"/media/stories/{story.reference}/photo-960.jpg").streaming_content))
    assert total < 150 * 1024, total
