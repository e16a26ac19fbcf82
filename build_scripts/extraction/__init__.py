"""The extraction stage: articles in, draft records (events, quotes, actors, dates) out.

- ``nlp``     spaCy's French model plus rules: dates, quotes and speakers, actors, events;
- ``extract`` one article -> drafts (cached per article), ``python -m build_scripts extract``;
- ``merge``   drafts merged into data/ without touching reviewed records or hand edits;
- ``add``     a new article into corpus/ with its drafts into data/; ``redraft``.

Uses the dataset stage (corpus, YAML I/O, registry of actors); nothing from site or quality.
"""
