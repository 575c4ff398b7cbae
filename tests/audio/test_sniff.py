"""Recognising a file by its first bytes, before ffmpeg ever sees it."""

import pytest

from stories import audio_reasons as reasons
from stories.audio import AudioRejected, sniff

ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10  # a 10-byte tag


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"OggS\x00\x02" + b"\x00" * 20, "ogg"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "matroska"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "mov"),
        (b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00", "mov"),
        (b"fLaC\x00\x00\x00\x22", "flac"),
        (b"FORM\x00\x00\x00\x00AIFFCOMM", "aiff"),
        (b"#!AMR\n\x3c", "amr"),
        (b"caff\x00\x01\x00\x00", "caf"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 40, "mp3"),
        (b"\xff\xf1\x50\x80" + b"\x00" * 40, "aac"),
        (ID3 + b"\xff\xfb\x90\x64", "mp3"),
        (ID3 + b"\xff\xf1\x50\x80", "aac"),
        (ID3 + b"fLaC\x00\x00", "flac"),
    ],
)
def test_containers_are_recognised_by_content(tmp_path, head, expected):
    path = tmp_path / "upload.txt"  # the name says nothing
    path.write_bytes(head + b"\x00" * 100)
    assert sniff(path) == expected


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", reasons.EMPTY),
        (b"\xef\xbb\xbf#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n", reasons.PLAYLIST),
        (b"  \n#EXT-X-VERSION:3\n", reasons.PLAYLIST),
        (b"ffconcat version 1.0\nfile a.mp3\n", reasons.PLAYLIST),
        (b"http://127.0.0.1:8080/a.mp3\nhttp://127.0.0.1:8080/b.mp3\n", reasons.PLAYLIST),
        (b"/etc/passwd\n/etc/shadow\n", reasons.PLAYLIST),
        (b'<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">', reasons.PLAYLIST),
        (b"[playlist]\nFile1=http://example.org/a.mp3\n", reasons.PLAYLIST),
        (b"<!DOCTYPE html><html><body>hi</body></html>", reasons.NOT_AUDIO),
        (b"Bonjour, voici mon histoire.\n", reasons.NOT_AUDIO),
        ("قصتي عن متجرنا في عمّان".encode(), reasons.NOT_AUDIO),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", reasons.NOT_AUDIO),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", reasons.NOT_AUDIO),
        (b"%PDF-1.7\n", reasons.NOT_AUDIO),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", reasons.NOT_AUDIO),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", reasons.NOT_AUDIO),
        (b"RIFF\x24\x00\x00\x00AVI LIST", reasons.UNSUPPORTED_CONTAINER),
        (b"FLV\x01\x05\x00\x00\x00\x09\x00", reasons.UNSUPPORTED_CONTAINER),
        (bytes(range(1, 256)) * 4, reasons.UNSUPPORTED_CONTAINER),
    ],
)
def test_everything_else_is_refused_with_its_reason(tmp_path, content, code):
    path = tmp_path / "upload.mp3"
    path.write_bytes(content)
    with pytest.raises(AudioRejected) as refused:
        sniff(path)
    assert refused.value.code == code
