import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image, features

from articles import renditions
from articles.models import Figure, Section
from articles.renditions import rendition_path
from site_config import cache_keys, jobs
from site_config.models import Job
from tests.admin_forms import form_data
from tests.conftest import png_file
from tests.test_editor_surface import add_figure as add_figure_row

pytestmark = pytest.mark.django_db

FORMATS = {"WEBP", "AVIF"} if features.check("avif") else {"WEBP"}


@pytest.fixture
def section(article_factory):
    return article_factory(sections=2).sections.get(position=0)


def add_figure(section, size=(2000, 1000), position=0):
    return Figure.objects.create(
        section=section,
        position=position,
        image=png_file(size=size),
        alt_text="A wide diagram",
        caption="The caption",
    )


def stored_size(path):
    with default_storage.open(path, "rb") as stored, Image.open(stored) as image:
        return image.format, image.size


def test_renditions_are_made_at_each_width_and_format_on_save(section):
    figure = add_figure(section, size=(2000, 1000))

    made = {(item["width"], item["format"]) for item in figure.renditions}
    assert made == {(width, fmt) for width in (480, 960, 1600) for fmt in FORMATS}
    for item in figure.renditions:
        assert stored_size(item["path"]) == (item["format"], (item["width"], item["height"]))
        assert item["height"] == item["width"] // 2
    # Recorded in the database, not only on the instance.
    assert Figure.objects.get(pk=figure.pk).renditions == figure.renditions


def test_a_small_image_is_never_upscaled(section):
    figure = add_figure(section, size=(700, 350))

    assert sorted({item["width"] for item in figure.renditions}) == [480, 700]
    assert all(stored_size(item["path"])[1][0] <= 700 for item in figure.renditions)


def test_avif_is_made_with_the_pinned_pillow(section):
    # Pillow 13 (requirements.txt) writes AVIF; a build without it must fail here, not skip.
    assert features.check("avif")
    figure = add_figure(section, size=(600, 300))
    assert {item["format"] for item in figure.renditions} == {"AVIF", "WEBP"}


def test_webp_alone_is_made_by_a_pillow_without_avif(section, monkeypatch):
    real_check = features.check
    monkeypatch.setattr(
        features, "check", lambda feature: False if feature == "avif" else real_check(feature)
    )
    figure = add_figure(section, size=(600, 300))
    assert {item["format"] for item in figure.renditions} == {"WEBP"}


def test_make_renditions_backfills_and_is_idempotent(section):
    figure = add_figure(section, size=(1000, 500))
    paths = [item["path"] for item in figure.renditions]
    for path in paths:
        default_storage.delete(path)
    Figure.objects.filter(pk=figure.pk).update(renditions=[])

    call_command("make_renditions", stdout=io.StringIO())
    figure.refresh_from_db()
    assert sorted(item["path"] for item in figure.renditions) == sorted(paths)
    assert all(default_storage.exists(path) for path in paths)
    modified = {path: default_storage.get_modified_time(path) for path in paths}

    call_command("make_renditions", "--force", stdout=io.StringIO())
    figure.refresh_from_db()
    assert sorted(item["path"] for item in figure.renditions) == sorted(paths)
    # Nothing was encoded again, and no second copy was stored.
    assert {path: default_storage.get_modified_time(path) for path in paths} == modified
    directory = paths[0].rsplit("/", 1)[0]
    assert len(default_storage.listdir(directory)[1]) == len(paths)


def test_deleting_a_figure_deletes_its_renditions(section, django_capture_on_commit_callbacks):
    figure = add_figure(section, size=(1000, 500))
    paths = [item["path"] for item in figure.renditions]
    assert all(default_storage.exists(path) for path in paths)

    with django_capture_on_commit_callbacks(execute=True):
        figure.delete()

    assert not any(default_storage.exists(path) for path in paths)


def test_deleting_a_section_deletes_its_figures_renditions(
    section, django_capture_on_commit_callbacks
):
    figure = add_figure(section, size=(1000, 500))
    paths = [item["path"] for item in figure.renditions]

    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.filter(pk=section.pk).delete()

    assert paths
    assert not any(default_storage.exists(path) for path in paths)


def test_renditions_shared_with_another_figure_are_kept(
    section, django_capture_on_commit_callbacks
):
    figure = add_figure(section, size=(1000, 500))
    # A working copy's figure shows the same stored image.
    copy = Figure.objects.create(
        section=section, position=1, image=figure.image.name, alt_text="Same picture"
    )
    assert copy.renditions == figure.renditions

    with django_capture_on_commit_callbacks(execute=True):
        figure.delete()

    assert all(default_storage.exists(item["path"]) for item in copy.renditions)


