"""One tag, whatever its case or accents: "Ménopause", "menopause" and "MENOPAUSE".

Taggit matches names case-insensitively (TAGGIT_CASE_INSENSITIVE) and slugifies them to ASCII
(TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING), so those three names share the slug "menopause". But
it looks tags up by name, so "Ménopause" would become a second tag with slug "menopause_1".
This manager (`TaggableManager(manager=SlugMatchingTagManager)`) looks names up by that slug
first, so adding, setting or removing tags by name finds the existing tag. Every way tags
are written goes through it: the admin's tag fields, the demo loader and code.
"""

from django.utils.text import slugify
from taggit.managers import _TaggableManager
from taggit.models import Tag
from unidecode import unidecode


def tag_slug(name):
    """The slug taggit gives a new tag with this name (the tag's identity here)."""
    return slugify(unidecode(name))


def resolve_tag_names(tags):
    """Tags and names, with each name that matches an existing tag's slug replaced by that
    tag, and names that differ only by case or accents from an earlier one dropped."""
    names = [tag for tag in tags if isinstance(tag, str)]
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=map(tag_slug, names))}
    resolved = []
    seen_slugs = set()
    for tag in tags:
        if isinstance(tag, str):
            slug = tag_slug(tag)
            if slug in seen_slugs:
                continue
            seen_slugs.add(slug)
            tag = existing.get(slug, tag)
        elif isinstance(tag, Tag):
            seen_slugs.add(tag.slug)
        resolved.append(tag)
    return resolved


def parse_tag_names(text):
    """Tags as editors type them: only commas separate, so "Hormone Balance" is one tag.

    Spaces inside a name are kept (runs of them become one), quotes typed around a name are
    dropped, and a name repeated (apart from case) counts once. Taggit calls this for every
    form and import that takes tags as text (settings.TAGGIT_TAGS_FROM_STRING).
    """
    names = []
    seen = set()
    for part in (text or "").split(","):
        name = " ".join(part.split()).strip("\"'“”‘’ ")
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def join_tag_names(tags):
    """Tags shown in a form: their names as readers see them, separated by commas, with no
    quotes (settings.TAGGIT_STRING_FROM_TAGS)."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))


class SlugMatchingTagManager(_TaggableManager):
    def add(self, *tags, through_defaults=None, tag_kwargs=None, **kwargs):
        super().add(
            *resolve_tag_names(tags),
            through_defaults=through_defaults,
            tag_kwargs=tag_kwargs,
            **kwargs,
        )

    def set(self, tags, *, through_defaults=None, **kwargs):
        super().set(resolve_tag_names(tags), through_defaults=through_defaults, **kwargs)

    def remove(self, *tags):
        # Taggit removes by name: use the stored names of the tags these names resolve to.
        super().remove(
            *(tag.name if isinstance(tag, Tag) else tag for tag in resolve_tag_names(tags))
        )
