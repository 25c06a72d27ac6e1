"""A public article's old address redirects to its new one (site_config/redirects.py).

Drafts and scheduled articles were never public: their renames leave nothing.
"""

from site_config.redirects import redirect_renames

from .models import Article

receivers = redirect_renames(Article, lambda article: article.is_public)
