"""Uploaded figures in S3-compatible object storage (django-storages), against moto's S3
server on 127.0.0.1: upload through the admin, the public URL, deletion, the
Content-Security-Policy for the bucket's address, and two app servers sharing one bucket."""

import io
import json
import re
import urllib.parse
import urllib.request
import uuid
from http import HTTPStatus

import boto3
import pytest
import reversion
from bs4 import BeautifulSoup
from django.conf import global_settings
from django.test import Client
from PIL import Image

from articles import workflow
from articles.models import Figure
from site_config.models import SiteSettings
from tests.admin_forms import form_data
from tests.conftest import png_file
from tests.servers import GunicornServer, S3Server, get, manage, site_env
from tests.test_editor_surface import add_figure, change_url
from tests.test_production_faults import AdminSession, shared_services_env

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    with S3Server(log_path=tmp_path_factory.mktemp("moto") / "moto_server.log") as server:
        yield server


def s3_client(endpoint_url):
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


@pytest.fixture
def bucket(s3_server):
    """A new bucket, readable by anyone as the README's recipe sets it up."""
    name = f"figures-{uuid.uuid4().hex[:16]}"
    client = s3_client(s3_server.endpoint_url)
    client.create_bucket(Bucket=name)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    return name


def bucket_env(s3_server, bucket):
    """The environment a site needs to keep its uploads in the bucket."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": s3_server.endpoint_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    }


@pytest.fixture
def s3_media(settings, s3_server, bucket):
    """This test process stores uploads in the bucket, as the site does with the settings
    of bucket_env; returns a function listing the bucket's keys."""
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_S3_ENDPOINT_URL = s3_server.endpoint_url
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_ACCESS_KEY_ID = ACCESS_KEY
    settings.AWS_SECRET_ACCESS_KEY = SECRET_KEY
    # Last: changing STORAGES makes Django build the default storage afresh from the above.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    client = s3_client(s3_server.endpoint_url)

    def keys():
        listing = client.list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}

    return keys


def objects_of(*figures):
    """The objects a figure keeps in the bucket: its image and the renditions made of it."""
    names = set()
    for figure in figures:
        figure.refresh_from_db()
        names |= {figure.image.name, *(item["path"] for item in figure.renditions)}
    return names


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.s3
@pytest.mark.django_db
def test_a_figure_uploaded_in_the_admin_is_stored_in_the_bucket_and_served_from_it(
    s3_media, s3_server, bucket, editor, article_factory, settings
):
    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    add_figure(data, image=png_file(size=(48, 32)), alt_text="A chart of sleep by age.")
    assert client.post(change_url(article), data).status_code == HTTPStatus.FOUND

    figure = Figure.objects.get()
    assert (figure.width, figure.height) == (48, 32)
    assert figure.renditions  # made on upload, stored beside it
    assert s3_media() == objects_of(figure)
    assert not settings.MEDIA_ROOT.exists()  # nothing on this server's disk
    stored = s3_client(s3_server.endpoint_url).get_object(Bucket=bucket, Key=figure.image.name)
    body = stored["Body"].read()
    assert Image.open(io.BytesIO(body)).size == (48, 32)
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"

    # A public address, not a signed one that would expire inside cached pages.
    url = figure.image.url
    assert url == f"{s3_server.endpoint_url}/{bucket}/{figure.image.name}"
    status, _, served = get(url)
    assert status == HTTPStatus.OK
    assert served == body


@pytest.mark.s3
@pytest.mark.django_db
def test_deleting_a_figure_deletes_its_image_from_the_bucket(
    s3_media, article_factory, django_capture_on_commit_callbacks
):
    article_factory(sections=1, figures=2)
    deleted, kept = Figure.objects.order_by("position")
    assert s3_media() == objects_of(deleted, kept)
    kept_names = objects_of(kept)

    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()

    assert s3_media() == kept_names


@pytest.mark.s3
@pytest.mark.django_db
def test_an_image_another_figure_still_shows_is_kept(
    s3_media, article_factory, django_capture_on_commit_callbacks
):
    article_factory(sections=1, figures=1)
    figure = Figure.objects.get()
    # A working copy's figure shares the published figure's file (articles.workflow).
    copy = Figure.objects.create(
        section=figure.section, position=1, image=figure.image.name, alt_text="The same chart."
    )
    assert (copy.width, copy.height) == (40, 30)  # read from the bucket through the storage

    with django_capture_on_commit_callbacks(execute=True):
        figure.delete()
    assert s3_media() == objects_of(copy)

    with django_capture_on_commit_callbacks(execute=True):
        copy.delete()
    assert s3_media() == set()


@pytest.mark.s3
@pytest.mark.django_db
def test_an_image_a_saved_version_names_is_kept_for_restoring(
    s3_media, article_factory, django_capture_on_commit_callbacks
):
    article_factory(sections=1, figures=1)
    figure = Figure.objects.get()
    with reversion.create_revision():
        figure.save()

    with django_capture_on_commit_callbacks(execute=True):
        figure.delete()

    # The original stays for restoring; the renditions are made again when it is restored.
    assert s3_media() == {figure.image.name}


# The Content-Security-Policy names where figures are (the site's own settings)

STORAGE_CONFIGS = {
    "S3-compatible endpoint": {
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_S3_REGION_NAME": "us-east-1",
    },
    "AWS in a region": {"AWS_S3_REGION_NAME": "eu-west-2"},
    "AWS without a region": {},
    "a custom domain (CDN)": {"AWS_S3_CUSTOM_DOMAIN": "media.example.org"},
}

