"""The site stage: a valid Dataset in; pages, chart figures, downloads and site/ out.

- ``pages``   the generated pages (``python -m build_scripts pages --out DIR``): data arranged
              for the Jinja2 templates of ``templates/`` (``render`` sets them up, escaping on);
- ``charts``  the Plotly figure specs (``python -m build_scripts charts --out DIR``);
- ``export``  the downloads: YAML, JSON, CSV, schemas (``python -m build_scripts export --out DIR``);
- ``markup``  escaping and links for the generated pages;
- ``finish``  the last step on a built site, whatever engine built it: the search index
              (``python -m build_scripts finish SITE_DIR``);
- ``build``   check, ``mkdocs build``, finish, into site/ (``python -m build_scripts build``).

Uses the dataset stage only; never extraction or quality.
"""
