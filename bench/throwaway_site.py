"""Django set up for a throwaway site in a temporary folder, as the in-process benches use it:
production settings (DEBUG off, plain http), a fresh SQLite database and media folder there,
no Redis."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def set_up_django(folder, name, **environment):
    """Point the site at `folder` (database `<name>.sqlite3`, media) and start Django;
    `environment` adds or overrides variables (e.g. NO_CACHE="1")."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / f'{name}.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("SECRET_KEY", f"{name}-only")
    os.environ["DEBUG"] = "0"
    os.environ["HTTPS"] = "0"
    os.environ.update(environment)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
