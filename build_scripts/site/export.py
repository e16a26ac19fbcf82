"""The downloadable dataset: YAML as kept, JSON and CSV of the published records, schemas.

The YAML files are the editors' files, comments included, less any record still
marked ``review: draft``: what the site does not publish is not downloadable either.

Every file of ``plan(ds)`` is in one archive, ``rpdc-russie.zip``, with a LISEZMOI.txt that
says what each holds; the licence and the schemas are also downloadable one by one
(``ExportFile.alone``). The data files are in the archive only: the CSV, JSON and YAML files
hold the same records three times, 40 MB at a thousand articles, 4.6 MiB in the archive
(issue #15: the whole site's goal is 100 MiB; real text compresses about four times, the
synthetic corpus of the benchmark far more).

``write(ds, out)`` writes ``published(ds)`` (the archive and the files alone) into ``out``
(the hook calls it into site/donnees/); ``python -m build_scripts export --out DIR`` does the same.

CSV files are UTF-8 with a byte order mark, so that a spreadsheet set to a French
locale reads the accents right; cells that start with = + - @ (or a tab / carriage
return) are prefixed with an apostrophe so that a spreadsheet shows them as text
instead of running them as formulas.

The data is published under the Creative Commons Attribution 4.0 licence
(``LICENCE``): every download names it (LICENCE.txt, the JSON's ``licence`` key).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from build_scripts import dataset
from build_scripts.dataset import characters, corpus, schemas, wording, yamlio
from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.textfiles import atomic_write, atomic_write_bytes, read_text
from build_scripts.site import workers

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # spreadsheets read a UTF-8 CSV without it as their local code page
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.fr",
    "attribution": "Rédaction du projet RPDC–Russie, «\u202fRussie–Corée du Nord\u00a0: le rapprochement\u202f»",
}
LICENCE_TEXT = (
    "Données du site «\u202fRussie–Corée du Nord\u00a0: le rapprochement\u202f»\n\n"
    f"Licence : {LICENCE['name']}\n{LICENCE['url']}\n\n"
    "Vous pouvez copier, redistribuer, transformer et réutiliser ces données, y compris à des fins\n"
    "commerciales, à condition de citer la source :\n"
    f"  {LICENCE['attribution']}\n"
    "et d'indiquer si vous les avez modifiées.\n\n"
    "Les extraits d'articles (champs excerpt et text) restent la propriété de leurs auteurs et médias :\n"
    "ils sont cités à titre de source, et leur réutilisation relève du droit de citation.\n\n"
    "Fichier généré par build_scripts/site/export.py : ne pas le modifier à la main.\n"
)
SCHEMA_FR = {
    "defs": "Définitions communes aux autres schémas : identifiants, dates, sources.",
    "actors": "Champs d'un acteur et leur sens.",
    "places": "Champs d'un lieu et leur sens.",
    "events": "Champs d'un événement et leur sens.",
    "context": "Champs d'un fait hors corpus et de sa source publique, et leur sens.",
    "quotes": "Champs d'une citation et leur sens.",
    "article": "En-tête d'un article du corpus (front matter) et son sens.",
}
# CSV columns per kind: the schema's fields, in its order (lists joined, sources flattened).
LIST_SEP = " ; "
SOURCE_SEP = " | "


ARCHIVE = "rpdc-russie.zip"
ZIP_DAYS = (dt.date(1980, 1, 1), dt.date(2107, 12, 31))  # the days a ZIP file can give its files
README = "LISEZMOI.txt"
# The formats downloadable one by one besides the archive: the licence, and the schemas a validator
# reads from their address. ("CSV" here would give each CSV file an address of its own, which a
# spreadsheet or a charting tool can read from: 11.4 MiB more at 1,000 articles.)
ALONE = ("Texte", "JSON Schema")


@dataclass(frozen=True)
class ExportFile:
    name: str
    format: str
    description: str

    @property
    def alone(self) -> bool:
        """Whether the file is downloadable on its own, besides the archive."""
        return self.format in ALONE and self.name != README


def plan(ds) -> list[ExportFile]:
    """The files of the archive, in the order the Données page and LISEZMOI.txt list them: the
    CSV files, the licence, the JSON, the YAML, the schemas."""
    files = []
    for kind in dataset.KINDS:
        files.append(ExportFile(f"{kind}.csv", "CSV", f"Les {wording.published(kind)}, une ligne par enregistrement."))
    files.append(
        ExportFile(
            "articles.csv",
            "CSV",
            wording.typography(
                "Les articles du corpus : identifiant, titre, date, langue d'origine, "
                "média, comment il a été établi, signature, adresses."
            ),
        )
    )
    files.append(
        ExportFile(
            "LICENCE.txt",
            "Texte",
            wording.typography(f"La licence des données : {LICENCE['name']}, et la façon de citer la source."),
        )
    )
    files.append(
        ExportFile(
            "rpdc-russie.json",
            "JSON",
            "Tous les enregistrements publiés (acteurs, lieux, événements, faits hors corpus, citations), "
            "les métadonnées des articles et la licence.",
        )
    )
    for kind in dataset.KINDS:
        held = source_files(ds, kind)
        how = "tel que tenu" if held == f"data/{kind}.yaml" else "réunis en un fichier, tels que tenus"
        files.append(
            ExportFile(
                f"{kind}.yaml",
                "YAML",
                f"{held} {how} par la rédaction, commentaires compris ({wording.published(kind)}).",
            )
        )
    for name, what in SCHEMA_FR.items():
        files.append(ExportFile(f"schema/{name}.schema.json", "JSON Schema", wording.typography(what)))
    files.append(ExportFile(README, "Texte", wording.typography("La liste des fichiers de l'archive et leur contenu.")))
    return files


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: no formula, no control character (NUL, ESC...)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = characters.without_controls(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def flat(key: str, value) -> str:
    if isinstance(value, list):
        if key in ("sources", "disputes", "slips"):
            parts = []
            for s in value:
                if isinstance(s, dict):
                    head = s.get("article", "")
                    if key == "disputes":
                        head = f"{s.get('field', '')}={s.get('claim', '')} ({head})"
                    if "url" in s:  # a context record's public source
                        head = f"{s.get('outlet', '')}, {s.get('published', '')}, {s.get('url', '')}"
                    parts.append(f"{head}: {s.get('excerpt', '')}")
            return SOURCE_SEP.join(parts)
        return LIST_SEP.join(str(v) for v in value)
    return "" if value is None else str(value) if not isinstance(value, bool) else ("true" if value else "false")


def csv_text(ds, kind: str) -> str:
    cols = schemas.fields(kind)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for rec in ds.published(kind):
        w.writerow([safe_cell(flat(c, rec.get(c))) for c in cols])
    return buf.getvalue()


ARTICLE_KEYS = corpus.META_KEYS


def articles_meta(ds) -> list[dict]:
    return [{k: art.meta.get(k) for k in ARTICLE_KEYS} for art in ds.articles.values()]


def csv_bytes(text: str) -> str:
    """A CSV text as written: with the byte order mark a French spreadsheet needs."""
    return BOM + text


def json_text(ds) -> str:
    data = {
        "generated_by": "build_scripts/site/export.py (do not edit: generated from data/ and corpus/)",
        "licence": LICENCE,
        "articles": articles_meta(ds),
    }
    for kind in dataset.KINDS:
        data[kind] = ds.published(kind)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def yaml_text(ds, kind: str) -> str | None:
    """The editors' YAML, without its draft records (comments and order kept).

    A kind split over several files (data/events/2024.yaml...) is downloaded as one list: the
    files' texts one after the other, in reading order, each less its first (schema) line."""
    files = ds.files.get(kind) or []
    if not files or any(f.tree is None for f in files):
        return None
    texts = [_without_drafts(ds, f) for f in files]
    if len(files) == 1:
        return texts[0]
    header = (
        f"# Generated by build_scripts/site/export.py from {source_files(ds, kind)} (drafts left out), in one list.\n"
        "# Do not edit: edit the files of data/ and remake it with python -m build_scripts export --out DIR.\n"
    )
    published = [r for f in files for r in f.records if not _is_draft(r)]
    kept = [t for t, f in zip(texts, files, strict=True) if any(not _is_draft(r) for r in f.records)]
    if not all(_joinable(t) for t in kept):  # a file in flow style ([...]): no text to join
        return yamlio.dump(published, header)
    body = "".join(_without_schema_line(t) + ("" if t.endswith("\n") else "\n") for t in kept)
    return header + (body or "[]\n")


