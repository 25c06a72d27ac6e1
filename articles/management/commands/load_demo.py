"""`python manage.py load_demo`: load the demo articles, glossary, references and tags.

Idempotent: references, terms and articles are matched by key or slug and updated in place,
so running the command again leaves the same rows. An article's sections and figures are
replaced on every run (they belong to the demo). Figure images are copied into media storage
only when the stored file of an existing figure does not already have the same content, so
repeated runs do not fill MEDIA_ROOT with copies.

Editors' changes to demo items are overwritten by a reload; `make run` only loads the demo on
an empty site.
"""

import hashlib
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.citations import attach_cited_references, cited_keys
from articles.demo.articles import ARTICLES
from articles.demo.glossary import TERMS
from articles.demo.references import REFERENCES
from articles.derived_data import once_per_article
from articles.models import Article, Figure, Reference, Section
from glossary.models import Term
from site_config.models import SiteSettings

IMAGES_DIR = Path(__file__).resolve().parents[2] / "demo" / "images"

REFERENCE_FIELDS = [
    "kind",
    "authors",
    "year",
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "publisher",
    "edition",
    "doi",
    "pmid",
    "url",
    # What an editor found when checking the printed entry (articles/demo/references.py).
    "verification",
    "verified_against",
    "verification_note",
]


def file_digest(read):
    return hashlib.sha256(read()).hexdigest()


class Command(BaseCommand):
    help = "Load (or refresh) the demo articles, glossary terms, references and tags."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if the site has no articles yet (what `make run` does).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Article.objects.exists():
            return
        with transaction.atomic(), once_per_article():
            SiteSettings.load()
            references = self.load_references()
            terms = self.load_terms()
            for data in ARTICLES:
                self.load_article(data, references)
        tag_names = {
            name.lower()
            for item in [*REFERENCES, *TERMS, *ARTICLES]
            for name in item.get("tags", [])
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(ARTICLES)} articles, {len(terms)} terms, "
                f"{len(references)} references, {len(tag_names)} tags."
            )
        )

    def load_references(self):
        references = {}
        for data in REFERENCES:
            defaults = {field: data.get(field, "") for field in REFERENCE_FIELDS}
            defaults["year"] = data.get("year")
            defaults["verification"] = data.get("verification", "unverified")
            reference, _ = Reference.objects.update_or_create(key=data["key"], defaults=defaults)
            reference.tags.set(data.get("tags", []))
            references[reference.key] = reference
        return references

    def load_terms(self):
        terms = {}
        for data in TERMS:
            term, _ = Term.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "aliases": "\n".join(data["aliases"]),
                    "short_definition": data["short_definition"],
                    "body": data["body"],
                    "case_sensitive": data["case_sensitive"],
                    "is_published": True,
                },
            )
            term.tags.set(data["tags"])
            terms[term.slug] = term
        # Related terms once every term exists (the relation is symmetrical).
        for data in TERMS:
            terms[data["slug"]].related.set([terms[slug] for slug in data["related"]])
        return terms

    def load_article(self, data, references):
        # The article itself, not the draft of it an editor may have opened (same address).
        article, _ = Article.objects.articles().update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "status": Article.Status.PUBLISHED,
                "publish_at": None,
                "authors": data["authors"],
                "reviewed_by": data["reviewed_by"],
                "reviewed_at": data["reviewed_at"],
                "disclaimer_note": data.get("disclaimer_note", ""),
            },
        )
        article.tags.set(data["tags"])

        # Remember the images already in storage (by content) so they can be reused.
        stored = {}
        for name in Figure.objects.filter(section__article=article).values_list("image", flat=True):
            if name and default_storage.exists(name):
                with default_storage.open(name, "rb") as stored_file:
                    stored.setdefault(file_digest(stored_file.read), name)

        article.sections.all().delete()
        for position, section_data in enumerate(data["sections"]):
            section = Section.objects.create(
                article=article,
                position=position,
                level=section_data["level"],
                heading=section_data["heading"],
                anchor=section_data["anchor"],
                body=section_data["body"],
                takeaway=section_data["takeaway"],
            )
            for text in (section.body, section.takeaway):
                for key in cited_keys(text):
                    if key not in references:
                        raise CommandError(
                            f"Unknown reference [@{key}] in section “{section.heading}” of "
                            f"“{article.title}”."
                        )
            for figure_position, figure_data in enumerate(section_data.get("figures", [])):
                self.add_figure(section, figure_position, figure_data, stored)

        # The reference list is what the sections cite, in order of first citation, as an
        # admin save builds it.
        article.article_references.all().delete()
        attach_cited_references(article.pk)

        # Delete stored images that no figure uses any more, once the transaction commits.
        names = list(stored.values())
        unused = set(names) - set(
            Figure.objects.filter(image__in=names).values_list("image", flat=True)
        )
        for name in unused:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
        return article

    def add_figure(self, section, position, data, stored):
        path = IMAGES_DIR / data["image"]
        if not path.is_file():
            raise CommandError(
                f"Missing demo image {path}. Run: python scripts/make_demo_images.py"
            )
        figure = Figure(
            section=section,
            position=position,
            alt_text=data["alt_text"],
            caption=data["caption"],
            credit=data["credit"],
        )
        digest = file_digest(path.read_bytes)
        if digest in stored and default_storage.exists(stored[digest]):
            figure.image = stored[digest]  # the same picture is already in storage
        else:
            with path.open("rb") as source:
                figure.image.save(path.name, File(source), save=False)
            stored[digest] = figure.image.name
        figure.save()
        return figure
