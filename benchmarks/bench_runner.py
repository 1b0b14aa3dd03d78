"""Benchmark of the book's in-page runner (issue 10): needs the built book (`make book`).

Prints, measured with Playwright + Debian Chromium and every non-local request blocked:
- start-up as a reader meets it (issue 18): the first output after pressing Run on a page of a
  fresh browser (cold, goal <= 5 s), then on a second page of the same browser (its caches warm:
  HTTP cache and the runner's Cache API copy of Python, goal <= 2 s), and how long until the
  page said anything after Run (goal <= 0.1 s). This browser blocks other hosts by its resolver,
  not by request routing, which would switch the HTTP cache off;
- per page: cells ok / failed / not-done / expected-error / unavailable (`bookRunner.runAll()`);
- time from pressing Run on a fresh page to the first output (cold: a new browser context);
- the later cells' times (median and slowest), and the draw_dot cells';
- chapter 6's training loop in the page vs natively (same code, this machine's CPython);
- bytes the runner adds to a page before the first Run, and the site's size.

Usage: .venv/bin/python benchmarks/bench_runner.py [docname ...]
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the tests' helpers import `scripts`

from book_fixtures import chapter_docnames, exercise_docnames, require_html  # noqa: E402
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, chromium, new_context, serve, watch  # noqa: E402
from runner_helpers import code_cells  # noqa: E402

TRAINING = ("book/06_mlp_training", "history = ")  # the chapter's moons training loop
STARTUP_PAGES = ("book/02_chain_rule", "book/03_value")  # cold, then the second page
STATUSES = ("ok", "failed", "not-done", "expected-error", "unavailable", "error")


def size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def first_output(browser, site, docname):
    """(seconds from Run to the first output, runner bytes before Run, page bytes before Run)."""
    context, log = new_context(browser, site)
    context.set_default_timeout(600_000)
    page = watch(context.new_page(), log)
    bodies = []
    page.on("requestfinished", lambda r: bodies.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(f"{site}/{docname}.html", wait_until="load")
    page.wait_for_timeout(500)
    runner_bytes = sum(n for url, n in bodies if "/_static/runner/" in url)
    page_bytes = sum(n for _, n in bodies)
    cells = code_cells(docname)
    hosts = page.locator(".runner-host").evaluate_all("hs => hs.map(h => h.id)")
    target = next((h for h in hosts if cells[int(h.rsplit("-", 1)[1])].outputs), hosts[0])
    start = time.perf_counter()
    page.locator(f"#{target} > .runner-tools button[data-action=run]").click()
    page.wait_for_function(
        f"() => document.querySelector('#{target} .runner-state').textContent.includes('(')"
    )
    seconds = time.perf_counter() - start
    results = page.evaluate("() => window.bookRunner.runAll()")
    context.close()
    return seconds, runner_bytes, page_bytes, results


def run_until_output(page, host):
    """Press Run on `host` (an element id); (seconds to its first output, seconds to feedback)."""
    timing = page.evaluate(
        """(host) => new Promise((resolve) => {
          const cell = document.getElementById(host);
          const start = performance.now();
          let feedback = null;
          const seen = () => {
            const status = document.querySelector('.runner-bar .runner-status').textContent;
            const state = cell.querySelector('.runner-state').textContent;
            if (feedback === null && /Starting|starting|running/.test(status + state)) {
              feedback = performance.now() - start;
            }
            if (cell.querySelector('.runner-output')?.textContent.trim()
                || cell.querySelector('.runner-output svg')) {
              observer.disconnect();
              resolve([(performance.now() - start) / 1000, feedback / 1000]);
            }
          };
          const observer = new MutationObserver(seen);
          observer.observe(document.body, {subtree: true, childList: true, characterData: true});
          cell.querySelector('.runner-tools button[data-action=run]').click();
          seen();
        })""",
        host,
    )
    return timing


def startup(site):
    """(cold seconds, feedback seconds, second-page seconds): one fresh browser, two pages."""
    from playwright.sync_api import sync_playwright

    local = site.split("//", 1)[1].split(":", 1)[0]
    rules = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {local}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rules], headless=True
        )
        context = browser.new_context(service_workers="block")
        context.set_default_timeout(600_000)
        times = []
        for docname in STARTUP_PAGES:
            page = context.new_page()
            page.goto(f"{site}/{docname}.html", wait_until="load")
            host = page.locator(".runner-host").nth(1).get_attribute("id")
            times.append(run_until_output(page, host))
            page.close()
        browser.close()
    (cold, feedback), (second, _) = times
    return cold, feedback, second


def native_training_seconds(docname, marker):
    """Run the chapter's cells natively up to the training cell; time that cell alone."""
    import contextlib
    import io
    import os

    os.environ.setdefault("MPLBACKEND", "Agg")
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in code_cells(docname):
            if "bootstrap" in cell.metadata.get("tags", []):
                continue
            if marker in cell.source:
                start = time.perf_counter()
                exec(compile(cell.source, "<training>", "exec"), namespace)
                return time.perf_counter() - start, cell
            exec(compile(cell.source, "<cell>", "exec"), namespace)
    raise SystemExit(f"{docname}: no cell containing {marker!r}")