# A line that ends a YAML document or starts a directive: texts holding one cannot be joined.
_DOCUMENT_LINE = re.compile(r"^(?:---|\.\.\.|%)", re.M)


def _joinable(text: str) -> bool:
    """Whether a data file's text reads the same when put after another's: one document, a block
    list whose items start at the margin ("- id: ..."). Each file was read and checked alone, so
    its records are then the joined list's, without parsing the joined text again."""
    if _DOCUMENT_LINE.search(text):
        return False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        return line == "-" or line.startswith(("- ", "-\t"))
    return True  # comments only


def _without_schema_line(text: str) -> str:
    return text.split("\n", 1)[1] if text.startswith("# yaml-language-server:") and "\n" in text else text


def _without_drafts(ds, f) -> str:
    """A data file's text less its draft records (the round trip keeps the comments)."""
    text, _problems = read_text(ds.root / f.rel, f.rel)
    if text is None:  # changed since it was checked (a file swapped for a device...): nothing to copy
        return "[]\n"
    drafts = [i for i, r in enumerate(f.records) if _is_draft(r)]
    if not drafts:
        return text
    tree, _problems = yamlio.parse(text, f.rel)
    for i in reversed(drafts):
        del tree[i]
    return yamlio.dump(tree)


def source_files(ds, kind: str) -> str:
    """The editors' file(s) of a kind, in words: data/events.yaml, or data/events/*.yaml."""
    rels = [f.rel for f in ds.files.get(kind) or []]
    split = [r for r in rels if r.startswith(f"data/{kind}/")]
    if not split:
        return f"data/{kind}.yaml"
    return (f"data/{kind}.yaml et " if len(split) < len(rels) else "") + f"data/{kind}/*.yaml"


