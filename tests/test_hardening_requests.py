"""Smaller hostile inputs: NUL in admin parameters, animated GIFs, pixel bombs, non-ASCII
digits in identifiers, the 400 and 414 pages, and static files' CSP."""

import io
import runpy
import struct
import zlib
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from articles.forms import FigureForm
from articles.models import doi_validator, pmid_validator
from articles.retractions import pmid_key

BANNER = b'<aside id="disclaimer-banner"'


def figure_form(content, name):
    upload = SimpleUploadedFile(name, content, content_type="image/gif")
    return FigureForm(
        data={"position": 0, "alt_text": "A diagram", "caption": "", "credit": ""},
        files={"image": upload},
    )


def animated_gif(frames, size=(4, 4)):
    images = [Image.new("L", size, index * 10 % 256) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=10)
    return buffer.getvalue()


def test_an_animation_with_too_many_frames_is_refused_naming_frames(db, settings):
    settings.FIGURE_MAX_FRAMES = 20
    form = figure_form(animated_gif(21), "spinner.gif")
    assert not form.is_valid()
    assert "21 frames" in form.errors["image"][0]
    assert "at most 20 frames" in form.errors["image"][0]


def test_an_animation_within_the_frame_limit_is_accepted(db, settings):
    settings.FIGURE_MAX_FRAMES = 20
    form = figure_form(animated_gif(20), "spinner.gif")
    assert form.is_valid(), form.errors


def test_an_animation_over_the_pixel_limit_names_its_frames(settings):
    settings.FIGURE_MAX_PIXELS = 1_000_000
    form = figure_form(animated_gif(3, size=(600, 600)), "big.gif")
    assert not form.is_valid()
    assert "3 frames of 600 × 600 pixels" in form.errors["image"][0]


def png_claiming(width, height):
    """A PNG header that says width × height: all a decompression bomb needs to be opened."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))


def test_a_pixel_bomb_is_refused_for_its_size_not_its_type():
    form = figure_form(png_claiming(100_000, 100_000), "bomb.png")
    assert not form.is_valid()
    message = form.errors["image"][0]
    assert "megapixels" in message
    assert "not a PNG" not in message


NON_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@settings(max_examples=200, deadline=None)
@given(st.lists(NON_ASCII_DIGITS, min_size=1, max_size=8), st.integers(0, 7))
def test_identifiers_accept_ascii_digits_only(digits, at):
    pmid = list("12345678")
    pmid[at % len(pmid)] = digits[0]
    pmid = "".join(pmid)
    assert not pmid_validator.regex.search(pmid)
    assert pmid_key(pmid) == ""
    doi = "10." + "".join(digits).rjust(4, "1") + "/abc"
    assert not doi_validator.regex.search(doi)


def test_ascii_identifiers_still_pass():
    assert pmid_validator.regex.search("20435004")
    assert doi_validator.regex.search("10.1016/j.neuron.2010.03.005")


def assert_site_page_with_headers(response):
    assert BANNER in response.content
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_400_page_has_the_banner_and_security_headers(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert_site_page_with_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/" + "a" * 8001, "/search/?q=" + "x" * 8000])
def test_a_too_long_address_gets_the_414_page_with_headers(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.REQUEST_URI_TOO_LONG
    assert_site_page_with_headers(response)


@pytest.mark.django_db
def test_an_address_within_the_limit_is_served(client, settings):
    assert client.get("/search/?q=" + "x" * (settings.MAX_URL_LENGTH - 20)).status_code == 200


def test_gunicorn_lets_addresses_reach_the_414_page(settings):
    conf = runpy.run_path(str(Path(__file__).parents[1] / "site_config" / "gunicorn.conf.py"))
    assert conf["limit_request_line"] > settings.MAX_URL_LENGTH + len("GET  HTTP/1.1")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/img/favicon.svg"])
def test_static_files_carry_a_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]


NUL_PARAMETERS = [
    "/admin/articles/article/?q=oxy%00tocin",
    "/admin/articles/article/?status__exact=pub%00lished",
    "/admin/articles/article/?tags__id__exact=1%00",
    "/admin/articles/reference/?q=%00",
    "/admin/taggit/tag/?q=%00a",
    "/admin/glossary/term/?q=a%00",
    "/admin/auth/user/?q=%00",
    "/admin/autocomplete/?app_label=articles&model_name=article&field_name=references&term=%00x",
    "/admin/autocomplete/?app_label=articles&model_name=articlereference"
    "&field_name=reference&term=a%00b",
]


@pytest.mark.parametrize("url", NUL_PARAMETERS)
def test_nul_in_admin_parameters_is_never_a_500(admin_client, public_article, url):
    response = admin_client.get(url)
    assert response.status_code < 500
