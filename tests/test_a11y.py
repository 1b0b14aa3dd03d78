"""Accessibility of the built book in a real browser: an axe-core audit of every page at
desktop width, at phone width (320 px) and in dark mode, keyboard operation of the two
widgets, no sideways scrolling on a 320 px or 375 px phone, and the widgets' print fallback.

axe-core comes from node_modules (`make node`, pinned in package-lock.json). The counts per
page kind and impact go to _build/a11y-report.json and are printed by the last test.
"""

import json
from collections import Counter, defaultdict

import pytest
from book_fixtures import ROOT, toc_docnames
from browser_helpers import (
    axe_violations,
    new_context,
    session_browser,
    session_site,
    wait_until_settled,
    watch,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

PAGES = list(toc_docnames()) + ["search", "genindex", "404"]
MODES = {
    "desktop": ({"width": 1280, "height": 900}, "light"),
    "phone-320": ({"width": 320, "height": 720}, "light"),
    "phone-375": ({"width": 375, "height": 800}, "light"),
    "dark": ({"width": 1280, "height": 900}, "dark"),
}
# axe at one phone width: 375 px has the same layout as 320 px (the theme's breakpoints are
# wider); it is still checked for sideways scrolling
AUDITED = ("desktop", "phone-320", "dark")
BLOCKING = ("critical", "serious")
REPORT = ROOT / "_build" / "a11y-report.json"
COUNTS = defaultdict(Counter)  # page kind -> Counter of impact


def kind(docname):
    if docname.startswith("solutions/"):
        return "exercise page"
    if docname[len("book/") : len("book/") + 2].isdigit():
        return "chapter"
    return "other page"


@pytest.fixture(scope="module")
def site():
    return session_site()


@pytest.fixture(scope="module")
def browser():
    return session_browser()


def open_page(browser, site, docname, mode):
    viewport, scheme = MODES[mode]
    context, log = new_context(browser, site, color_scheme=scheme, viewport=viewport)
    page = watch(context.new_page(), log)
    page.goto(f"{site}/{docname}.html", wait_until="load")
    wait_until_settled(page)
    # the theme adds tab stops to scrollable code blocks after layout settles
    page.wait_for_timeout(400)
    return context, page, log


@pytest.mark.parametrize("docname", PAGES)
def test_axe_audit(browser, site, docname):
    """The page loaded once, audited at each width and colour scheme in turn."""
    context, page, log = open_page(browser, site, docname, "desktop")
    blocking, overflows = [], {}
    try:
        for mode, (viewport, scheme) in MODES.items():
            page.set_viewport_size(viewport)
            page.emulate_media(color_scheme=scheme)
            # the theme follows the colour scheme (later on a busy machine: wait up to 15 s
            # for it) and re-adds tab stops after a resize
            try:
                page.wait_for_function(
                    "s => document.documentElement.dataset.theme === s", arg=scheme, timeout=15_000
                )
            except PlaywrightTimeout:
                theme = page.evaluate("() => document.documentElement.dataset.theme")
                pytest.fail(f"{docname} ({mode}): data-theme is {theme}, not {scheme}")
            page.wait_for_timeout(400)
            for v in axe_violations(page) if mode in AUDITED else []:
                COUNTS[f"{kind(docname)} / {mode}"][v["impact"]] += v["count"]
                if v["impact"] in BLOCKING:
                    blocking.append((mode, v))
            if mode.startswith("phone"):
                overflows[mode] = page.evaluate(
                    "() => document.documentElement.scrollWidth"
                    " - document.documentElement.clientWidth"
                )
    finally:
        context.close()
    assert not blocking, f"{docname}:\n" + "\n".join(
        f"  [{mode}] {v['impact']} {v['id']} x{v['count']}: {v['help']} {v['targets']}"
        for mode, v in blocking
    )
    wide = {mode: px for mode, px in overflows.items() if px > 0}
    assert not wide, f"{docname} scrolls sideways (px): {wide}"
    assert not log.problems(), "\n".join(log.problems())


def test_axe_report():
    """Writes and prints the audit's counts (runs after the audits above)."""
    assert COUNTS, "the axe audits did not run"
    report = {key: dict(counter) for key, counter in sorted(COUNTS.items())}
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2) + "\n")
    print("\naxe-core violations (nodes) per page kind and mode:")
    for key, counter in report.items():
        print(f"  {key}: " + ", ".join(f"{k} {n}" for k, n in sorted(counter.items())))
    assert not any(counter.get(level) for counter in report.values() for level in BLOCKING)


def frame_shown(page):
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#backprop-steps .bp-frame'))
                 .filter(f => !f.hidden).map(f => +f.dataset.step)"""
    )


def tab_to(page, selector, limit=400):
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_step_widget_works_with_the_keyboard(browser, site):
    context, page, log = open_page(browser, site, "book/04_topological_sort", "desktop")
    try:
        n = page.locator("#backprop-steps .bp-frame").count()
        assert n >= 3 and frame_shown(page) == [1]
        assert page.locator("#backprop-steps .bp-prev").is_disabled()
        tab_to(page, "#backprop-steps .bp-next")
        page.keyboard.press("Enter")
        assert frame_shown(page) == [2]
        page.keyboard.press("Space")
        assert frame_shown(page) == [3]
        tab_to(page, "#backprop-steps input[type=range]")
        page.keyboard.press("ArrowLeft")
        assert frame_shown(page) == [2]
        page.keyboard.press("End")
        assert frame_shown(page) == [n]
        assert page.locator("#backprop-steps .bp-next").is_disabled()
        assert page.locator("#backprop-steps .bp-counter").inner_text() == f"Step {n} of {n}"
        # print shows every frame and no controls
        page.emulate_media(media="print")
        shown = page.locator("#backprop-steps .bp-frame:visible").count()
        assert shown == n, f"print shows {shown} of the {n} frames"
        assert not page.locator("#backprop-steps .bp-controls").is_visible()
    finally:
        context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_animation_works_with_the_keyboard(browser, site):
    context, page, log = open_page(browser, site, "book/06_mlp_training", "desktop")
    img = "#_anim_imgmoons_training"
    try:
        page.wait_for_function(f"() => document.querySelector('{img}').naturalWidth > 0")
        src = lambda: page.get_attribute(img, "src")  # noqa: E731
        first = src()
        tab_to(page, "#_anim_slidermoons_training")
        page.keyboard.press("ArrowRight")
        second = src()
        assert second != first, "the arrow key on the slider did not change the frame"
        tab_to(page, "button[title='Next frame']")
        page.keyboard.press("Enter")
        assert src() not in (first, second), "Enter on 'Next frame' did not change the frame"
        tab_to(page, "button[title='Last frame']")
        page.keyboard.press("Enter")
        frames = int(page.get_attribute("#_anim_slidermoons_training", "max"))
        assert page.input_value("#_anim_slidermoons_training") == str(frames)
        # print: the player is replaced by its first and last frame
        page.emulate_media(media="print")
        assert not page.locator(img).is_visible()
        printed = page.locator(".anim-player .anim-print img")
        assert printed.count() == 2 and all(
            printed.nth(i).is_visible() and printed.nth(i).get_attribute("alt") for i in range(2)
        )
        assert printed.nth(1).get_attribute("src") == src(), (
            "the last printed frame is not the last"
        )
    finally:
        context.close()
    assert not log.problems(), "\n".join(log.problems())
