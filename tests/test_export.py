"""The downloadable dataset: one archive of every file of the plan, the licence and the schemas
alone beside it; published records only, CSV safe for spreadsheets."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from build_scripts import dataset
from build_scripts.dataset import check
from build_scripts.site import export

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


@pytest.fixture
def written(tmp_path) -> Path:
    """The folder of the downloads (site/donnees/)."""
    ds = dataset.load(FIXTURE)
    d = tmp_path / "donnees"
    export.write(ds, d)
    return d


@pytest.fixture
def out(written, tmp_path) -> Path:
    """What a reader gets from the archive, extracted."""
    d = tmp_path / "archive"
    with zipfile.ZipFile(written / export.ARCHIVE) as zf:
        assert zf.testzip() is None
        zf.extractall(d)
    return d


def test_every_planned_file_is_in_the_archive_and_the_alone_ones_beside_it(written, out):
    plan = export.plan(dataset.load(FIXTURE))
    assert len(plan) >= 15
    for f in plan:
        assert (out / f.name).is_file(), f.name
        assert (written / f.name).is_file() == f.alone, f.name
        if f.alone:  # the same bytes alone and in the archive
            assert (written / f.name).read_bytes() == (out / f.name).read_bytes(), f.name
    alone = {f.name for f in plan if f.alone}
    assert {"LICENCE.txt", "schema/events.schema.json"} <= alone
    assert not {"events.csv", "events.yaml", "rpdc-russie.json", export.README} & alone  # the data: in the archive
    on_disk = {p.relative_to(written).as_posix() for p in written.rglob("*") if p.is_file()}
    assert on_disk == alone | {export.ARCHIVE}


def test_the_archive_is_the_same_whenever_it_is_built_and_says_what_it_holds(out):
    ds = dataset.load(FIXTURE)
    first = export.archive(ds)
    assert export.archive(dataset.load(FIXTURE)) == first  # no clock in it: same data, same bytes
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        names = zf.namelist()
        assert names == [f.name for f in export.plan(ds)]
        assert {i.date_time for i in zf.infolist()} == {(2031, 4, 30, 0, 0, 0)}  # latest article: 2031-04
    readme = (out / export.README).read_text(encoding="utf-8")
    for f in export.plan(ds):
        assert f"{f.name} ({f.format})\n  {f.description}\n" in readme
    assert "Licence\u00a0: LICENCE.txt." in readme


def test_yaml_is_kept_with_comments_but_without_drafts(out):
    kept = (FIXTURE / "data" / "actors.yaml").read_text(encoding="utf-8")
    exported = (out / "actors.yaml").read_text(encoding="utf-8")
    assert "acteur-brouillon" in kept and "review: draft" in kept
    assert "acteur-brouillon" not in exported and "review: draft" not in exported
    assert exported.splitlines()[0] == kept.splitlines()[0]  # schema header and comments survive
    assert sum(1 for line in exported.splitlines() if line.startswith("#")) >= 1
    # a file with no drafts is the editors' file byte for byte
    assert (out / "places.yaml").read_bytes() == (FIXTURE / "data" / "places.yaml").read_bytes()


def test_json_holds_published_records_only(out):
    data = json.loads((out / "rpdc-russie.json").read_text(encoding="utf-8"))
    ids = {e["id"] for e in data["events"]}
    assert ids == {"sommet-essai", "declaration-essai", "visite-retour-essai"}
    assert "acteur-brouillon" not in {a["id"] for a in data["actors"]}
    assert {a["id"] for a in data["articles"]} == {"2031-03-essai-sommet", "2031-04-essai-visite"}


def test_csv_rows_and_sources(out):
    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 3
    summit = next(r for r in rows if r["id"] == "sommet-essai")
    assert summit["actors"] == "anton-vassiliev ; mira-solberg"
    assert "2031-03-essai-sommet: se sont entretenus" in summit["sources"]
    assert summit["title"].startswith("Sommet <script>")  # CSV is data, not markup: kept as is


def test_csv_files_open_in_a_french_spreadsheet(out):
    """UTF-8 with a byte order mark: without it, a spreadsheet set to French reads 'Ã©' for 'é'."""
    names = sorted(p.name for p in out.glob("*.csv"))
    assert names == ["actors.csv", "articles.csv", "context.csv", "events.csv", "places.csv", "quotes.csv"]
    for name in names:
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert raw[3:].decode("utf-8")  # and UTF-8 after it
    assert "é" in (out / "articles.csv").read_text(encoding="utf-8-sig")


def test_every_download_names_the_licence(out):
    licence = (out / "LICENCE.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence
    data = json.loads((out / "rpdc-russie.json").read_text(encoding="utf-8"))
    assert data["licence"]["name"].endswith("(CC BY 4.0)")
    assert any(f.name == "LICENCE.txt" for f in export.plan(dataset.load(FIXTURE)))


def test_context_records_are_downloadable_with_their_public_sources(out):
    rows = list(csv.DictReader(io.StringIO((out / "context.csv").read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == ["visite-retour-tenue"]
    assert rows[0]["outcome_of"] == "visite-retour-essai"
    assert rows[0]["sources"].startswith(
        "Agence <b>d'essai</b>, 2031-09-16, https://presse.example.org/2031/09/16/ostrava: "
    )
    data = json.loads((out / "rpdc-russie.json").read_text(encoding="utf-8"))
    assert data["context"][0]["sources"][0]["url"] == "https://presse.example.org/2031/09/16/ostrava"


@pytest.mark.parametrize("value", ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")'])
def test_formula_cells_are_neutralised(value):
    assert export.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Sommet", "1948", "", None, "« citation »"])
def test_ordinary_cells_are_unchanged(value):
    assert export.safe_cell(value) == ("" if value is None else value)


def test_formula_in_data_is_prefixed_in_csv(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    f = root / "data" / "events.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace(
            'title: "Visite de retour à Ostrava"', 'title: "=HYPERLINK(\\"http://exemple.invalid\\")"'
        ),
        encoding="utf-8",
    )
    with zipfile.ZipFile(io.BytesIO(export.archive(dataset.load(root)))) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("events.csv").decode("utf-8-sig"))))
    titles = [r["title"] for r in rows]
    assert '\'=HYPERLINK("http://exemple.invalid")' in titles


def test_main_refuses_broken_data(tmp_path):
    from build_scripts.dataset.problems import DataError

    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "data" / "quotes.yaml").write_text("- id: x\n  text: t\n", encoding="utf-8")
    with pytest.raises(DataError):
        export.main(check.load_valid(root), tmp_path / "out")


def test_a_split_kind_downloads_as_one_yaml_list_with_comments_and_without_drafts(tmp_path):
    """actors.yaml kept whole and data/actors/2031.yaml beside it: one actors.yaml to download."""
    root = tmp_path / "p"
    for sub in ("corpus", "data"):
        shutil.copytree(FIXTURE / sub, root / sub)
    text = (root / "data" / "actors.yaml").read_text(encoding="utf-8")
    head, rest = text.split("\n- id: depeche-essai", 1)
    (root / "data" / "actors").mkdir()
    (root / "data" / "actors.yaml").write_text(head, encoding="utf-8")
    second = dataset.schema_header("actors", "data/actors/2031.yaml") + "# Médias.\n- id: depeche-essai" + rest
    (root / "data" / "actors" / "2031.yaml").write_text(second, encoding="utf-8")
    ds = dataset.load(root)
    assert [f.rel for f in ds.files["actors"]] == ["data/actors.yaml", "data/actors/2031.yaml"]
    assert not check.check_dataset(ds)
    exported = export.yaml_text(ds, "actors")
    assert exported is not None
    assert exported.startswith(
        "# Generated by build_scripts/site/export.py from data/actors.yaml et data/actors/*.yaml"
    )
    assert "# Médias.\n- id: depeche-essai" in exported  # the second file's comments survive
    assert "acteur-brouillon" not in exported and "review: draft" not in exported
    read = [r["id"] for r in dataset.yamlio.plain(dataset.yamlio.read(exported, "x")[0])]
    assert read == [r["id"] for r in ds.published("actors")] and len(read) > 3
    about = {f.name: f.description for f in export.plan(ds)}["actors.yaml"]
    assert about.startswith("data/actors.yaml et data/actors/*.yaml réunis en un fichier")


def test_the_data_page_offers_the_archive_and_says_where_each_file_is():
    from build_scripts.site import pages

    ds = dataset.load(FIXTURE)
    page = pages.donnees(pages.Site(ds))
    size = len(export.archive(ds))
    assert f'/donnees/{export.ARCHIVE}" download>{export.ARCHIVE}</a>' in page
    assert f"(ZIP, {dataset.wording.size(size)})" in page
    plan = export.plan(ds)
    assert [f for f in plan if f.alone] and [f for f in plan if not f.alone]
    for f in plan:
        linked = f'/donnees/{f.name}" download>' in page
        assert linked == f.alone, f.name
        if not f.alone:  # named in the table of the archive's files, with its size
            assert f'<td data-label="Fichier">{f.name}</td>' in page, f.name
    sizes = export.sizes(ds)
    assert f'<td data-label="Taille">{dataset.wording.size(sizes["events.csv"])}</td>' in page


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "1\u00a0octet"),
        (751, "751\u00a0octets"),
        (57_551, "58\u00a0ko"),
        (7_865_791, "7,9\u00a0Mo"),
        (16_234_075, "16\u00a0Mo"),
    ],
)
def test_a_file_size_reads_as_french(n, words):
    assert dataset.wording.size(n) == words


@pytest.mark.parametrize(
    ("published", "day"),
    [
        (["2024-06-19", "2023-09"], (2024, 6, 19)),
        (["1950"], (1980, 1, 1)),
        (["2150-01-01"], (2107, 12, 31)),
        ([], (1980, 1, 1)),
    ],
)
def test_the_archive_s_files_are_dated_within_what_a_zip_file_can_say(published, day):
    from types import SimpleNamespace

    ds = SimpleNamespace(articles={str(i): SimpleNamespace(published=p) for i, p in enumerate(published)})
    assert export.archive_date(ds) == (*day, 0, 0, 0)


@pytest.mark.parametrize(
    ("second", "joined"),
    [
        ("- id: b\n  name: B", True),  # no line break at the end: one is added
        ("# note\n- id: b\n  name: B\n", True),
        ("[{id: b, name: B}]\n", False),  # flow style: written out again
        ("---\n- id: b\n  name: B\n", False),  # a document marker
        ("  - id: b\n    name: B\n", False),  # a list away from the margin
    ],
)
def test_split_files_are_joined_only_when_their_text_reads_the_same(second, joined):
    """The downloaded list is the files' texts end to end when that reads as the records they hold,
    else the records written out again: either way, exactly the published records."""

    @dataclasses.dataclass
    class File:
        rel: str
        records: list

    first = "- id: a\n  name: A\n"
    texts = {"data/actors/1.yaml": first, "data/actors/2.yaml": second}
    files = [File(rel, dataset.yamlio.plain(dataset.yamlio.read(t, rel)[0])) for rel, t in texts.items()]
    assert export._joinable(second) is joined
    body = "".join(export._without_schema_line(t) + ("" if t.endswith("\n") else "\n") for t in texts.values())
    read = dataset.yamlio.plain(dataset.yamlio.read(body, "x")[0]) if joined else None
    if joined:
        assert read == [r for f in files for r in f.records] == [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
