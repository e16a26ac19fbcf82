"""The shape of the code: stages import one way, with no cycle, counting imports inside functions.

The graph is read from the source (ast), so an import hidden in a function body counts as
much as one at the top of a module. ``from package import module`` is an edge to the module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build_scripts"
# Each stage may import only the stages listed for it (and itself).
ALLOWED = {
    "dataset": set(),
    "extraction": {"dataset"},
    "site": {"dataset"},
    "quality": {"dataset", "extraction", "site"},
}
HOOKS = ROOT / "hooks"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules a file imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path) if path.is_relative_to(PACKAGE) else ""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "build_scripts":
                    out.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = me.split(".")[: len(me.split(".")) - node.level + (1 if path.name == "__init__.py" else 0)]
                base = ".".join(pkg + ([node.module] if node.module else []))
            if base.split(".")[0] != "build_scripts":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {m for m in out if m in known}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known) - {name} for name, path in known.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_the_import_graph_was_read():
    g = graph()
    assert len(g) > 30
    assert sum(len(v) for v in g.values()) > 50
    # an import inside a function counts: cli imports the stages in its command functions
    assert "build_scripts.dataset.check" in g["build_scripts.cli"]


def test_no_import_cycle():
    assert find_cycle(graph()) is None, " -> ".join(find_cycle(graph()) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_stages_import_one_way():
    wrong = []
    for module, targets in graph().items():
        mine = stage(module)
        if mine is None:
            continue
        for t in targets:
            theirs = stage(t)
            if theirs and theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{module} -> {t}")
    assert wrong == []


def test_the_hook_only_calls_the_site_and_dataset_stages():
    known = modules()
    used = imports_of(HOOKS / "data_pages.py", known)
    assert used, "the hook imports the stages it wraps"
    assert {stage(m) for m in used} <= {"dataset", "site"}


def test_every_package_says_what_comes_in_and_goes_out():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init.relative_to(ROOT)} has no docstring saying what it does"
