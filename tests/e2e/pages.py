def public_paths(article):
    """One page of each public kind, for checks that must hold on every public page."""
    return [
        "/",
        "/articles/",
        article.get_absolute_url(),
        "/glossary/",
        "/glossary/oxytocin/",
        "/references/",
        "/tags/",
        "/tags/hormones/",
        "/disclaimer/",
    ]
