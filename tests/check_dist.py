"""Check the built wheel and sdist in a folder: what must be in them, and what must not.

Usage: python tests/check_dist.py dist
"""

import sys
import tarfile
import zipfile
from pathlib import Path

PACKAGE_FILES = [
    "wagtail_samverkan/templates/wagtail_samverkan/base.html",
    "wagtail_samverkan/templates/wagtail_samverkan/includes/head.html",
    "wagtail_samverkan/static/wagtail_samverkan/samverkan.css",
    "wagtail_samverkan/locale/sv/LC_MESSAGES/django.po",
    "wagtail_samverkan/locale/sv/LC_MESSAGES/django.mo",
    "wagtail_samverkan/migrations/0001_initial.py",
    "wagtail_samverkan/partnerships/schemas/partnerships-1.1.schema.json",
]


def check_wheel(path):
    names = zipfile.ZipFile(path).namelist()
    missing = [name for name in PACKAGE_FILES if name not in names]
    if not any(name.endswith(".dist-info/licenses/LICENSE") for name in names):
        missing.append("LICENSE")
    leaked = [n for n in names if n.startswith(("tests/", "example_site/", "docs/"))]
    return names, missing, leaked


def check_sdist(path):
    with tarfile.open(path) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    need = [*PACKAGE_FILES, "LICENSE", "README.md", "CHANGELOG.md", "docs/index.md"]
    missing = [name for name in need if name not in names]
    leaked = [n for n in names if n.startswith(("example_site/", ".venv", "var/"))]
    return names, missing, leaked


def main(folder):
    folder = Path(folder)
    wheels = list(folder.glob("*.whl"))
    sdists = list(folder.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        sys.exit(
            f"expected one wheel and one sdist in {folder}, found {wheels + sdists}"
        )
    failed = False
    for path, check in ((wheels[0], check_wheel), (sdists[0], check_sdist)):
        names, missing, leaked = check(path)
        if missing or leaked:
            failed = True
            print(f"{path.name}: missing {missing}, should not contain {leaked[:5]}")
        else:
            print(f"{path.name}: ok, {len(names)} files")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist")
