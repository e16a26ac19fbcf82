"""Measures of the other stages, never imported by the build.

- ``evaluate`` extraction accuracy on the corpus (``python -m build_scripts eval``);
- ``devset``   extraction accuracy on a development set's gold (``python -m build_scripts eval --gold DIR``);
- ``bench``    speed and weight figures (``python -m build_scripts bench``);
- ``weight``   bytes per page of a built site;
- ``gates``    browser, axe, Lighthouse, links and weight gates (``python -m build_scripts.quality.gates``).
"""
