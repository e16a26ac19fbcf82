"""Pipeline of the Russia–North Korea explainer.

Stages, each a function from files to files, runnable alone through
``python -m build_scripts <stage>`` (see ``cli.py``):

- ``check``   validate corpus/ and data/ and report every problem at once;
- ``extract`` draft records from articles into a directory;
- ``add``     put a new article in corpus/ and merge its drafts into data/;
- ``eval``    score the extraction against the reviewed data;
- ``export``  write the JSON/CSV downloads;
- ``charts``  write the Plotly figure specs;
- ``build``   everything above that the site needs, then ``mkdocs build``.
"""
