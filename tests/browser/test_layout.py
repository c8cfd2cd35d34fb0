"""Layout facts of the demo on phones and at 200 % zoom, measured in Chromium.

Nothing is compared pixel by pixel: each test asserts what a visitor would
notice (sideways scrolling, an amount broken over two lines, text too small to
read, a focus ring that cannot be seen, a heading that does not grow).
"""

import pytest

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 375, 414)
REGISTER = "/iop/"
CALENDAR = "/moten-och-evenemang/"

# Elements holding an amount, a date, a time or an organisation number: the
# lines their text is laid out on (several for one that breaks inside).
BROKEN_NUMBERS = """() => {
  const broken = [];
  for (const el of document.querySelectorAll('.sv-nowrap, .sv-number, time:not(.sv-wrap)')) {
    if (!el.offsetParent && el.getClientRects().length === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set();
    for (const rect of range.getClientRects()) {
      if (rect.width > 0 && rect.height > 0) tops.add(Math.round(rect.bottom));
    }
    if (tops.size > 1) broken.push(el.textContent.trim());
  }
  return broken;
}"""

# Visible text rendered below 12 CSS pixels (SVG text at its drawn scale).
SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    if (el.closest('.sv-visually-hidden, [aria-hidden="true"] title, title, desc')) continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      size = size * el.getScreenCTM().a;
    }
    if (size < 12) small.push([el.tagName, el.textContent.trim().slice(0, 40), size]);
  }
  return small;
}"""


def first_link(page, base, url, selector):
    page.goto(base + url)
    return page.eval_on_selector(selector, "el => el.href")


@pytest.fixture(scope="module")
def demo_urls(demo_site, browser):
    """The register (cards and list), an IOP with a funding table, the calendar
    and one event page of the demo."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site + REGISTER)
    iop_links = page.eval_on_selector_all(
        ".sv-card-title a", "els => els.map(e => e.href)"
    )
    iop = None
    for href in iop_links:
        page.goto(href)
        if page.locator(".sv-table-wrap").count():
            iop = href
            break
    assert iop, "no IOP of the demo has a funding table"
    event = first_link(page, demo_site, CALENDAR, ".sv-event__title a")
    context.close()
    return {
        "register": demo_site + REGISTER,
        "register_list": demo_site + REGISTER + "?view=list",
        "iop": iop,
        "calendar": demo_site + CALENDAR,
        "event": event,
    }


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_phones_neither_scroll_sideways_nor_break_numbers(browser, demo_urls, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for name, url in demo_urls.items():
        page.goto(url)
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            problems[f"{name}: overflow"] = (scroll_width, inner_width)
        broken = page.evaluate(BROKEN_NUMBERS)
        if broken:
            problems[f"{name}: broken"] = broken
        small = page.evaluate(SMALL_TEXT)
        if small:
            problems[f"{name}: text below 12 px"] = small
    context.close()
    assert not problems, problems


def test_the_checks_catch_a_broken_amount(browser, demo_urls):
    """The harness works: an amount that wraps and tiny text are found."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(demo_urls["register"])
    page.evaluate(
        """document.querySelector('main').insertAdjacentHTML('beforeend',
        '<p style="width: 3em"><span class="sv-nowrap" style="white-space: normal">'
        + '4 490 000 kr</span></p><p style="font-size: 8px">liten</p>')"""
    )
    assert "4 490 000 kr" in page.evaluate(BROKEN_NUMBERS)
    assert any(text == "liten" for _tag, text, _size in page.evaluate(SMALL_TEXT))
    context.close()


def test_the_funding_table_is_a_tab_stop_only_when_it_scrolls(browser, demo_urls):
    for width, scrolls in ((320, True), (1280, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(demo_urls["iop"])
        wrap = page.locator(".sv-table-wrap")
        overflows = wrap.evaluate("el => el.scrollWidth > el.clientWidth")
        assert overflows is scrolls, width
        assert (wrap.get_attribute("tabindex") == "0") is scrolls, width
        # Named by the table's caption, not by the section's heading again.
        assert (
            wrap.evaluate(
                "el => document.getElementById(el.getAttribute('aria-labelledby')).textContent"
            )
            != page.locator("#sv-funding-heading").inner_text()
        )
        context.close()


def test_no_region_sits_inside_a_region_of_the_same_name(browser, demo_urls):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_urls["iop"])
    nested = page.evaluate(
        """() => {
      const name = el => (el.getAttribute('aria-labelledby') || '').split(' ')
        .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim()
        || el.getAttribute('aria-label') || '';
      const regions = [...document.querySelectorAll(
        '[role=region], section[aria-labelledby], section[aria-label]')];
      const found = [];
      for (const inner of regions) {
        for (const outer of regions) {
          if (outer !== inner && outer.contains(inner) && name(outer) === name(inner)) {
            found.push(name(inner));
          }
        }
      }
      return found;
    }"""
    )
    context.close()
    assert nested == []


def relative_luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two):
    light, dark = sorted(
        (relative_luminance(one), relative_luminance(two)), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)


FOCUS_COLOURS = """el => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const style = getComputedStyle(el);
  let node = el.parentElement, background = null;
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    const parts = colour.match(/[\\d.]+/g);
    if (parts && (parts.length < 4 || Number(parts[3]) > 0)) { background = rgb(colour); break; }
    node = node.parentElement;
  }
  return {
    outline: rgb(style.outlineColor),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    background: background || [255, 255, 255],
  };
}"""


@pytest.mark.parametrize(
    ("where", "selector", "width"),
    [
        ("footer", ".site-footer a", 1280),
        ("home page card", "main .card a", 1280),
        ("register card", ".sv-card a", 1280),
        ("funding table", ".sv-table-wrap", 320),
    ],
)
def test_focus_rings_stand_out_from_their_background(
    browser, demo_site, demo_urls, where, selector, width
):
    """WCAG 1.4.11: the focus outline has at least 3:1 against what is behind it."""
    urls = {"footer": demo_site + "/", "home page card": demo_site + "/"}
    url = urls.get(where) or (
        demo_urls["iop"] if where == "funding table" else demo_urls["register"]
    )
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    target = page.locator(selector).first
    if not target.count():
        context.close()
        pytest.skip(f"no {where} on the demo page")
    # A key press first, so that the browser shows focus as for a keyboard user.
    page.keyboard.press("Shift")
    target.evaluate("el => el.focus()")
    assert target.evaluate("el => el.matches(':focus-visible')")
    colours = target.evaluate(FOCUS_COLOURS)
    context.close()
    assert colours["style"] != "none" and colours["width"] >= 2, colours
    ratio = contrast(colours["outline"], colours["background"])
    assert ratio >= 3, (where, colours, round(ratio, 2))


@pytest.mark.parametrize("path", ["/", REGISTER, CALENDAR])
def test_the_main_heading_doubles_when_the_text_does(browser, demo_site, path):
    """WCAG 1.4.4: with the text at 200 % the h1 is twice as large too."""
    for width in (1280, 640, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(demo_site + path)
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
        )
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        doubled = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
        )
        context.close()
        assert doubled == pytest.approx(2 * size, rel=0.01), (width, size, doubled)
