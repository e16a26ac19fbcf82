"""Every page loads in Chromium with no console error and no request to another host."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from chartdom import wait_drawn

from build_scripts.quality.gates import probe, templates

REPORT_HREF = "issues/new?template=correction.yml"
MISSING = "page-qui-n-existe-pas/"  # served with 404.html, status 404, like GitHub Pages


def test_every_page_loads_without_error_or_foreign_request(browser, site_dir, base_url):
    paths = templates.all_pages(site_dir) + [MISSING]
    assert len(paths) >= 9, f"only {len(paths)} pages built"
    problems, loaded = [], 0
    report = probe.PageReport(base_url)
    context = probe.new_context(browser)
    probe.watch(context, report)
    page = context.new_page()
    try:
        for path in paths:
            n_err, n_foreign, n_failed = (
                len(report.console_errors),
                len(report.foreign_requests),
                len(report.failed_requests),
            )
            response = page.goto(base_url + path, wait_until="load")
            probe.settle(page)
            wait_drawn(page, 5000)
            loaded += 1
            expected = 404 if path == MISSING else 200
            if response is None or response.status != expected:
                problems.append(f"/{path}: HTTP {response.status if response else '?'}")
            for err in report.console_errors[n_err:]:
                if not (path == MISSING and "status of 404" in err):  # the page itself, as asked
                    problems.append(f"/{path}: console error: {err}")
            for url in report.foreign_requests[n_foreign:]:
                problems.append(f"/{path}: request to another host: {url}")
            for failed in report.failed_requests[n_failed:]:
                # net::ERR_ABORTED: a request the browser dropped when the test moved to the next page.
                if not (path == MISSING and failed.endswith(MISSING)) and "ERR_ABORTED" not in failed:
                    problems.append(f"/{path}: failed request: {failed}")
    finally:
        context.close()
    assert loaded == len(paths)
    assert not problems, "\n".join(problems)


def _reported_page(href: str) -> str | None:
    """The page address a link to the correction form pre-fills, or None if it is not that link."""
    if REPORT_HREF not in href:
        return None
    return parse_qs(urlsplit(href).query).get("page", [None])[0]


def test_every_page_links_to_the_correction_form(browser, site_dir, base_url):
    """The footer's « Signaler une erreur » opens the issue form .github/ISSUE_TEMPLATE/correction.yml
    with the field « Adresse de la page » filled with the page's address, in the HTML itself (no
    script needed) and still after an instant navigation to another page."""
    paths = templates.all_pages(site_dir)
    context = probe.new_context(browser)
    page = context.new_page()
    missing = []
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="domcontentloaded")
            links = page.get_by_role("link", name="Signaler une erreur", exact=True)
            hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
            if not any(_reported_page(h) == base_url + path for h in hrefs):
                missing.append(f"/{path}: no link « Signaler une erreur » for this page (found {hrefs})")
        # instant navigation keeps the footer: the link must follow the page shown
        page.goto(base_url, wait_until="load")
        page.locator("nav a[href$='contexte/']").first.click()
        page.wait_for_url("**/contexte/")
        page.wait_for_function("document.querySelector('a.rpdc-report').href.includes('contexte')")
        href = page.locator("a.rpdc-report").first.get_attribute("href") or ""
        if _reported_page(href) != base_url + "contexte/":
            missing.append(f"after instant navigation to /contexte/, the link reports {_reported_page(href)}")
    finally:
        context.close()
    assert paths
    assert not missing, "\n".join(missing)
