"""The mutation record's merge and score (bench/mutation_record.py): the newer run of a module
wins, and the score leaves equivalent survivors out and counts the ones killed since."""

import json

from bench import mutation_record


def _run(path, ran_at, killed, survivors, not_checked=0):
    return {"modules": {path: {
        "kind": "selectors", "goal": 0.9, "mutants": killed + len(survivors) + not_checked,
        "killed": killed, "timeout": 0, "survived": len(survivors), "no_tests": 0,
        "not_checked": not_checked, "kill_rate": killed / (killed + len(survivors)),
        "ran_at": ran_at, "tests": [], "survivors": [f"fazhi.x.{n}" for n in survivors]}}}


def test_the_newer_run_wins_and_the_score_counts_the_verdicts(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation_record, "RECORD", tmp_path / "record.json")
    monkeypatch.setattr(mutation_record, "VERDICTS", {"fazhi/x.py": {
        "killed_since": ("x_a__mutmut_1",), "equivalent": ("x_b__mutmut_2", "x_gone__mutmut_9")}})
    older, newer = tmp_path / "older.json", tmp_path / "newer.json"
    older.write_text(json.dumps(_run("fazhi/x.py", "2026-12-01T10:00:00+00:00", 1, ["x_z__mutmut_1"])))
    newer.write_text(json.dumps(_run("fazhi/x.py", "2026-12-01T11:00:00+00:00", 16,
                                     ["x_a__mutmut_1", "x_b__mutmut_2", "x_c__mutmut_3"],
                                     not_checked=5)))
    mutation_record.export([newer, older])
    entry = json.loads((tmp_path / "record.json").read_text())["modules"]["fazhi/x.py"]
    assert (entry["killed"], entry["not_checked"]) == (16, 5)
    assert entry["killed_since"] == ["fazhi.x.x_a__mutmut_1"]
    assert entry["equivalent"] == ["fazhi.x.x_b__mutmut_2"]  # a verdict on no survivor is dropped
    # (16 killed + 1 since) / (24 mutants - 5 not run - 1 equivalent)
    assert entry["score"] == round(17 / 18, 4)
    assert "| 94.4% | 90% |" in mutation_record.table()


def test_every_verdict_names_a_survivor_of_its_module_in_the_committed_record():
    """A verdict is a judgement on one survivor of the recorded run: a name that is no survivor
    there (a typo, or a mutant a later run killed) would be dropped silently, so none is kept."""
    modules = json.loads(mutation_record.RECORD.read_text("utf-8"))["modules"]
    stray = {}
    for module, kinds in mutation_record.VERDICTS.items():
        survivors = {name.rsplit(".", 1)[-1] for name in modules[module]["survivors"]}
        named = [name for names in kinds.values() for name in names]
        stray.update({f"{module}: {name}": "no survivor" for name in named if name not in survivors})
        twice = {name for name in named if named.count(name) > 1}
        stray.update({f"{module}: {name}": "two verdicts" for name in twice})
    assert stray == {}
