"""Command line: ``python -m build_scripts <stage> ...``.

Each stage is a plain function in its own module; the Makefile and the MkDocs
hook call the same functions. A command imports its stage inside its function: only
that stage's dependencies load (``check`` does not pay for spaCy, Plotly or MkDocs).
The dataset is loaded and validated once, by ``check.load_valid``, for the stages that publish it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from build_scripts import PROJECT
from build_scripts.dataset import check, outdir, transaction
from build_scripts.dataset.problems import DataError, Problem

ROOT = PROJECT


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    return check.main(_root(args))


def _out(args, command: str) -> Path:
    """--out, refused when it points at the project's own sources (data/, corpus/, docs/, the root...)."""
    return outdir.checked_out_dir(_root(args), Path(args.out), command)


def cmd_extract(args) -> int:
    from build_scripts.extraction import extract

    return extract.main(
        _root(args),
        [Path(p) for p in args.articles],
        _out(args, "extract"),
        published=args.published,
        jobs=args.jobs,
        scheduler=args.scheduler,
    )


def cmd_redraft(args) -> int:
    from build_scripts.extraction import add

    return add.redraft(_root(args), [Path(p) for p in args.articles])


def cmd_add(args) -> int:
    from build_scripts.extraction import add

    return add.main(
        _root(args),
        Path(args.article),
        published=args.published,
        title=args.title,
        outlet=args.outlet,
        url=args.url,
        byline=args.byline,
        article_id=args.id,
        allow_future=args.allow_future,
    )


def cmd_eval(args) -> int:
    if args.gold:
        from build_scripts.quality import devset

        drafts = Path(args.drafts) if args.drafts else None
        return devset.main(_root(args), Path(args.gold), only=args.only, drafts_dir=drafts)
    from build_scripts.quality import evaluate

    return evaluate.main(_root(args))


def cmd_bench(args) -> int:
    if args.what == "scale":
        from build_scripts.quality import scale

        return scale.main(args.articles, extract=not args.no_extract, serve=not args.no_serve, jobs=args.jobs)
    if args.what == "recheck":
        from build_scripts.quality import recheck

        return recheck.main(args.articles)
    from build_scripts.quality import bench

    return bench.main(_root(args), args.what)


def cmd_fuzz(args) -> int:
    from build_scripts.quality import fuzz

    kinds = tuple(k for k in args.kinds.split(",") if k)
    return fuzz.main(main, args.inputs, kinds, args.seed, args.build_every, args.memory, args.timeout)


def cmd_export(args) -> int:
    from build_scripts.site import export

    out = _out(args, "export")
    return export.main(check.load_valid(_root(args)), out)


def cmd_charts(args) -> int:
    from build_scripts.site import charts

    out = _out(args, "charts")
    return charts.main(check.load_valid(_root(args)), out)


def cmd_pages(args) -> int:
    from build_scripts.site import tree

    out = _out(args, "pages")
    return tree.main(check.load_valid(_root(args)), out)


def cmd_finish(args) -> int:
    from build_scripts.site import finish

    return finish.main(Path(args.site_dir))