def _is_draft(rec) -> bool:
    return isinstance(rec, dict) and rec.get("review") == "draft"


def files(ds) -> dict[str, str | bytes]:
    """The files of the archive, by name (schemas under schema/): text, or bytes copied as they are
    (computed once per dataset: the Données page gives their sizes, the build writes them)."""
    return ds.cached(("export.files",), tuple(dataset.KINDS), lambda: _files(ds))


def _files(ds) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for kind in dataset.KINDS:
        text = yaml_text(ds, kind)
        if text is not None:
            out[f"{kind}.yaml"] = text
    out["rpdc-russie.json"] = json_text(ds)
    for kind in dataset.KINDS:
        out[f"{kind}.csv"] = csv_bytes(csv_text(ds, kind))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ARTICLE_KEYS)
    for a in articles_meta(ds):
        w.writerow([safe_cell(v) for v in a.values()])
    out["articles.csv"] = csv_bytes(buf.getvalue())
    out["LICENCE.txt"] = LICENCE_TEXT
    for name in schemas.NAMES:
        out[f"schema/{name}.schema.json"] = (schemas.SCHEMA_DIR / f"{name}.schema.json").read_bytes()
    out[README] = readme_text(ds)
    return out


def readme_text(ds) -> str:
    """LISEZMOI.txt: what the archive holds, file by file (the Données page's table, as text)."""
    lines = [
        "Données du site «\u202fRussie–Corée du Nord\u00a0: le rapprochement\u202f»",
        "",
        wording.typography("Cette archive contient tout le jeu de données du site, dans chacun de ses formats :"),
        "",
    ]
    for f in plan(ds):
        lines += [f"{f.name} ({f.format})", f"  {f.description}"]
    lines += [
        "",
        wording.typography(
            "Le sens de chaque champ est écrit dans les schémas (schema/) et repris sur la page Données du site. "
            "Licence : LICENCE.txt."
        ),
        "",
        "Fichier généré par build_scripts/site/export.py : ne pas le modifier à la main.",
    ]
    return "\n".join(lines) + "\n"


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def archive_date(ds) -> tuple[int, int, int, int, int, int]:
    """The date of the archive's files: the day of the latest article (the same data gives the
    same archive, byte for byte, whenever it is built)."""
    days = [t.last for t in (wording.parse(a.published) for a in ds.articles.values()) if t is not None]
    day = min(max(max(days, default=ZIP_DAYS[0]), ZIP_DAYS[0]), ZIP_DAYS[1])
    return (day.year, day.month, day.day, 0, 0, 0)


