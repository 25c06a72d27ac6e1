"""A published term's old address redirects to its new one (site_config/redirects.py).

Unpublished terms leave nothing.
"""

from site_config.redirects import redirect_renames

from .models import Term

receivers = redirect_renames(Term, lambda term: term.is_published)
