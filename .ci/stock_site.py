"""Follow docs/installation.md on a stock ``wagtail start`` site, with the built wheel.

Usage: python .ci/stock_site.py <wheel> <empty work folder>

Makes a virtual environment, installs the wheel (which brings Wagtail and
Django), creates a site with ``wagtail start``, applies the guide's steps
(its settings and URL code blocks are taken from the guide itself), migrates,
creates one page of every type, and checks that each renders inside the
host's template with the package's stylesheet, that every file route
answers, and that the package's system checks are silent.
"""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "installation.md"


def run(*command, cwd=None):
    print("$", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True
    )
    if completed.returncode:
        sys.exit(f"failed:\n{completed.stdout[-4000:]}\n{completed.stderr[-4000:]}")
    return completed.stdout


def guide_block(needle):
    """The guide's first ```python block that contains ``needle``."""
    for block in re.findall(r"```python\n(.*?)```", GUIDE.read_text(), re.S):
        if needle in block:
            return block
    sys.exit(f"docs/installation.md has no python block with {needle!r}")


def add_apps(settings):
    # Step 2: the apps the guide lists, before Wagtail's own.
    block = guide_block("INSTALLED_APPS")
    apps = re.findall(r'^\s*"([a-z_.]+)",', block, re.M)
    assert apps == ["wagtail_samverkan", "wagtail.contrib.routable_page"], apps
    text = settings.read_text()
    anchor = '    "search",\n'
    assert anchor in text, "the stock settings changed: no 'search' app"
    lines = "".join(f'    "{app}",\n' for app in apps if f'"{app}"' not in text)
    settings.write_text(text.replace(anchor, anchor + lines, 1))


def add_setting(settings):
    # Step 3: the WAGTAIL_SAMVERKAN block as the guide shows it.
    block = guide_block("WAGTAIL_SAMVERKAN = {")
    settings.write_text(settings.read_text() + "\n" + block)


def include_urls(urls):
    # Step 4: the package's patterns before Wagtail's.
    block = guide_block('include("wagtail_samverkan.urls")')
    line = next(
        line.strip() for line in block.splitlines() if "wagtail_samverkan.urls" in line
    )
    text = urls.read_text()
    anchor = '    path("", include(wagtail_urls)),\n'
    assert text.count(anchor) == 1, "the stock urls.py changed"
    urls.write_text(text.replace(anchor, f"    {line}\n{anchor}", 1))


PAGES = textwrap.dedent(
    """
    import datetime, json, sys
    from django.test import Client
    from wagtail.models import Site
    from wagtail_samverkan.models import (
        AgreementIndexPage, AgreementPage, EventIndexPage, EventPage,
        MunicipalBody, PartnershipIndexPage, PartnershipPage,
    )

    home = Site.objects.get(is_default_site=True).root_page.specific

    def add(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page.__class__.objects.get(pk=page.pk)

    paragraph = json.dumps([{"type": "paragraph", "value": "<p>Text.</p>"}])
    agreements = add(home, AgreementIndexPage(title="Överenskommelsen", slug="overenskommelsen"))
    agreement = add(agreements, AgreementPage(
        title="Överenskommelse 2024", slug="overenskommelse-2024",
        decision_date=datetime.date(2024, 1, 1), valid_from=datetime.date(2024, 2, 1),
        body=paragraph, easy_read_body=paragraph,
    ))
    body = MunicipalBody.objects.create(name="Socialnämnden")
    register = add(home, PartnershipIndexPage(title="IOP", slug="iop"))
    iop = add(register, PartnershipPage(
        title="Läxhjälp", slug="läxhjälp", summary="Läxhjälp för barn.",
        responsible_body=body, start_date=datetime.date(2024, 1, 1),
    ))
    calendar = add(home, EventIndexPage(title="Möten", slug="möten"))
    event = add(calendar, EventPage(
        title="Föreningsfrukost", slug="föreningsfrukost",
        start_date=datetime.date.today() + datetime.timedelta(days=7),
        start_time=datetime.time(8, 0), end_time=datetime.time(9, 0),
        venue="Stadshuset",
    ))

    client = Client()
    failures = []
    def get(url, page=True):
        response = client.get(url)
        if response.status_code != 200:
            failures.append(f"{url}: {response.status_code}")
            return ""
        if not page:
            return response
        html = response.content.decode()
        # The host's own template, with the package's stylesheet linked.
        for needle in ("css/stocksite.css", "wagtail_samverkan/samverkan.css"):
            if needle not in html:
                failures.append(f"{url}: no {needle}")
        return html

    for page in (agreements, agreement, register, iop, calendar, event):
        get(page.url)
    get(agreement.url + "lattlast/")
    get(calendar.url + "arkiv/")
    for url in (
        register.url + "export.csv", register.url + "export.json",
        register.url + "schema.json", calendar.url + "calendar.ics",
        event.url + "event.ics",
    ):
        get(url, page=False)
    # The event page offers its own calendar file (a Unicode slug).
    if "event.ics" not in get(event.url):
        failures.append(f"{event.url}: no link to event.ics")
    if failures:
        sys.exit("\\n".join(failures))
    print("every page and file answered")
    """
)


def main(wheel, workdir):
    wheel, workdir = Path(wheel).resolve(), Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    venv = workdir / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    run(venv / "bin" / "wagtail", "start", "stocksite", cwd=workdir)
    site = workdir / "stocksite"
    settings = site / "stocksite" / "settings" / "base.py"
    add_apps(settings)
    add_setting(settings)
    include_urls(site / "stocksite" / "urls.py")
    manage = [python, site / "manage.py"]
    run(*manage, "migrate", "--noinput", "-v", "0", cwd=site)
    checks = run(*manage, "check", cwd=site)
    if "wagtail_samverkan." in checks:
        sys.exit(f"the package's checks are not silent:\n{checks}")
    print(run(*manage, "shell", "-c", PAGES, cwd=site))
    print(
        run(
            python,
            "-c",
            "import django, wagtail; print('Django', django.get_version(), 'Wagtail', wagtail.__version__)",
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