def main(argv):
    html = require_html()
    docnames = argv or list(chapter_docnames()) + list(exercise_docnames())
    rows, later, graphs, runner_sizes = [], [], [], []
    with serve(html) as site:
        cold, feedback, second = startup(site)
        print(
            f"start-up: feedback after Run {1000 * feedback:.0f} ms (goal <= 100 ms); first output "
            f"cold {cold:.1f} s (goal <= 5 s, ratio {cold / 5:.2f}); second page {second:.1f} s "
            f"(goal <= 2 s, ratio {second / 2:.2f})",
            flush=True,
        )
    with serve(html) as site, chromium() as browser:
        for docname in docnames:
            seconds, runner_bytes, page_bytes, results = first_output(browser, site, docname)
            shown = [r for r in results if not r["hidden"]]
            count = {s: sum(r["status"] == s for r in shown) for s in STATUSES}
            rows.append((docname, count, len(shown), seconds, runner_bytes, page_bytes))
            runner_sizes.append(runner_bytes)
            cells = code_cells(docname)
            for r in shown[1:]:
                later.append(r["seconds"])
                if "draw" in cells[r["index"]].source and r["status"] == "ok":
                    graphs.append(r["seconds"])
                if docname == TRAINING[0] and TRAINING[1] in cells[r["index"]].source:
                    in_page = r["seconds"]
            print(
                f"{docname:28} "
                + " / ".join(f"{s} {count[s]:2}" for s in STATUSES)
                + f" of {len(shown):2} | "
                f"first output {seconds:5.1f} s | runner bytes before Run {runner_bytes:6,} "
                f"(page {page_bytes:,})",
                flush=True,
            )
    chapters = [r for r in rows if r[0].startswith("book/")]
    ok = sum(r[1]["ok"] for r in chapters)
    total = sum(r[2] for r in chapters)
    if total:
        print(f"chapters: {ok} of {total} cells ok ({100 * ok / total:.0f} %)")
    print(
        f"first output after Run, fresh page: median {statistics.median(r[3] for r in rows):.1f} s, "
        f"range {min(r[3] for r in rows):.1f}-{max(r[3] for r in rows):.1f} s"
    )
    if later:
        print(
            f"later cells (goal <= 0.3 s): median {statistics.median(later):.2f} s "
            f"(ratio {statistics.median(later) / 0.3:.2f}), 90th percentile "
            f"{sorted(later)[int(0.9 * len(later))]:.2f} s, slowest {max(later):.2f} s"
        )
    if graphs:
        print(
            f"draw_dot cells: median {statistics.median(graphs):.2f} s, slowest {max(graphs):.2f} s"
        )
    if TRAINING[0] in docnames:
        native, _ = native_training_seconds(*TRAINING)
        print(
            f"chapter 6 training loop: in the page {in_page:.2f} s vs native {native:.2f} s "
            f"(ratio {in_page / native:.1f}x)"
        )
    print(f"runner bytes before the first Run: at most {max(runner_sizes):,} per page")
    assets = html / "_static" / "runner"
    print(f"site: {size(html) / 1e6:.1f} MB, of which the runner {size(assets) / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
