"""Gate: no broken internal link or anchor anywhere in the site (as built for the browser tests)."""

from __future__ import annotations

from build_scripts.quality.gates import links


def test_no_broken_internal_link_or_anchor(site_dir, base_url):
    internal, external, broken = links.check(site_dir, base_url)
    assert internal > 100, f"only {internal} internal links found: is the site built?"
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(map(str, broken[:50]))
