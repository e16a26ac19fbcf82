"""``add`` and the merge policy of build_scripts/extraction/merge.py."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from build_scripts import dataset
from build_scripts.dataset import corpus
from build_scripts.dataset.problems import DataError
from build_scripts.extraction import add, merge

FIX = Path(__file__).resolve().parent / "fixtures" / "articles"
KINDS = ("actors", "events", "quotes")


def texts(root: Path) -> dict[str, str]:
    return {k: (root / "data" / f"{k}.yaml").read_text(encoding="utf-8") for k in KINDS}


def removed_lines(old: str, new: str) -> list[str]:
    return [ln for ln in difflib.ndiff(old.splitlines(), new.splitlines()) if ln.startswith("- ")]


# -- merge, without the model ------------------------------------------------------------------

DATA = """# yaml-language-server: $schema=schema/quotes.schema.json
# Editors' header comment: must survive.

- id: reviewed-quote
  text: "Texte relu"  # a hand comment
  speaker: kim-jong-un
  kind: speech
  article: a
  excerpt: "« Texte relu », a dit Kim."
  date: null
"""


def draft(qid, text, speaker=None, article="b"):
    return {
        "id": qid,
        "text": text,
        "speaker": speaker,
        "kind": "speech",
        "article": article,
        "excerpt": f"« {text} »",
        "date": None,
        "review": "draft",
    }


def test_merge_keeps_reviewed_records_and_comments_and_is_idempotent():
    report = merge.Report()
    drafts = [draft("reviewed-quote", "Autre texte"), draft("new-quote", "Nouveau texte")]
    once = merge.merge_text("quotes", DATA, drafts, report, "")
    assert once.startswith(DATA)  # nothing of the reviewed file changed: drafts are appended
    assert "id: reviewed-quote-2" in once  # a draft never takes a reviewed record's id
    assert "# extraction fingerprint: " in once
    assert report.added["quotes"] == ["reviewed-quote-2", "new-quote"]
    twice = merge.merge_text("quotes", once, drafts, merge.Report(), "")
    assert twice == once  # byte-identical re-run


def test_untouched_draft_is_refreshed_but_hand_edited_draft_is_kept():
    first = merge.merge_text("quotes", DATA, [draft("q", "Nouveau texte")], merge.Report(), "")
    # the extraction changed its mind (e.g. better speaker): an untouched draft follows
    report = merge.Report()
    second = merge.merge_text("quotes", first, [draft("q", "Nouveau texte", speaker="kcna")], report, "")
    assert "speaker: kcna" in second and report.updated["quotes"] == ["q"]
    # an editor fixes the speaker by hand: the next merge keeps it
    edited = second.replace("speaker: kcna", "speaker: tass")
    report = merge.Report()
    third = merge.merge_text("quotes", edited, [draft("q", "Nouveau texte", speaker="vladimir-poutine")], report, "")
    assert third == edited
    assert report.kept_edited == {"quotes": ["q"]}


def test_new_source_of_a_reviewed_event_is_proposed_not_applied():
    data = (
        '- id: sommet\n  date: 2019-04-25\n  kind: summit\n  title: "Sommet"\n  actors: [kim-jong-un]\n'
        '  place: null\n  status: held\n  sources:\n  - article: a\n    excerpt: "sommet de Vladivostok"\n'
    )
    new = {
        "id": "summit-2019-04-25-kim-jong-un",
        "date": "2019-04-25",
        "date_note": "x",
        "kind": "summit",
        "title": "Sommet : Kim Jong Un",
        "actors": ["kim-jong-un"],
        "place": None,
        "status": "held",
        "sources": [{"article": "b", "excerpt": "le sommet"}],
        "review": "draft",
    }
    report = merge.Report()
    out = merge.merge_text("events", data, [new], report, "")
    assert out.startswith(data)
    assert report.same_as_reviewed == [("summit-2019-04-25-kim-jong-un", "sommet")]
    assert "Probablement le même fait que l'événement relu « sommet »" in out
    assert merge.merge_text("events", out, [new], merge.Report(), "") == out


def test_empty_list_file_keeps_its_header():
    out = merge.merge_text("quotes", "# header\n[]\n", [draft("q", "Texte")], merge.Report(), "")
    assert out.startswith("# header\n- id: q\n")


def test_merge_over_several_files_finds_records_where_they_are_and_places_new_ones():
    """A kind split into files (data/quotes/2030.yaml, data/quotes/2031.yaml) merges as one list."""
    first = merge.merge_text("quotes", DATA, [draft("q", "Texte de 2030")], merge.Report(), "")
    texts = {"data/quotes/2030.yaml": first, "data/quotes/2031.yaml": None}
    drafts = [
        draft("q", "Texte de 2030", speaker="kcna"),  # an untouched draft of 2030.yaml, refreshed there
        draft("reviewed-quote", "Texte relu", article="a"),  # already reviewed in 2030.yaml: skipped
        draft("neuf", "Texte de 2031", article="c"),  # new: to the file place() names
    ]
    report = merge.Report()
    out = merge.merge_texts(
        "quotes", texts, drafts, report, lambda rel: f"# header of {rel}\n", None, lambda rec: "data/quotes/2031.yaml"
    )
    assert set(out) == {"data/quotes/2030.yaml", "data/quotes/2031.yaml"}
    assert "speaker: kcna" in out["data/quotes/2030.yaml"] and "id: neuf" not in out["data/quotes/2030.yaml"]
    assert out["data/quotes/2031.yaml"].startswith("# header of data/quotes/2031.yaml\n- id: neuf\n")
    assert report.updated == {"quotes": ["q"]} and report.added == {"quotes": ["neuf"]}
    assert len(report.skipped["quotes"]) == 1  # the reviewed quote, same article and text: not added again
    again = merge.merge_texts("quotes", out, drafts, merge.Report(), lambda rel: "", None, lambda rec: "x")
    assert again == out  # byte-identical re-run, nothing placed anew


# -- add (spaCy) ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_add_writes_article_and_drafts_and_refuses_a_duplicate(project, tmp_path, capsys):
    before = texts(project)
    src = FIX / "2019-04-sommet-vladivostok.txt"
    assert add.main(project, src, published="2019-04-26", title="Sommet de Vladivostok", outlet="Test") == 0
    out = capsys.readouterr().out
    art = project / "corpus" / "2019-04-sommet-de-vladivostok.md"
    a, problems = corpus.load_article(art, "x")
    assert problems == [] and a is not None and a.body == src.read_text(encoding="utf-8")  # body verbatim
    assert a.meta["boilerplate"] == ["Source"]
    after = texts(project)
    for k in KINDS:
        assert removed_lines(before[k], after[k]) == [], k  # nothing reviewed removed or changed
    ds = dataset.load(project)
    new_quotes = [q for q in ds.records("quotes") if q.get("article") == "2019-04-sommet-de-vladivostok"]
    assert len(new_quotes) == 3 and all(q["review"] == "draft" for q in new_quotes)
    assert not [p for p in ds.problems if p.severity == "error"]
    assert "quotes: 3 draft(s) added" in out
    assert "needs a human" in out and "new actor proposed: yonhap" in out
    # the same text again, even under another id: refused, nothing written
    with pytest.raises(DataError) as err:
        add.main(project, src, published="2019-04-26", article_id="autre-id")
    assert err.value.problems[0].code == "duplicate-article"
    assert texts(project) == after


@pytest.mark.slow
def test_add_normalises_bom_and_crlf_and_says_so(project, capsys):
    assert (
        add.main(project, FIX / "2018-05-lavrov-bom-crlf.txt", published="2018-06-01", title="Lavrov à Pyongyang") == 0
    )
    out = capsys.readouterr().out
    assert "byte order mark (BOM) removed" in out and "CRLF" in out
    body = (project / "corpus" / "2018-06-lavrov-a-pyongyang.md").read_bytes()
    assert b"\r" not in body and b"\xef\xbb\xbf" not in body


def test_add_refuses_a_used_id_and_binary_input(project):
    with pytest.raises(DataError) as err:
        add.main(
            project,
            FIX / "2019-04-sommet-vladivostok.txt",
            published="2019-04-26",
            article_id="2023-09-sommet-vostochny",
        )
    assert err.value.problems[0].code == "duplicate-id"
    with pytest.raises(DataError) as err:
        add.main(project, FIX / "not-text.txt", published="2019-04-26")
    assert err.value.problems[0].code == "binary-file"
    with pytest.raises(DataError) as err:
        add.main(project, FIX / "2019-04-sommet-vladivostok.txt")
    assert err.value.problems[0].code == "published-required"


@pytest.mark.slow
def test_add_writes_nothing_when_it_fails_midway(project, monkeypatch):
    before = texts(project)
    files = sorted(p.name for p in (project / "corpus").iterdir())

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(add, "merge_texts", boom)
    with pytest.raises(RuntimeError):
        add.main(project, FIX / "2019-04-sommet-vladivostok.txt", published="2019-04-26")
    assert texts(project) == before
    assert sorted(p.name for p in (project / "corpus").iterdir()) == files


@pytest.mark.slow
def test_redraft_of_the_corpus_keeps_every_reviewed_record_and_hand_edit_and_is_idempotent(project, capsys):
    """Extraction run again over corpus/ into data/: only drafts are added; a hand-edited draft and every
    reviewed record stay as they are; a second run writes nothing (byte-identical files)."""
    before = texts(project)
    articles = sorted((project / "corpus").glob("*.md"))
    assert len(articles) == 5
    assert add.redraft(project, articles) == 0
    first = texts(project)
    for k in KINDS:
        assert removed_lines(before[k], first[k]) == [], k
    assert first["events"] != before["events"]  # the extraction did propose drafts
    drafts = [e for e in dataset.load(project).records("events") if e.get("review") == "draft"]
    assert len(drafts) > 5
    # an editor retitles one draft (keeping it a draft); a second redraft keeps the edit
    old_title = drafts[0]["title"]
    edited = first["events"].replace(f'title: "{old_title}"', 'title: "Titre revu par la rédaction"', 1)
    assert edited != first["events"]
    (project / "data" / "events.yaml").write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert add.redraft(project, articles) == 0
    out = capsys.readouterr().out
    assert texts(project)["events"] == edited
    assert texts(project)["quotes"] == first["quotes"] and texts(project)["actors"] == first["actors"]
    assert "1 edited by hand and kept" in out and "written: nothing" in out
    assert not [p for p in dataset.load(project).problems if p.severity == "error"]


def split(root: Path, kind: str, name: str) -> list[str]:
    """Move data/<kind>.yaml into data/<kind>/: its first half to <name>-a.yaml, the rest to <name>-b.yaml
    (cut between two records), as an editor splitting a growing file would."""
    text = (root / "data" / f"{kind}.yaml").read_text(encoding="utf-8")
    starts = [i for i in range(len(text)) if text.startswith("\n- id: ", i)]
    cut = starts[len(starts) // 2] + 1
    header = dataset.schema_header(kind, f"data/{kind}/x.yaml")
    body = text.split("\n", 1)[1]  # the schema line, one folder down now
    cut -= len(text) - len(body)
    (root / "data" / kind).mkdir()
    (root / "data" / kind / f"{name}-a.yaml").write_text(header + body[:cut], encoding="utf-8")
    (root / "data" / kind / f"{name}-b.yaml").write_text(header + body[cut:], encoding="utf-8")
    (root / "data" / f"{kind}.yaml").unlink()
    return [f"data/{kind}/{name}-a.yaml", f"data/{kind}/{name}-b.yaml"]


@pytest.mark.slow
def test_add_to_a_split_layout_writes_drafts_in_the_file_of_the_articles_year(project, capsys):
    """Events and quotes split into data/<kind>/ (actors kept in one file): the project checks as
    before, and add puts the new article's drafts in data/<kind>/<year of publication>.yaml."""
    whole = dataset.load(project)
    files = split(project, "events", "avant-2024") + split(project, "quotes", "saisie")
    ds = dataset.load(project)
    assert not ds.problems and ds.records("events") == whole.records("events") != []
    assert ds.records("quotes") == whole.records("quotes") != []
    assert [f.rel for f in ds.files["events"]] == files[:2]
    before = {rel: (project / rel).read_text(encoding="utf-8") for rel in files + ["data/actors.yaml"]}
    assert add.main(project, FIX / "2019-04-sommet-vladivostok.txt", published="2019-04-26", title="Vladivostok") == 0
    out = capsys.readouterr().out
    assert "data/events/2019.yaml" in out and "data/quotes/2019.yaml" in out
    for rel in files:  # the editor's files: nothing reviewed moved; drafts of this article not put there
        assert (project / rel).read_text(encoding="utf-8") == before[rel], rel
    new = (project / "data" / "quotes" / "2019.yaml").read_text(encoding="utf-8")
    assert new.startswith("# yaml-language-server: $schema=../schema/quotes.schema.json\n")
    ds = dataset.load(project)
    assert not [p for p in ds.problems if p.severity == "error"]
    new_quotes = [q for q in ds.records("quotes") if q.get("article") == "2019-04-vladivostok"]
    assert len(new_quotes) == 3
    assert {f.rel for f in ds.files["quotes"]} == {*files[2:], "data/quotes/2019.yaml"}
    assert "new actor proposed" in out and "data/actors.yaml" in out  # actors: still one file


def test_redraft_refuses_an_article_outside_the_corpus(project):
    with pytest.raises(DataError) as err:
        add.redraft(project, [FIX / "2019-04-sommet-vladivostok.txt"])
    assert err.value.problems[0].code == "not-in-corpus"
    assert "python -m build_scripts add" in str(err.value)


def test_the_same_quote_twice_in_one_text_is_not_reported_as_edited_by_hand():
    """A long text repeating its paragraphs gave "1120 edited by hand and kept": false, nobody edited them."""
    report = merge.Report()
    drafts = [
        draft("kim-amitie", "Notre amitié"),
        draft("kim-amitie-2", "Notre amitié"),
        draft("kim-amitie", "Notre amitié"),
    ]
    out = merge.merge_text("quotes", DATA, drafts, report, "")
    assert out.count("Notre amitié") == 2  # text and excerpt of one quote
    assert report.kept_edited == {}
    assert report.added == {"quotes": ["kim-amitie"]}
    text = add.summary("x", [], False, {"actors": [], "events": [], "quotes": []}, report, [], {"dates": []})
    assert "quotes: 1 draft(s) added, 0 updated, 0 edited by hand and kept" in text
