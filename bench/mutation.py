"""python -m bench.mutation [--module PATH] [--max-children N]: mutation testing with mutmut.

``--export [RESULTS ...]`` merges runs' results into the committed docs/mutation-results.json,
with the verdicts on the survivors and the score; ``--table`` prints that record as
docs/testing.md's table (bench/mutation_record.py).

``make mutate`` (every target below) or ``make mutate MODULE=fazhi/cases/access.py`` (one file,
or one target directory such as ``fazhi/cases/selectors/``). Never part of ``make test``.

Each target runs in its own work directory, ``var/mutate/work/<slug>/``, so two runs (or a run
and your editing) never share mutmut's ``mutants/`` copy: the directory holds links to the
sources and a pyproject.toml whose ``[tool.mutmut]`` names the files to mutate and the test
directories that guard them (browser tests excluded). mutmut runs only the tests that cover a
mutated function, one or two at a time (``--max-children``), so a file takes minutes.

Results go to ``var/mutate/results.json`` (one entry per mutated file, merged with earlier runs)
and every surviving mutant's diff to ``var/mutate/survivors/<file>.diff``. The kill rate counts
a timeout as a kill and a mutant no test reaches as a survivor. Goals: 90% for access rules and
selectors, 80% for statistics, the state machine and the deadline engine (docs/testing.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from bench import mutation_record
from bench.mutation_targets import ROOT, Target, files_of, pick

OUT = ROOT / "var" / "mutate"

# Linked into every work directory: what settings.BASE_DIR and the test run expect beside fazhi/.
# Tests read some files beside fazhi/ (.env.example, docs/, the catalogues), so every entry of
# the worktree is linked but these: the work directory writes its own pyproject and conftest.
NOT_LINKED = {".git", ".venv", "var", "pyproject.toml", "conftest.py", ".hypothesis",
              ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "fazhi.egg-info"}
LINKED = tuple(sorted(p.name for p in ROOT.iterdir() if p.name not in NOT_LINKED))
BESIDE = ("shared",)  # beside the checkout, read by tests through ``parents[n].parent``

# Appended to the work directory's copy of conftest.py. mutmut forks a fresh pytest session per
# mutant, and building the test database by migrations takes longer than most mutants' tests:
# each session starts instead from its own copy of a database migrated once (--reuse-db).
CONFTEST_TAIL = '''

@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    import os
    import shutil

    from django.db import connections

    template = os.environ["FAZHI_MUTATE_DB_TEMPLATE"]
    copy = f"{template}.{os.getpid()}"
    shutil.copyfile(template, copy)
    connections["default"].settings_dict["TEST"]["NAME"] = copy
'''


# mutmut's exit codes (mutmut/stats.py) grouped the way the report counts them.
KILLED = {1, 3}
TIMEOUT = {36, -24, 24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}


def slug(path: str) -> str:
    return path.strip("/").removesuffix(".py").replace("/", ".")


def prepare(target: Target, work: Path, files: list[str]) -> None:
    """A fresh work directory: links to the sources, a pyproject with this target's mutmut table."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in LINKED:
        (work / name).symlink_to(ROOT / name)
    # A test may read a file beside the checkout (reports' test_seed.py: ../shared/seed/...,
    # from the file's own place); mutmut's copy sits in <work>/mutants/, so <work> gets the links.
    for name in BESIDE:
        if (ROOT.parent / name).exists():
            (work / name).symlink_to(ROOT.parent / name)
    conftest = (ROOT / "conftest.py").read_text("utf-8")
    (work / "conftest.py").write_text(conftest + CONFTEST_TAIL, "utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    pytest_ini = dict(project["tool"]["pytest"]["ini_options"])
    # The work directory's runs go without xdist (-p no:xdist below), which then rejects the
    # project's `--dist <mode>`: drop it from the copied addopts.
    addopts = pytest_ini.get("addopts", "").split()
    while "--dist" in addopts:
        at = addopts.index("--dist")
        del addopts[at:at + 2]
    pytest_ini["addopts"] = " ".join(a for a in addopts if not a.startswith("--dist="))
    config = {
        "source_paths": ["fazhi"],
        "only_mutate": files,
        "also_copy": [name for name in LINKED if name != "fazhi"] + ["conftest.py"],
        "pytest_add_cli_args": ["-p", "no:xdist", "-m", "not browser", "--reuse-db"],
        "pytest_add_cli_args_test_selection": list(target.tests),
        "use_git_change_detection": False,
        "timeout_multiplier": 5.0,
    }
    lines = ["[tool.pytest.ini_options]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in pytest_ini.items()]
    lines += ["", "[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    (work / "pyproject.toml").write_text("\n".join(lines) + "\n", "utf-8")


def mutant_count(work: Path, files: list[str]) -> dict[str, int]:
    """How many mutants mutmut makes of each file (read in the work directory, its config)."""
    script = (
        "import json, sys\n"
        "from mutmut.mutation.file_mutation import mutate_file_contents\n"
        "print(json.dumps({f: len(mutate_file_contents(f, open(f, encoding='utf-8').read())"
        ".mutant_names) for f in sys.argv[1:]}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, *files], cwd=work,  # noqa: S603
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def migrated_template(env: dict[str, str]) -> str:
    """Migrate a database once in the run's data directory; return a standalone copy of it."""
    fazhi = Path(sys.executable).parent / "fazhi"
    for command in (["migrate"], ["createcachetable"]):
        subprocess.run([str(fazhi), *command, "--verbosity", "0"], env=env, check=True)  # noqa: S603
    data_dir = Path(env["FAZHI_DATA_DIR"])
    template = data_dir / "template.sqlite3"
    source = sqlite3.connect(data_dir / "fazhi.sqlite3")
    target = sqlite3.connect(template)
    source.backup(target)
    source.close()
    target.close()
    return str(template)


def verdicts(work: Path, files: list[str]) -> dict[str, dict[str, int | None]]:
    """Per file, mutmut's exit code of each mutant (None: not run), from its .meta files."""
    found = {}
    for path in files:
        meta_path = work / "mutants" / f"{path}.meta"
        found[path] = (json.loads(meta_path.read_text("utf-8"))["exit_code_by_key"]
                       if meta_path.exists() else {})
    return found


def tally(work: Path, files: list[str],
          earlier: dict[str, dict[str, int | None]] | None = None) -> dict[str, dict]:
    """Per file: counts, kill rate and the surviving mutants' names, from mutmut's .meta files.

    ``earlier`` (for --again): the verdicts before the re-run. mutmut forgets every verdict
    when the test list changed, so a mutant it did not run again keeps its earlier one."""
    report = {}
    now = verdicts(work, files)
    for path in files:
        before = (earlier or {}).get(path, {})
        codes = {key: code if code is not None else before.get(key)
                 for key, code in now[path].items()}
        killed = sorted(k for k, c in codes.items() if c in KILLED)
        timeout = sorted(k for k, c in codes.items() if c in TIMEOUT)
        survived = sorted(k for k, c in codes.items() if c in SURVIVED)
        no_tests = sorted(k for k, c in codes.items() if c in NO_TESTS)
        other = sorted(k for k, c in codes.items()
                       if c not in KILLED | TIMEOUT | SURVIVED | NO_TESTS)
        judged = len(killed) + len(timeout) + len(survived) + len(no_tests)
        report[path] = {
            "mutants": len(codes),
            "killed": len(killed),
            "timeout": len(timeout),
            "survived": len(survived),
            "no_tests": len(no_tests),
            "not_checked": len(other),
            "kill_rate": round((len(killed) + len(timeout)) / judged, 4) if judged else None,
            "survivors": survived + no_tests,
        }
    return report


def diffs(work: Path, report: dict[str, dict]) -> None:
    """Write each survivor's diff beside the results, read through mutmut's own `show`."""
    survivors_dir = OUT / "survivors"
    survivors_dir.mkdir(parents=True, exist_ok=True)
    for path, entry in report.items():
        names = entry["survivors"]
        out = survivors_dir / f"{slug(path)}.diff"
        if not names:
            out.unlink(missing_ok=True)
            continue
        script = (
            "import sys\n"
            "from mutmut.mutation.diff_apply import get_diff_for_mutant\n"
            "for name in sys.argv[1:]:\n"
            "    print('#', name)\n"
            "    print(get_diff_for_mutant(name))\n"
            "    print()\n"
        )
        result = subprocess.run([sys.executable, "-c", script, *names], cwd=work,  # noqa: S603
                                capture_output=True, text=True, check=False)
        out.write_text(result.stdout + result.stderr, "utf-8")


def refresh_tests(target: Target, work: Path) -> None:
    """For --again and --resume: replace the work directory's copy of the target's test
    directories by the tests as they are now, and its test list by the target's as it is now
    (mutated sources stay as they are).

    The copy is replaced, not overlaid, so a test file deleted since the run is gone from it
    too. Only for tests written since the run: if the sources changed (another commit merged),
    the copy's other modules are stale and a fresh run (without --again) is the one to make."""
    for tests in target.tests:  # a test directory, or one test file
        if (ROOT / tests).is_file():
            shutil.copy2(ROOT / tests, work / "mutants" / tests)
            continue
        shutil.rmtree(work / "mutants" / tests, ignore_errors=True)
        shutil.copytree(ROOT / tests, work / "mutants" / tests,
                        ignore=shutil.ignore_patterns("__pycache__"))
    # mutmut re-collects coverage only for test ids it has not seen: a renamed parametrised
    # test (new ids, old ones gone) would keep running under the old ids, which no longer exist.
    # Forget the coverage, so the re-run starts with a pass over the tests as they are now.
    (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    # The target's test list as it is now, should it have grown since the run.
    project = work / "pyproject.toml"
    selection = "pytest_add_cli_args_test_selection = "
    project.write_text("".join(
        f"{selection}{json.dumps(list(target.tests))}\n" if line.startswith(selection) else line
        for line in project.read_text("utf-8").splitlines(keepends=True)), "utf-8")


def survivors_of(target: Target) -> list[str]:
    """The last run's survivors of the target's files, from results.json."""
    modules = json.loads((OUT / "results.json").read_text("utf-8"))["modules"]
    return [name for path in files_of(target) for name in modules[path]["survivors"]]


def run_target(target: Target, max_children: int, again: bool = False,
               resume: bool = False, timed_out: bool = False) -> dict[str, dict]:
    """Mutate the target's files and run their tests against each mutant. ``again``: only the
    last run's survivors, with the tests as they are now; ``resume``: only the mutants a run
    stopped for time did not reach; ``timed_out``: only the mutants that timed out (a loaded
    machine makes slow tests time out; the report counts a timeout as a kill, this run tells
    which ones are). The others keep their verdicts."""
    files = files_of(target)
    work = OUT / "work" / slug(target.path)
    names: list[str] = []
    earlier = None
    if again or resume or timed_out:
        earlier = verdicts(work, files)
        refresh_tests(target, work)
        # Named explicitly, so mutmut runs exactly these whatever it decides to forget.
        wanted = (lambda code: code is None) if resume else (lambda code: code in TIMEOUT)
        names = (survivors_of(target) if again else
                 [key for path in files for key, code in earlier[path].items() if wanted(code)])
        if not names:
            return tally(work, files)
    else:
        prepare(target, work, files)
    mutmut = Path(sys.executable).parent / "mutmut"
    print(f"== {target.path}: {len(files)} file(s), tests {' '.join(target.tests)}", flush=True)
    if not names and not any(mutant_count(work, files).values()):
        # mutmut mutates code inside functions; a module of constants (core/roles.py) has none.
        print("   no mutants: the module holds no functions", flush=True)
        return {path: {"mutants": 0, "killed": 0, "timeout": 0, "survived": 0, "no_tests": 0,
                       "not_checked": 0, "kill_rate": None, "survivors": [], "kind": target.kind,
                       "goal": target.goal, "tests": list(target.tests), "target": target.path,
                       "note": "no functions: mutmut makes no mutants of module-level data"}
                for path in files}
    env = {**os.environ, "FAZHI_DATA_DIR": tempfile.mkdtemp(prefix="fazhi-mutate-"),
           "FAZHI_DEBUG": "0", "FAZHI_STATIC_MANIFEST": "0", "FAZHI_LOG_LEVEL": "WARNING"}
    env.pop("FAZHI_DATABASE_URL", None)
    env["FAZHI_MUTATE_DB_TEMPLATE"] = migrated_template(env)
    started = time.monotonic()
    log = OUT / "logs" / f"{slug(target.path)}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a" if names else "w", encoding="utf-8") as handle:
        # With names, mutmut runs those mutants again, after collecting the new tests' coverage.
        code = subprocess.run([str(mutmut), "run", "--max-children", str(max_children),  # noqa: S603
                               *names],
                              cwd=work, env=env, stdout=handle, stderr=subprocess.STDOUT,
                              check=False).returncode
    seconds = round(time.monotonic() - started)
    shutil.rmtree(env["FAZHI_DATA_DIR"], ignore_errors=True)
    report = tally(work, files, earlier)
    diffs(work, report)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for path, entry in report.items():
        entry.update(kind=target.kind, goal=target.goal, tests=list(target.tests),
                     target=target.path, seconds=seconds, ran_at=stamp, mutmut_exit=code)
        rate = entry["kill_rate"]
        mark = "ok" if rate is not None and rate >= target.goal else "BELOW GOAL"
        shown = "-" if rate is None else f"{rate:.1%}"
        print(f"   {path:<44} {entry['killed'] + entry['timeout']:>4}/{entry['mutants']:<4}"
              f" killed  {shown:>6}  goal {target.goal:.0%}  {mark}", flush=True)
    if code != 0:
        print(f"   mutmut exited {code}: see {log.relative_to(ROOT)}", flush=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default=os.environ.get("MODULE") or None)
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--again", action="store_true",
                        help="run only the last run's survivors again, with the tests as they "
                             "are now (after writing tests that should kill them)")
    parser.add_argument("--timed-out", action="store_true",
                        help="run only the mutants that timed out in the last run again")
    parser.add_argument("--resume", action="store_true",
                        help="run only the mutants the last run did not reach (stopped for "
                             "time), with the tests as they are now")
    parser.add_argument("--table", action="store_true",
                        help="print docs/mutation-results.json as a Markdown table and stop")
    parser.add_argument("--export", nargs="*", metavar="RESULTS", default=None,
                        help="merge runs' results.json (this checkout's by default) into "
                             "docs/mutation-results.json (committed) and stop")
    args = parser.parse_args()
    if args.table:
        print(mutation_record.table())
        return 0
    if args.export is not None:
        # With no results named, this checkout's run, if any; with none, only the verdicts and
        # scores of the record are brought up to date (after editing VERDICTS).
        sources = [Path(p) for p in args.export] or [
            p for p in (OUT / "results.json",) if p.exists()]
        missing = [str(p) for p in sources if not p.exists()]
        if missing:
            raise SystemExit(f"no such results: {', '.join(missing)}")
        print(mutation_record.export(sources).relative_to(ROOT))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    results_path = OUT / "results.json"
    for target in pick(args.module):
        report = run_target(target, args.max_children, args.again, args.resume, args.timed_out)
        # Read again just before writing: another run (another MODULE) may have written meanwhile.
        results = json.loads(results_path.read_text("utf-8")) if results_path.exists() else {}
        modules = {**results.get("modules", {}), **report}
        results = {"tool": "mutmut", "modules": dict(sorted(modules.items()))}
        results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"results in {results_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
