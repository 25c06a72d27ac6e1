"""The editors' workplace for articles, sections, references and tags (one module each)."""

from . import article, reference, retraction, reviewer, section, tag  # noqa: F401 (each registers its admin)
