"""One tag, whatever its case or accents: "Ménopause", "menopause" and "MENOPAUSE".

Taggit matches names case-insensitively (TAGGIT_CASE_INSENSITIVE) and slugifies them to ASCII
(TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING), so those three names share the slug "menopause". But
it looks tags up by name, so "Ménopause" would become a second tag with slug "menopause_1".
This manager (`TaggableManager(manager=SlugMatchingTagManager)`) looks names up by that slug
first, so adding, setting or removing tags by name finds the existing tag. Every way tags
are written goes through it: the admin's tag fields, the demo loader and code.
"""

from django import forms
from django.utils.text import slugify
from taggit.managers import _TaggableManager
from taggit.models import Tag
from unidecode import unidecode

from .text import clean_name

# Tag.name and Tag.slug hold 100 characters. A slug is cut shorter, leaving room for the
# "_2" that tells apart two tags whose names spell the same slug.
TAG_MAX_LENGTH = 100
TAG_SLUG_LENGTH = 90


def tag_identity(name):
    """What makes two names one tag: their ASCII slug, whatever its length."""
    return slugify(unidecode(name))


def tag_slug(name):
    """The slug a new tag with this name gets (the tag's identity here, unless it had to be
    cut): ASCII letters, digits and hyphens, empty for a name with no letters or digits."""
    return tag_identity(name)[:TAG_SLUG_LENGTH].strip("-_")


def tag_name_problem(name):
    """Why `name` (cleaned by `clean_name`) cannot be a tag, or None if it can."""
    if len(name) > TAG_MAX_LENGTH:
        return (
            f"The tag “{name[:40]}…” is {len(name)} characters long; a tag can have at most "
            f"{TAG_MAX_LENGTH}. Shorten it, or separate tags with commas."
        )
    if not tag_slug(name):
        return (
            f"The tag “{name}” has no letters or digits, so it cannot have an address "
            "(/tags/…/). Add a word to it, or leave it out."
        )
    return None


def unique_tag_slug(name, exclude_pk=None):
    """A slug for a new tag named `name` that no other tag has: tag_slug(name), or that with
    "_2", "_3"… after it."""
    base = tag_slug(name)
    taken = set(
        Tag.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}_{number}"
    return slug


def usable_tag_name(name):
    """`name` cleaned of invisible characters; ValueError with a plain message if it cannot
    be a tag (the code path of the demo loader and other callers of the tag manager)."""
    name = clean_name(name)
    problem = tag_name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


def resolve_tag_names(tags, create=True):
    """Tags and names, with each name that matches an existing tag's slug replaced by that
    tag, and names that differ only by case or accents from an earlier one dropped. With
    `create`, every other name becomes a new tag (ValueError if it cannot be one)."""
    if create:
        tags = [usable_tag_name(tag) if isinstance(tag, str) else tag for tag in tags]
    names = [tag for tag in tags if isinstance(tag, str)]
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=map(tag_slug, names))}
    resolved = []
    seen = set()
    for tag in tags:
        if isinstance(tag, str):
            identity = tag_identity(tag)
            if identity in seen:
                continue
            seen.add(identity)
            slug = tag_slug(tag)
            match = existing.get(slug)
            if match and slug != identity and tag_identity(match.name) != identity:
                match = None  # only the cut slugs are the same: two different long names
            # A new tag gets its slug here, not from taggit: taggit's is neither cut to the
            # column's length nor refused when empty.
            if match:
                tag = match
            elif create:
                tag = Tag.objects.filter(name__iexact=tag).first() or Tag.objects.create(
                    name=tag, slug=unique_tag_slug(tag)
                )
        elif isinstance(tag, Tag):
            seen.update({tag.slug, tag_identity(tag.name)})
        resolved.append(tag)
    return resolved


def parse_tag_names(text):
    """Tags as editors type them: only commas separate, so "Hormone Balance" is one tag.

    Spaces inside a name are kept (runs of them become one), quotes typed around a name are
    dropped, invisible characters (zero-width spaces, direction overrides, controls) are
    removed, and a name repeated (apart from case) counts once. Taggit calls this for every
    form and import that takes tags as text (settings.TAGGIT_TAGS_FROM_STRING); a name that
    cannot be a tag (too long, or with no letters or digits) is a ValidationError with a
    plain message, which taggit's form field passes on to the form.
    """
    names = []
    problems = []
    seen = set()
    for part in (text or "").split(","):
        name = clean_name(clean_name(part).strip("\"'“”‘’ "))
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        problem = tag_name_problem(name)
        if problem:
            problems.append(problem)
        else:
            names.append(name)
    if problems:
        raise forms.ValidationError(problems)
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
            *(
                tag.name if isinstance(tag, Tag) else tag
                for tag in resolve_tag_names(tags, create=False)
            )
        )
