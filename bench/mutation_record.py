"""The committed record of the mutation runs, docs/mutation-results.json, and its table.

``python -m bench.mutation --export [RESULTS ...]`` merges one or more runs' results (each a
``var/mutate/results.json``, of this checkout by default, or of other worktrees that ran other
targets side by side) into the record: per module, the newer run wins. ``--table`` prints the
record as the Markdown table of docs/testing.md.

Beside mutmut's own counts the record carries two judgements made by reading each survivor,
kept in ``VERDICTS`` below (the reasons are in docs/testing.md, "Surviving mutants"):
- ``killed_since``: survivors of the last run that a test written after it kills, each checked
  by running that test against the mutant (``MUTANT_UNDER_TEST``) or by planting it by hand;
- ``equivalent``: survivors that change nothing a caller can observe.
The **score** is the mutation score in its usual sense: the mutants killed (in the run or
since) over the mutants that ran, equivalent ones left out. The goals apply to it; the run's
own kill rate stays beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.mutation_targets import ROOT

RECORD = ROOT / "docs" / "mutation-results.json"
KEEP = ("kind", "goal", "mutants", "killed", "timeout", "survived", "no_tests", "not_checked",
        "kill_rate", "ran_at", "tests", "survivors", "note")

# module -> {"killed_since": (...), "equivalent": (...)}: mutant names without the module part.
# A module without an entry scores its run's own kill rate; tests/test_mutation_record.py checks
# that every name here is a survivor of its module's recorded run.
VERDICTS: dict[str, dict[str, tuple[str, ...]]] = {
    "fazhi/cases/selectors/search.py": {
        "killed_since": ("x_similar_case_ids__mutmut_1",),
        "equivalent": (
            "x_search_filter__mutmut_8", "x_search_filter__mutmut_18",
            "x_search_first_matches__mutmut_6", "x_search_first_matches__mutmut_8",
            "x_search_first_matches__mutmut_17", "x_search_first_matches__mutmut_19",
            "x_search_first_matches__mutmut_37", "x_search_first_matches__mutmut_50",
            "x_similar_case_ids__mutmut_19", "x_similar_case_ids__mutmut_20",
            "x_similar_case_ids__mutmut_22", "x_similar_case_ids__mutmut_25",
            "x_similar_case_ids__mutmut_35", "x_similar_case_ids__mutmut_41",
            "x_similar_case_ids__mutmut_44", "x_similar_case_ids__mutmut_45")},
    "fazhi/cases/services/deadlines.py": {
        "equivalent": (
            "x__compute__mutmut_29", "x__finish__mutmut_7", "x_deadline_extend__mutmut_13",
            "x_deadline_extension_check__mutmut_6", "x_deadlines_meet__mutmut_3",
            "x_deadlines_pause__mutmut_3", "x_deadlines_pause__mutmut_15",
            "x_deadlines_restart__mutmut_8", "x_deadlines_resume__mutmut_2",
            "x_deadlines_resume__mutmut_15")},
    "fazhi/core/workdays/deadlines.py": {
        "equivalent": ("x__merged__mutmut_13", "x__merged__mutmut_18", "x_due_at__mutmut_66",
                       "x_due_at__mutmut_67")},
    "fazhi/core/workdays/official.py": {
        "killed_since": tuple(f"x_official_arrangement__mutmut_{n}"
                              for n in (2, 3, 11, 12, 29, 48, 50, 51, 55)),
        "equivalent": ("x_is_workday__mutmut_15", "x_official_is_workday__mutmut_7",
                       "xǁCalendarUnknownǁ__init____mutmut_13",
                       "xǁCalendarUnknownǁ__init____mutmut_36")},
    "fazhi/reports/figures.py": {
        "equivalent": ("x__justice__mutmut_4", "x__street_wide__mutmut_4")},
    "fazhi/reports/sources.py": {
        "killed_since": (
            *(f"x_exams__mutmut_{n}" for n in (48, 54, 56, 62, 67, 69, 75)),
            "x_org__mutmut_13", "x_org__mutmut_15", "x_reach__mutmut_68",
            *(f"x__reach_detail__mutmut_{n}" for n in (14, 20, 49, 51, 52))),
        "equivalent": (
            "x_cases__mutmut_1", "x_sandai__mutmut_1", "x_exams__mutmut_1", "x_org__mutmut_1",
            "x_model_communities__mutmut_1", "x_sandai__mutmut_4", "x_reach__mutmut_19",
            "x_reach__mutmut_21", "x_reach__mutmut_100", "x_reach__mutmut_115",
            "x__reach_detail__mutmut_60")},
    "fazhi/cases/access.py": {
        "killed_since": ("x_handlers_q__mutmut_6", "x_handlers_q__mutmut_12"),
        "equivalent": ("x_handlers_q__mutmut_5", "x_may_write__mutmut_4")},
    "fazhi/cases/selectors/cases.py": {
        "killed_since": (
            "x__drill_down__mutmut_5", "x__drill_down__mutmut_17", "x__drill_down__mutmut_18",
            "x_case_matches_capped__mutmut_23",
            # the eighth round (RESUME=1), by test_case_page_parts.py, each planted
            "x_case_list_for__mutmut_78", "x_case_list_for__mutmut_79",
            "x_case_get_for__mutmut_8", "x_case_get_for__mutmut_9", "x_case_get_for__mutmut_10",
            "x__has__mutmut_4", "x__has__mutmut_6",
            *(f"x_case_page_for__mutmut_{n}" for n in (
                42, 48, 51, 52, 57, 58, 60, 61, 62, 64, 69, 70, 71, 72, 75, 76, 77, 78, 79, 81,
                82, 85, 86, 87, 88, 90, 93, 94, 99)),
            *(f"x_earlier_cases_for__mutmut_{n}" for n in (1, 6, 9, 10, 11, 14, 20)),
            *(f"x_duplicates_for__mutmut_{n}" for n in (3, 5, 6, 7))),
        "equivalent": ("x_case_by_number_for__mutmut_5", "x_case_track__mutmut_4",
                       "x_case_track__mutmut_7", "x_public_events__mutmut_4",
                       "x_case_matches_capped__mutmut_15",
                       *(f"x_case_list_for__mutmut_{n}" for n in (
                           1, 2, 15, 16, 19, 20, 21, 22, 23, 37, 40, 44, 57)),
                       *(f"x_case_page_for__mutmut_{n}" for n in (16, 36, 63, 68, 111)),
                       *(f"x_case_get_for__mutmut_{n}" for n in (11, 12, 13)))},
    "fazhi/core/workdays/overrides.py": {
        "killed_since": ("x_calendar_override_get__mutmut_1",),
        "equivalent": ("x_calendar_year_list__mutmut_2",)},
    # Modules measured before the verdicts were kept here, their code unchanged since the run:
    # the verdicts given in docs/testing.md's prose, each "killed" one checked against its
    # mutant (in the run's mutated copy, or planted by hand on 1 December 2026, evening).
    "fazhi/assessments/selectors.py": {
        "killed_since": ("x_indicator_get_for__mutmut_6",),
        "equivalent": (
            "x_assessment_list_for__mutmut_23", "x_assessment_list_for__mutmut_34",
            "x_board_for__mutmut_14", "x_cycle_list_for__mutmut_5",
            "x_assessment_get_for__mutmut_24", "x_cycle_get_for__mutmut_16",
            "x_assessment_get_for__mutmut_16", "x_assessment_get_for__mutmut_18",
            "x_cycle_get_for__mutmut_6", "x_cycle_get_for__mutmut_8", "x_cycle_get_for__mutmut_10",
            "x_by_dimension__mutmut_23", "x_by_dimension__mutmut_29", "x_by_dimension__mutmut_38",
            "x_tree_by_dimension__mutmut_9")},
    "fazhi/cases/selectors/countdown.py": {
        "equivalent": ("x__days_between__mutmut_6", "x__days_between__mutmut_7",
                       "x__days_between__mutmut_9")},
    "fazhi/cases/selectors/extensions.py": {
        "equivalent": ("x_extension_requests_pending_for__mutmut_4",)},
    "fazhi/cases/selectors/lookups.py": {"equivalent": ("x__found__mutmut_8",)},
    "fazhi/contests/access.py": {"killed_since": ("x__staff__mutmut_11",)},
    "fazhi/contests/selectors.py": {
        "equivalent": ("x_leaderboard__mutmut_8", "x_participant_get_own__mutmut_11")},
    "fazhi/org/access.py": {"equivalent": ("x_may_edit__mutmut_4",)},
    "fazhi/outreach/access.py": {
        "killed_since": ("x_may_edit_activity__mutmut_8", "x_may_edit_activity__mutmut_11"),
        "equivalent": ("x_may_edit_activity__mutmut_5", "x_may_edit_list__mutmut_4",
                       "x_may_see_activity__mutmut_6")},
    "fazhi/outreach/selectors/activities.py": {
        "killed_since": ("x_activity_for_checkin__mutmut_31", "x_activity_for_checkin__mutmut_34"),
        "equivalent": (
            "x_activity_for_checkin__mutmut_37",
            *(f"x_activity_get_for__mutmut_{n}" for n in (10, 11, 12, 13)),
            *(f"x_activity_list_for__mutmut_{n}" for n in (17, 24, 25, 35)),
            *(f"x_feed_activities__mutmut_{n}" for n in (6, 9, 10)),
            "x_month_calendar__mutmut_25",
            *(f"x_signins_of__mutmut_{n}" for n in (4, 5, 6)),
            *(f"x_with_attendance__mutmut_{n}" for n in (40, 42, 49, 51)))},
    "fazhi/outreach/selectors/lists.py": {
        "killed_since": ("x_list_list_for__mutmut_7",),
        "equivalent": (
            "x_item_get_for__mutmut_5", "x_items_open_for__mutmut_5", "x_key_dates__mutmut_4",
            "x_list_get_for__mutmut_7", "x_list_get_for__mutmut_8", "x_list_list_for__mutmut_8",
            "x_reminders_for__mutmut_1", "x_units_for_lists__mutmut_10")},
    "fazhi/outreach/selectors/work.py": {"equivalent": ("x_work_for__mutmut_17",)},
    "fazhi/outreach/selectors/progress.py": {
        "equivalent": ("x__done_counts__mutmut_10", "x_progress_for_lists__mutmut_10")},
    "fazhi/outreach/selectors/reach.py": {
        "equivalent": ("x_reach_for__mutmut_30", "x_reach_for__mutmut_194")},
    "fazhi/outreach/selectors/study.py": {
        "equivalent": ("x_study_get_for__mutmut_5", "x_study_list_for__mutmut_5",
                       "x_units_for_study__mutmut_9")},
    "fazhi/study/access.py": {"equivalent": ("x_credit_scope__mutmut_5",)},
    "fazhi/study/selectors.py": {
        "killed_since": ("x_material_get_for__mutmut_1",),
        "equivalent": (
            "x__score__mutmut_45", "x__score__mutmut_58", "x_articles_of__mutmut_4",
            "x_exam_percents__mutmut_13", "x_exam_percents__mutmut_15",
            "x_scores_for__mutmut_52", "x_scores_for__mutmut_85",
            *(f"x_unit_rates__mutmut_{n}" for n in (18, 19, 24, 26, 29, 72, 75, 79, 81)),
            "x_week_for__mutmut_11", "x_week_for__mutmut_12", "x_weeks_of__mutmut_9")},
    "fazhi/voting/access.py": {"equivalent": ("x__staff__mutmut_5",)},
    "fazhi/voting/selectors.py": {
        "equivalent": (
            "x_board_of__mutmut_30", "x_board_of__mutmut_33", "x_campaign_list_for__mutmut_2",
            "x_campaign_list_for__mutmut_6", "x_held_votes_for__mutmut_6",
            "x_marks_for__mutmut_14", "x_marks_for__mutmut_28", "x_results_for__mutmut_48",
            "x_results_for__mutmut_49", "x_results_for__mutmut_68", "x_results_for__mutmut_78",
            "x_votes_for__mutmut_4")},
    # The eighth round (1 December 2026, night): modules whose code changed since their run,
    # measured afresh; "killed since" each planted by hand against the test written for it.
    "fazhi/cases/selectors/stats.py": {
        "killed_since": (
            "x__labelled__mutmut_19",
            *(f"x__mix__mutmut_{n}" for n in (77, 81, 83, 100)),
            *(f"x_stats_for__mutmut_{n}" for n in (
                26, 35, 62, 187, 191, 194, 195, 196, 212, 213, 217, 220, 221, 222,
                388, 390, 391, 398))),
        "equivalent": (
            *(f"x__mix__mutmut_{n}" for n in (72, 74, 75, 82, 84, 85)),
            "x__rows__mutmut_5", "x__rows__mutmut_6",
            *(f"x_calendar_months__mutmut_{n}" for n in (10, 34, 36)),
            *(f"x_stats_for__mutmut_{n}" for n in (126, 259, 261, 264, 265, 266, 267)))},
    "fazhi/org/selectors.py": {
        "equivalent": (
            "x__person_search__mutmut_8", "x__person_search__mutmut_9",
            "x_agreement_get_for__mutmut_5", "x_agreement_get_for__mutmut_6",
            *(f"x_agreement_list_for__mutmut_{n}" for n in (11, 13, 18, 49, 57)),
            "x_communities_for__mutmut_5", "x_duty_slot_get_for__mutmut_5",
            *(f"x_person_get_for__mutmut_{n}" for n in (1, 6, 17, 20, 21, 29, 31)),
            *(f"x_person_list_for__mutmut_{n}" for n in (31, 35, 36, 37)),
            *(f"x_region_choices__mutmut_{n}" for n in (5, 18, 21, 24, 37)),
            "x_region_get_for__mutmut_5", "x_region_get_for__mutmut_8",
            *(f"x_region_list_for__mutmut_{n}" for n in (5, 8, 15, 17, 20)),
            *(f"x_unit_choices__mutmut_{n}" for n in (6, 7, 8)),
            "x_unit_get_for__mutmut_5", "x_unit_list_for__mutmut_23",
            "x_work_for__mutmut_16")},
}


def _names(module: str, kind: str, survivors: list[str]) -> list[str]:
    wanted = set(VERDICTS.get(module, {}).get(kind, ()))
    return [name for name in survivors if name.rsplit(".", 1)[-1] in wanted]


def score(module: str, entry: dict) -> float | None:
    """(killed + timed out + killed since) / (ran − equivalent)."""
    survivors = entry.get("survivors", [])
    since = len(_names(module, "killed_since", survivors))
    equivalent = len(_names(module, "equivalent", survivors))
    ran = entry["mutants"] - entry.get("not_checked", 0) - equivalent
    return round((entry["killed"] + entry["timeout"] + since) / ran, 4) if ran > 0 else None


def export(sources: list[Path]) -> Path:
    """Merge runs' results into the record (the newer run of a module wins), with the
    verdicts and the score of each module."""
    modules: dict[str, dict] = (json.loads(RECORD.read_text("utf-8"))["modules"]
                                if RECORD.exists() else {})
    for source in sources:
        for path, entry in json.loads(source.read_text("utf-8"))["modules"].items():
            old = modules.get(path)
            if old is None or entry.get("ran_at", "") > old.get("ran_at", ""):
                modules[path] = {k: entry[k] for k in KEEP if k in entry}
    for path, entry in modules.items():
        entry["killed_since"] = _names(path, "killed_since", entry.get("survivors", []))
        entry["equivalent"] = _names(path, "equivalent", entry.get("survivors", []))
        entry["score"] = score(path, entry)
    record = {"tool": "mutmut", "source": "var/mutate/results.json of each run (make mutate)",
              "modules": dict(sorted(modules.items()))}
    RECORD.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return RECORD


def table() -> str:
    """The record as the Markdown table of docs/testing.md."""
    modules = json.loads(RECORD.read_text("utf-8"))["modules"]
    rows = ["| module | kind | mutants | killed | timeout | survived | no test | not run "
            "| kill rate (run) | killed since | equivalent | score | goal | date |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | --- |"]
    for path, e in modules.items():
        rate = "-" if e["kill_rate"] is None else f"{e['kill_rate']:.1%}"
        got = score(path, e)
        shown = "-" if got is None else f"**{got:.1%}**" if got < e["goal"] else f"{got:.1%}"
        rows.append(f"| `{path}` | {e['kind']} | {e['mutants']} | {e['killed']} | "
                    f"{e['timeout']} | {e['survived']} | {e['no_tests']} | "
                    f"{e.get('not_checked', 0)} | {rate} | "
                    f"{len(_names(path, 'killed_since', e.get('survivors', [])))} | "
                    f"{len(_names(path, 'equivalent', e.get('survivors', [])))} | {shown} | "
                    f"{e['goal']:.0%} | {e.get('ran_at', '')[:10]} |")
    return "\n".join(rows)