def cmd_build(args) -> int:
    from build_scripts.site import build

    return build.main(_root(args), strict=not args.no_strict)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Pipeline of the Russia–North Korea explainer: corpus/ and data/ in, site/ out.",
    )
    p.add_argument("--root", default=str(ROOT), help="project root (default: this checkout)")
    sub = p.add_subparsers(dest="stage", metavar="STAGE", required=True)

    s = sub.add_parser("check", help="validate corpus/ and data/; report every problem at once")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser(
        "extract", help="draft events, quotes, actors and dates of articles into --out (touches nothing else)"
    )
    s.add_argument("articles", nargs="+", help="article files (.md with front matter, or plain .txt with --published)")
    s.add_argument("--published", help="publication date of plain-text articles (YYYY, YYYY-MM or YYYY-MM-DD)")
    s.add_argument("--out", required=True, help="directory for events.yaml, quotes.yaml, actors.yaml, dates.yaml")
    s.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="extract N articles at once, one process each (default 1)"
    )
    s.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the extraction on a Dask distributed cluster (e.g. tcp://127.0.0.1:8786); same drafts, byte for byte",
    )
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("add", help="put a new article in corpus/ and merge its draft records into data/")
    s.add_argument("article", help="the article as UTF-8 text")
    s.add_argument("--published", help="publication date (required for plain text)")
    s.add_argument("--title", help="French title written by the newsroom")
    s.add_argument("--outlet")
    s.add_argument("--url")
    s.add_argument("--byline")
    s.add_argument("--id", help="article id (default: derived from the date and the title)")
    s.add_argument(
        "--allow-future",
        action="store_true",
        help="accept a --published date after today (an article really dated ahead, e.g. under embargo)",
    )
    s.set_defaults(func=cmd_add)

    s = sub.add_parser(
        "redraft",
        help="extract corpus articles again and merge new drafts into data/ "
        "(reviewed records and hand edits are never changed)",
    )
    s.add_argument("articles", nargs="+", help="articles of corpus/, e.g. corpus/*.md")
    s.set_defaults(func=cmd_redraft)

    s = sub.add_parser(
        "eval",
        help="score a fresh extraction of the corpus against the reviewed data "
        "(or, with --gold, of a development set against its gold)",
    )
    s.add_argument(
        "--gold", metavar="DIR", help="a development set in ../shared/devset's format: score its articles instead"
    )
    s.add_argument("--only", nargs="+", metavar="SET/FILE", help="with --gold: only these articles, e.g. d2/05.txt")
    s.add_argument("--drafts", metavar="OUT", help="with --gold: also write the drafts, one folder per article")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("bench", help="print speed and weight figures")
    s.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=["all", "extract", "build", "site", "scale", "recheck"],
        help="extract: articles per second and model load; build: full build time; site: gzip bytes per page; "
        "scale: check, build, preview rebuild, weights and extraction of synthetic corpora of --articles N; "
        "recheck: the preview's reading and check of the data after one edit, at --articles N",
    )
    s.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=[5, 100, 1000],
        metavar="N",
        help="scale, recheck: sizes of the synthetic corpora (default: 5 100 1000)",
    )
    s.add_argument("--jobs", type=int, help="scale: extract --jobs (default: the machine's cores)")
    s.add_argument("--no-extract", action="store_true", help="scale: leave the extraction out")
    s.add_argument("--no-serve", action="store_true", help="scale: leave the preview rebuild out")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser(
        "fuzz", help="run generated inputs (data files, articles, add) through the commands; print the figures"
    )
    s.add_argument("--inputs", type=int, default=5000, help="how many inputs to generate (default 5000)")
    s.add_argument(
        "--kinds",
        default="data,article,file,add,out,interrupt",
        help="which inputs: data files, corpus articles, odd files, add inputs, --out paths, interrupted adds",
    )
    s.add_argument("--seed", type=int, default=0, help="the same seed generates the same inputs")
    s.add_argument("--build-every", type=int, default=25, help="a full mkdocs build every N accepted inputs (0: never)")
    s.add_argument("--memory", type=int, default=500, help="memory limit of a case, MB (default 500)")
    s.add_argument("--timeout", type=float, default=60, help="time limit of a command, seconds (default 60)")
    s.set_defaults(func=cmd_fuzz)

    s = sub.add_parser("export", help="write the downloadable dataset (YAML, JSON, CSV, schemas) into --out")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("charts", help="write the Plotly figure specs (JSON) into --out")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_charts)

    s = sub.add_parser(
        "pages",
        help="write the site's docs tree into --out: DIR/docs (hand-written and generated pages, chart figures, "
        "downloads) and DIR/mkdocs.yml without hooks (mkdocs build -f DIR/mkdocs.yml)",
    )
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_pages)

    s = sub.add_parser(
        "finish",
        help="the site stage's last step on a built site (search index made forgiving); "
        "build runs it, run it after another engine built the tree of pages --out DIR",
    )
    s.add_argument("site_dir", metavar="SITE_DIR", help="the directory the engine built (DIR/site)")
    s.set_defaults(func=cmd_finish)

    s = sub.add_parser("build", help="check the data, then build the site into site/ (mkdocs build --strict)")
    s.add_argument("--no-strict", action="store_true", help="let MkDocs warnings pass")
    s.set_defaults(func=cmd_build)
    return p


# What an interrupted command leaves, by command (printed after Ctrl-C or SIGTERM).
WRITES_TOGETHER = {"add", "redraft"}
WRITES_OUT = {"extract", "export", "charts", "pages"}


def interrupted_message(stage: str) -> str:
    """Exactly what state an interrupted command left, and what finishes the work."""
    if stage in WRITES_TOGETHER:
        done = transaction.STATE["committed"]
        if done:
            return (
                f"interrupted after {stage} had written its files ({', '.join(done)}): "
                "its work is complete; only the summary was not printed."
            )
        return (
            f"interrupted: {stage} writes corpus/ and data/ all together or not at all, and had not written them: "
            "nothing changed. Run the same command again."
        )
    if stage in WRITES_OUT:
        return (
            f"interrupted: {stage} may have written only some of its files into --out (each one whole). "
            "Run the same command again to write them all."
        )
    if stage == "build":
        return "interrupted: site/ is swapped in only when whole, so it is as before. Run the build again."
    return "interrupted: nothing was written."


def os_problem(exc: OSError, stage: str) -> Problem:
    """An error of the operating system that no stage turned into a problem of its own."""
    where = "."
    if getattr(exc, "filename", None):
        path = Path(str(exc.filename))
        where = (path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path).as_posix()
    state = (
        "corpus/ and data/ are as they were (add and redraft write all their files or none)"
        if stage in WRITES_TOGETHER
        else "nothing in corpus/ or data/ was written"
    )
    return Problem(
        where,
        None,
        "",
        "os-error",
        f"the system refused: {exc.strerror or exc}; {state}.",
        "check that the path exists and is a folder where one is expected, that you may write there, "
        "and that the disk is not full; then run the command again.",
    )


def _terminate(signum, frame):  # SIGTERM (kill, a CI timeout) unwinds like Ctrl-C: writes are undone
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    # The handler is installed inside the try: a SIGTERM that arrives as signal.signal() returns (or a
    # Ctrl-C while the arguments are read) is an interruption like any other, not a traceback.
    previous = signal.getsignal(signal.SIGTERM)
    stage = ""
    try:
        signal.signal(signal.SIGTERM, _terminate)
        args = parser().parse_args(argv)
        stage = args.stage
        return args.func(args)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(interrupted_message(stage), file=sys.stderr)
        return 130
    except OSError as exc:  # the system refused (a full disk, a path under a file...): said as a problem
        print(str(os_problem(exc, stage)), file=sys.stderr)
        print("1 error", file=sys.stderr)
        return 1
    finally:
        if previous is not None:  # None: a handler not set from Python, which cannot be put back
            signal.signal(signal.SIGTERM, previous)