SHOW_URL_AND_POLICY = (
    "from django.conf import settings; from django.core.files.storage import default_storage; "
    "print(default_storage.url('figures/2026/01/chart.png')); "
    "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)


@pytest.mark.parametrize("config", STORAGE_CONFIGS.values(), ids=STORAGE_CONFIGS.keys())
def test_the_content_security_policy_allows_the_address_of_figures(config):
    env = site_env(
        AWS_STORAGE_BUCKET_NAME="health-library-media",
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        **(
            {"AWS_S3_ENDPOINT_URL": "", "AWS_S3_REGION_NAME": "", "AWS_S3_CUSTOM_DOMAIN": ""}
            | config
        ),
    )
    url, img_sources = manage("shell", "-c", SHOW_URL_AND_POLICY, env=env).splitlines()[-2:]
    parts = urllib.parse.urlsplit(url)
    assert parts.path.endswith("/figures/2026/01/chart.png")
    assert not parts.query  # public, unsigned
    assert f"{parts.scheme}://{parts.netloc}" in img_sources.split()
    assert "'self'" in img_sources.split()


def test_without_a_bucket_figures_stay_on_the_local_disk_and_the_policy_is_self_only():
    env = site_env(AWS_STORAGE_BUCKET_NAME="")
    url, img_sources = manage("shell", "-c", SHOW_URL_AND_POLICY, env=env).splitlines()[-2:]
    assert url == "/media/figures/2026/01/chart.png"
    assert img_sources == "'self'"


# Two app servers sharing PostgreSQL, Redis and the bucket


class UploadingAdminSession(AdminSession):
    def post_multipart(self, path, fields, files):
        """POST a form with files ({name: (filename, content_type, bytes)}) as a browser does."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
        for name, (filename, content_type, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            self.server.url + path,
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()


@pytest.fixture
def two_app_servers_sharing_a_bucket(
    transactional_db, collected_static_root, s3_server, bucket, s3_media
):
    SiteSettings.load()
    env = {
        **shared_services_env(collected_static_root),
        **bucket_env(s3_server, bucket),
        # Their background jobs go to a queue of this test's own, which run_jobs works off.
        "JOBS_QUEUE": f"test-{uuid.uuid4().hex[:12]}",
        "JOBS_REDIS_URL": "redis://127.0.0.1:6379/15",
        "JOBS_RETRY_SECONDS": "0",
    }
    with GunicornServer(env) as first, GunicornServer(env) as second:
        yield first, second


def run_jobs(server):
    """A worker process with the app servers' settings works off their queue, then stops."""
    manage("rqworker", "--burst", server.env["JOBS_QUEUE"], env=server.env, timeout=120)


@pytest.mark.s3
@pytest.mark.postgres
@pytest.mark.redis
def test_a_figure_uploaded_through_one_server_is_shown_by_the_other(
    two_app_servers_sharing_a_bucket,
    s3_server,
    bucket,
    s3_media,
    article_factory,
    django_user_model,
    settings,
):
    first, second = two_app_servers_sharing_a_bucket
    article = article_factory(sections=1, title="Sleep and hormones", slug="sleep")
    # The servers run with production hashers, not the fast one the test process uses.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    admin_user = django_user_model.objects.create_superuser(
        "admin", "", "a-long-pass-phrase-for-tests"
    )
    assert "<img" not in second.get("/articles/sleep/")[2].decode()

    # Server A's admin: the article's form (its working copy) with a new figure.
    session = UploadingAdminSession(first)
    session.sign_in("admin", "a-long-pass-phrase-for-tests")
    path = f"/admin/articles/article/{article.pk}/change/"
    fields = session.form(path, "article_form")
    upload = png_file("melatonin.png", size=(64, 48))
    add_figure(fields, image="", alt_text="Melatonin over one night.")
    fields.pop("sections-0-figures-0-image")
    status, html = session.post_multipart(
        path,
        fields,
        {"sections-0-figures-0-image": (upload.name, "image/png", upload.read())},
    )
    assert status == HTTPStatus.OK
    assert "saved in the draft" in html, re.sub(r"\s+", " ", html)[:2000]
    # The image is in the bucket; its renditions are a background job's work, not the
    # request's: a worker process (a third machine, say) makes them into the bucket too.
    [stored_name] = [name for name in s3_media() if "/renditions/" not in name]
    assert not {name for name in s3_media() if "/renditions/" in name}
    run_jobs(first)
    assert {name for name in s3_media() if "/renditions/" in name}
    workflow.publish(article, admin_user, no_clinical_change=True)

    # Server B's page shows it, from the bucket.
    status, headers, body = second.get("/articles/sleep/")
    assert status == HTTPStatus.OK
    image = BeautifulSoup(body, "html.parser").select_one("figure.figure img")
    assert image["alt"] == "Melatonin over one night."
    assert (image["width"], image["height"]) == ("64", "48")
    url = image["src"]
    assert url == f"{s3_server.endpoint_url}/{bucket}/{stored_name}"
    status, _, served = get(url)
    assert status == HTTPStatus.OK
    assert Image.open(io.BytesIO(served)).size == (64, 48)
    # The smaller copies the page offers are served from the bucket too.
    rendition = image.find_parent("picture").select_one("source")["srcset"].split()[0]
    assert rendition.startswith(f"{s3_server.endpoint_url}/{bucket}/")
    assert get(rendition)[0] == HTTPStatus.OK
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
    policy = headers["Content-Security-Policy"]
    img_src = re.search(r"img-src ([^;]+)", policy).group(1).split()
    assert origin in img_src