def test_replacing_the_image_deletes_the_old_renditions(
    section, django_capture_on_commit_callbacks
):
    figure = add_figure(section, size=(1000, 500))
    old_paths = [item["path"] for item in figure.renditions]

    with django_capture_on_commit_callbacks(execute=True):
        figure.image = png_file(size=(800, 400))
        figure.save()

    assert {item["width"] for item in figure.renditions} == {480, 800}
    assert all(default_storage.exists(item["path"]) for item in figure.renditions)
    assert not any(default_storage.exists(path) for path in old_paths)


def test_rendition_names_follow_the_stored_image():
    assert rendition_path("figures/2026/12/abc.png", 480, "WEBP") == (
        "figures/renditions/2026/12/abc-480w.webp"
    )


def test_article_page_offers_renditions_with_srcset(client, section):
    first = add_figure(section, size=(2000, 1000))
    second = add_figure(section, size=(1200, 600), position=1)

    response = client.get(section.article.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    figures = soup.select("figure.figure")
    assert len(figures) == 2

    link = figures[0].find("a", class_="figure__link")
    assert link["href"] == first.image.url  # the full-size original, no script needed
    sources = {source["type"]: source for source in link.select("picture > source")}
    assert set(sources) == {f"image/{fmt.lower()}" for fmt in FORMATS}
    webp = sources["image/webp"]["srcset"]
    for width in (480, 960, 1600):
        path = rendition_path(first.image.name, width, "WEBP")
        assert f"{default_storage.url(path)} {width}w" in webp
    assert sources["image/webp"]["sizes"]

    img = link.select_one("picture > img")
    assert img["src"] == first.image.url
    assert img["srcset"] == f"{first.image.url} 2000w"
    assert (img["width"], img["height"], img["alt"]) == ("2000", "1000", "A wide diagram")
    assert not img.has_attr("loading")  # the first figure loads at once

    second_img = figures[1].select_one("img")
    assert second_img["loading"] == "lazy"
    assert (second_img["width"], second_img["height"]) == ("1200", "600")
    assert figures[1].select_one("a.figure__link")["href"] == second.image.url


def test_a_figure_without_renditions_falls_back_to_the_original(client, section):
    figure = add_figure(section, size=(600, 300))
    Figure.objects.filter(pk=figure.pk).update(renditions=[])
    default_storage.delete(figure.image.name)  # e.g. a lost file: the page still renders

    response = client.get(section.article.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert not soup.select("figure picture source")
    assert soup.select_one("figure picture img")["src"] == figure.image.url


def test_a_figure_uploaded_in_the_admin_gets_its_renditions(editor, article_factory):
    article = article_factory(sections=1, status="draft")
    client = Client()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    add_figure_row(data, image=png_file(size=(1000, 500)), alt_text="A chart over a day.")
    assert client.post(url, data).status_code == 302

    figure = Figure.objects.get()
    assert figure.image.name.startswith("figures/")
    assert {(item["width"], item["format"]) for item in figure.renditions} == {
        (width, fmt) for width in (480, 960, 1000) for fmt in FORMATS
    }
    for item in figure.renditions:
        assert item["path"] == rendition_path(figure.image.name, item["width"], item["format"])
        assert stored_size(item["path"]) == (item["format"], (item["width"], item["height"]))


# In the background: an editor's save queues a job; the job makes and records them.


def rendition_jobs():
    return list(Job.objects.filter(kind=renditions.MAKE_RENDITIONS).order_by("pk"))


def picture(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select("figure picture source"), soup.select_one("figure picture img")


def test_saving_a_figure_queues_one_job_and_encodes_nothing_in_the_request(
    queued, section, monkeypatch
):
    def no_encoding(*args, **kwargs):
        raise AssertionError("renditions encoded in the editor's request")

    monkeypatch.setattr(renditions, "make_renditions", no_encoding)
    figure = add_figure(section, size=(1000, 500))

    (job,) = rendition_jobs()
    assert queued == [job.pk]
    assert job.state == Job.State.QUEUED
    assert job.description == f"Make renditions for figure {figure.pk}"
    assert job.args == {"figure_id": figure.pk, "image": figure.image.name}
    assert figure.renditions == []
    assert Figure.objects.get(pk=figure.pk).renditions == []
    for width in (480, 960, 1000):
        assert not default_storage.exists(rendition_path(figure.image.name, width, "WEBP"))

    # Saving it again (a caption edit) queues nothing more.
    figure.caption = "A better caption"
    figure.save()
    assert len(rendition_jobs()) == 1


def test_the_job_records_the_renditions_and_the_page_then_offers_them(queued, client, section):
    article = section.article
    figure = add_figure(section, size=(1000, 500))
    (job,) = rendition_jobs()

    # Until the job has run: the original alone, with its size (no layout shift).
    sources, img = picture(client, article)
    assert sources == []
    assert img["src"] == figure.image.url
    assert (img["width"], img["height"]) == ("1000", "500")

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (1, 1)
    figure.refresh_from_db()
    assert {(item["width"], item["format"]) for item in figure.renditions} == {
        (width, fmt) for width in (480, 960, 1000) for fmt in FORMATS
    }
    assert all(default_storage.exists(item["path"]) for item in figure.renditions)
    # The article's cached rendering was made stale: the page now offers them.
    sources, img = picture(client, article)
    webp = next(source for source in sources if source["type"] == "image/webp")
    for width in (480, 960, 1000):
        path = rendition_path(figure.image.name, width, "WEBP")
        assert f"{default_storage.url(path)} {width}w" in webp["srcset"]
    assert img["src"] == figure.image.url

    # Run again (a retry, a second delivery): nothing more changes.
    recorded = figure.renditions
    modified = {item["path"]: default_storage.get_modified_time(item["path"]) for item in recorded}
    generations = cache_keys.get_generations(
        cache_keys.article_generation(article.pk), cache_keys.PUBLIC_PAGES
    )
    jobs.run_again(job)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.result == "Its renditions were made already."
    assert (job.done, job.total) == (1, 1)
    figure.refresh_from_db()
    assert figure.renditions == recorded
    assert {item["path"]: default_storage.get_modified_time(item["path"]) for item in recorded} == (
        modified
    )
    assert (
        cache_keys.get_generations(
            cache_keys.article_generation(article.pk), cache_keys.PUBLIC_PAGES
        )
        == generations
    )


def test_a_job_for_an_image_replaced_meanwhile_does_nothing(queued, client, section):
    figure = add_figure(section, size=(1000, 500))
    old_image = figure.image.name
    figure.image = png_file(size=(800, 400))
    figure.save()
    first, second = rendition_jobs()
    assert first.args["image"] == old_image
    assert second.args["image"] == figure.image.name != old_image

    jobs.run_job(first.pk)

    first.refresh_from_db()
    assert first.state == Job.State.DONE
    assert "another image" in first.result
    assert Figure.objects.get(pk=figure.pk).renditions == []
    for width in (480, 960, 1000):
        assert not default_storage.exists(rendition_path(old_image, width, "WEBP"))

    jobs.run_job(second.pk)
    assert {item["width"] for item in Figure.objects.get(pk=figure.pk).renditions} == {480, 800}


def test_a_job_for_a_deleted_figure_does_nothing(queued, section):
    figure = add_figure(section, size=(1000, 500))
    (job,) = rendition_jobs()
    figure.delete()

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert (job.state, job.result) == (Job.State.DONE, "The figure was deleted: nothing to make.")
    assert not default_storage.exists(rendition_path(figure.image.name, 480, "WEBP"))


def test_renditions_made_while_the_image_is_replaced_are_not_kept(queued, section, monkeypatch):
    figure = add_figure(section, size=(1000, 500))
    old_image = figure.image.name
    (job,) = rendition_jobs()
    real_make = renditions.make_renditions

    def make_then_editor_replaces(image_name, size=None, storage=None):
        made = real_make(image_name, size, storage)
        Figure.objects.filter(pk=figure.pk).update(image="figures/another.png")
        return made

    monkeypatch.setattr(renditions, "make_renditions", make_then_editor_replaces)
    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert "changed while they were made" in job.result
    assert Figure.objects.get(pk=figure.pk).renditions == []
    assert not default_storage.exists(rendition_path(old_image, 480, "WEBP"))


def test_a_figure_showing_an_image_already_rendered_needs_no_job(queued, section):
    first = add_figure(section, size=(1000, 500))
    jobs.run_job(rendition_jobs()[0].pk)
    first.refresh_from_db()

    # A restored revision's figure: the same stored image, renditions not recorded.
    again = Figure.objects.create(
        section=section, position=1, image=first.image.name, alt_text="Same picture"
    )

    assert again.renditions == first.renditions
    assert len(rendition_jobs()) == 1


def test_a_job_that_cannot_read_the_image_fails_and_keeps_its_error(queued, section, settings):
    settings.JOBS_MAX_ATTEMPTS = 1
    figure = add_figure(section, size=(1000, 500))
    (job,) = rendition_jobs()
    default_storage.delete(figure.image.name)  # lost, or the bucket unreachable

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert figure.image.name in job.error or "No such file" in job.error
    assert Figure.objects.get(pk=figure.pk).renditions == []