def archive(ds) -> bytes:
    """rpdc-russie.zip: every file of the plan, in its order, compressed (DEFLATE)."""
    when = archive_date(ds)
    content = files(ds)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in plan(ds):
            if f.name not in content:  # a kind whose YAML could not be read as a list
                continue
            info = zipfile.ZipInfo(f.name, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _bytes(content[f.name]))
    return buf.getvalue()


def published(ds) -> dict[str, str | bytes]:
    """The downloads, by name under donnees/: the archive, then the files downloadable alone
    (computed once per dataset)."""

    def make() -> dict[str, str | bytes]:
        content = files(ds)
        out: dict[str, str | bytes] = {ARCHIVE: archive(ds)}
        out.update({f.name: content[f.name] for f in plan(ds) if f.alone and f.name in content})
        return out

    return ds.cached(("export.published",), tuple(dataset.KINDS), make)


def in_background(ds) -> workers.Pending[tuple[dict[str, str | bytes], dict[str, str | bytes]]]:
    """Start making the downloads of ds on another core (workers.start) while the pages are
    generated; hand its result to ``keep``. At 1,000 articles they are 2.5 s of a build that has a
    core to spare."""
    return workers.start(lambda: (files(ds), published(ds)), size=sum(len(ds.records(k)) for k in dataset.KINDS))


def keep(ds, made: tuple[dict[str, str | bytes], dict[str, str | bytes]]) -> None:
    """Keep downloads made by ``in_background`` as ``files`` and ``published`` would have made them."""
    ds.cached(("export.files",), tuple(dataset.KINDS), lambda: made[0])
    ds.cached(("export.published",), tuple(dataset.KINDS), lambda: made[1])


def sizes(ds) -> dict[str, int]:
    """Bytes of each download and of each file of the archive, by name."""
    out = {name: len(_bytes(c)) for name, c in files(ds).items()}
    out[ARCHIVE] = len(published(ds)[ARCHIVE])
    return out


def write(ds, out: Path) -> list[Path]:
    written = []
    for name, content in published(ds).items():
        path = Path(out) / name
        if isinstance(content, bytes):
            atomic_write_bytes(path, content)
        else:
            atomic_write(path, content)
        written.append(path)
    return written


def main(ds: dataset.Dataset, out: Path) -> int:
    """``python -m build_scripts export --out DIR``: the downloads of a valid dataset."""
    try:
        files = write(ds, out)
    except OSError as exc:
        where = Path(exc.filename).as_posix() if getattr(exc, "filename", None) else Path(out).as_posix()
        raise DataError(
            [
                Problem(
                    where,
                    None,
                    "",
                    "write-failed",
                    f"could not write the downloads: {exc.strerror or exc}.",
                    "give --out a directory you can write to (and free disk space if it is full).",
                )
            ]
        ) from None
    print(f"wrote {len(files)} files into {out}")
    return 0
