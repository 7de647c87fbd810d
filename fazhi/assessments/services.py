"""Every write of the assessment: keyword-only, one transaction each, the row locked and its
version checked, scope checked on every id, an audit entry in the same transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.cases.selectors import case_get_for
from fazhi.core.conflicts import Conflict, StaleVersion
from fazhi.core.uploads import content_matches
from fazhi.org.models import Region
from fazhi.org.selectors import agreement_get_for, communities_for, unit_get_for
from fazhi.outreach.selectors.activities import activity_get_for

from .access import require_reviewer, require_self_assessor, require_tree_editor
from .measures import measure, points
from .models import Assessment, Cycle, Evidence, Indicator, Score
from .tree import DEFAULT_TREE

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".docx")


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the audit log's JSON keeps them (points as text)."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _check_version(row: Any, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise StaleVersion(current=row)


# --- cycles and the indicator tree -------------------------------------------------------------
@transaction.atomic
def cycle_create(*, actor: Any, title: str, first_year: int, ip: str = "") -> Cycle:
    """A new cycle with the tree of the latest earlier cycle (the default tree for the first)."""
    require_tree_editor(actor)
    cycle = Cycle(title=title.strip(), first_year=first_year, created_by=actor)
    cycle.full_clean(validate_constraints=False)
    if Cycle.objects.filter(first_year=first_year).exists():
        raise ValidationError({"first_year": [_("A cycle starting in this year exists already.")]})
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError as exc:
        raise ValidationError({"first_year": [_(
            "A cycle starting in this year exists already.")]}) from exc
    before = Cycle.objects.filter(first_year__lt=first_year).order_by("-first_year").first()
    if before is not None:
        rows = [Indicator(cycle=cycle, dimension=i.dimension, position=i.position, title=i.title,
                          guidance=i.guidance, weight=i.weight, method=i.method, rule=i.rule,
                          target=i.target) for i in before.indicators.all()]
    else:
        rows = [Indicator(cycle=cycle, dimension=d, position=(n + 1) * 10, title=t, guidance=g,
                          weight=w, method=Indicator.Method.AUTO if r else Indicator.Method.MANUAL,
                          rule=r, target=target)
                for n, (d, t, g, w, r, target) in enumerate(DEFAULT_TREE)]
    Indicator.objects.bulk_create(rows)
    audit_record(actor=actor, action="create", obj=cycle, ip=ip,
                 detail=f"{len(rows)} items" + (f" from {before.pk}" if before else ""))
    return cycle


def _locked_cycle(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


@transaction.atomic
def cycle_update(*, actor: Any, cycle: Cycle, expected_version: int, title: str,
                 pass_score: Decimal, excellent_score: Decimal, warn_score: Decimal,
                 ip: str = "") -> Cycle:
    require_tree_editor(actor)
    locked = _locked_cycle(cycle)
    _check_version(locked, expected_version)
    if locked.assessments.filter(status=Assessment.Status.CONCLUDED).exists():
        raise Conflict(_("An assessment of this cycle is concluded: its marks stay as they were."),
                       current=locked)
    before = {"title": locked.title, "pass_score": locked.pass_score,
              "excellent_score": locked.excellent_score, "warn_score": locked.warn_score}
    after = {"title": title.strip(), "pass_score": pass_score,
             "excellent_score": excellent_score, "warn_score": warn_score}
    for field, value in after.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="update", obj=locked, ip=ip,
                 changes=changed_fields(_plain(before), _plain(after)))
    return locked


def _editable_tree(actor: Any, cycle: Cycle, expected_tree_version: int | None) -> Cycle:
    require_tree_editor(actor)
    locked = _locked_cycle(cycle)
    if locked.frozen:
        raise Conflict(_("The indicator tree of this cycle is frozen: a self-assessment started "
                         "on it. Start a new cycle to change the items."), current=locked)
    if expected_tree_version is not None and locked.tree_version != expected_tree_version:
        raise StaleVersion(current=locked)
    return locked


_ITEM_FIELDS = ("dimension", "position", "title", "guidance", "weight", "method", "rule",
                "target")


@transaction.atomic
def indicator_save(*, actor: Any, cycle: Cycle, indicator: Indicator | None = None,
                   expected_tree_version: int | None, dimension: str, title: str,
                   weight: Decimal, method: str, position: int = 0, guidance: str = "",
                   rule: str = "", target: Decimal | None = None, ip: str = "") -> Indicator:
    """Add an item to the cycle's tree or change one; refused once the tree is frozen."""
    locked = _editable_tree(actor, cycle, expected_tree_version)
    if indicator is not None and indicator.cycle_id != locked.pk:
        raise Http404
    item = indicator or Indicator(cycle=locked)
    before = {f: getattr(item, f) for f in _ITEM_FIELDS} if indicator else {}
    after = {"dimension": dimension, "position": position, "title": title.strip(),
             "guidance": guidance.strip(), "weight": weight, "method": method, "rule": rule,
             "target": target}
    for field, value in after.items():
        setattr(item, field, value)
    item.full_clean(validate_constraints=False)
    if Indicator.objects.filter(cycle=locked, title=item.title).exclude(pk=item.pk).exists():
        raise ValidationError({"title": [_("The cycle has an item of this name already.")]})
    item.save()
    locked.tree_version += 1
    locked.save(update_fields=["tree_version"])
    audit_record(actor=actor, action="update" if indicator else "create", obj=item, ip=ip,
                 changes=changed_fields(_plain(before),
                                         _plain({f: getattr(item, f) for f in _ITEM_FIELDS})),
                 detail=f"cycle {locked.pk} tree v{locked.tree_version}")
    return item


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: Indicator, expected_tree_version: int | None,
                     ip: str = "") -> None:
    locked = _editable_tree(actor, indicator.cycle, expected_tree_version)
    audit_record(actor=actor, action="delete", obj=indicator, ip=ip,
                 detail=f"cycle {locked.pk} tree v{locked.tree_version + 1}")
    indicator.delete()
    locked.tree_version += 1
    locked.save(update_fields=["tree_version"])


# --- the self-assessment -----------------------------------------------------------------------
def _measure_scores(actor: Any, assessment: Assessment, scores: list[Score]) -> None:
    year = assessment.cycle.last_year
    for score in scores:
        item = score.indicator
        if item.method != Indicator.Method.AUTO:
            continue
        m = measure(actor=actor, rule=item.rule, community_id=assessment.community_id,
                    year=year)
        score.measured, score.measure_note = m.value, m.note[:200]
        score.self_score = points(item, m.value)


@transaction.atomic
def assessment_start(*, actor: Any, cycle: Cycle, community: Region | None = None,
                     kind: str = Assessment.Kind.APPLICATION, ip: str = "") -> Assessment:
    """Start the community's self-assessment in the cycle (the actor's own community), freezing
    the cycle's tree; a second call returns the one already started."""
    community_id = community.pk if community else actor.community_id
    require_self_assessor(actor, community_id)
    if not communities_for(actor=actor).filter(pk=community_id).exists():
        raise PermissionDenied
    locked = _locked_cycle(cycle)
    existing = Assessment.objects.filter(cycle=locked, community_id=community_id).first()
    if existing is not None:
        return existing
    if kind not in Assessment.Kind.values:
        raise ValidationError({"kind": [_("Choose the kind of assessment.")]})
    items = list(locked.indicators.all())
    if not items:
        raise Conflict(_("The cycle has no items yet."), current=locked)
    if not locked.frozen:
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["frozen_at"])
    assessment = Assessment(cycle=locked, community_id=community_id, kind=kind,
                            tree_version=locked.tree_version, started_by=actor)
    assessment.full_clean(validate_constraints=False)
    assessment.save()
    scores = [Score(assessment=assessment, indicator=i) for i in items]
    _measure_scores(actor, assessment, scores)
    Score.objects.bulk_create(scores)
    audit_record(actor=actor, action="create", obj=assessment, ip=ip,
                 detail=f"tree v{locked.tree_version}")
    return assessment


def _locked_assessment(assessment: Assessment) -> Assessment:
    return (Assessment.objects.select_for_update().select_related("cycle")
            .get(pk=assessment.pk))


def _require_community_turn(actor: Any, assessment: Assessment) -> None:
    require_self_assessor(actor, assessment.community_id)
    if not assessment.editable_by_community:
        raise Conflict(_("The assessment is %(status)s: the community cannot change it now.")
                       % {"status": assessment.get_status_display()}, current=assessment)


def _locked_score(score: Score) -> Score:
    return Score.objects.select_for_update().select_related("indicator").get(pk=score.pk)


def _require_item_open(score: Score, assessment: Assessment) -> None:
    if score.review == Score.Review.ACCEPTED:
        raise Conflict(_("The reviewer accepted this item; it is no longer changed."),
                       current=score)
    if assessment.status == Assessment.Status.RETURNED and score.review != Score.Review.RETURNED:
        raise Conflict(_("Only the items the reviewer returned are changed now."), current=score)


@transaction.atomic
def assessment_measure(*, actor: Any, assessment: Assessment, ip: str = "") -> Assessment:
    """Read the automatic items from the records again (while the community holds it)."""
    locked = _locked_assessment(assessment)
    _require_community_turn(actor, locked)
    scores = list(locked.scores.select_for_update().select_related("indicator")
                  .exclude(review=Score.Review.ACCEPTED))
    _measure_scores(actor, locked, scores)
    for score in scores:
        if score.indicator.method == Indicator.Method.AUTO:
            score.version += 1
    Score.objects.bulk_update(scores, ["measured", "measure_note", "self_score", "version"])
    audit_record(actor=actor, action="update", obj=locked, ip=ip, detail="measured")
    return locked


@transaction.atomic
def score_self(*, actor: Any, score: Score, expected_version: int | None,
               self_score: Decimal | None, self_note: str = "", ip: str = "") -> Score:
    """The community's own score and note for a manual item (automatic items are read from
    the records and take a note only)."""
    locked = _locked_score(score)
    assessment = _locked_assessment(locked.assessment)
    _require_community_turn(actor, assessment)
    _check_version(locked, expected_version)
    _require_item_open(locked, assessment)
    before = {"self_score": locked.self_score, "self_note": locked.self_note}
    if locked.indicator.method == Indicator.Method.MANUAL:
        if self_score is None:
            raise ValidationError({"self_score": [_("Give the item's score.")]})
        locked.self_score = self_score
    locked.self_note = self_note.strip()
    locked.full_clean(validate_constraints=False)
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="update", obj=locked, ip=ip,
                 changes=changed_fields(_plain(before), _plain({"self_score": locked.self_score,
                                                               "self_note": locked.self_note})),
                 detail=f"assessment {assessment.pk}")
    return locked


def _check_upload(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in EVIDENCE_TYPES:
        raise ValidationError({"file": [_("Upload a PDF, JPG, PNG or DOCX file.")]})
    if (upload.size or 0) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    if not content_matches(upload, ext):
        raise ValidationError({"file": [_(
            "The file's content is not a PDF, JPG, PNG or DOCX document.")]})


def _record_label(actor: Any, kind: str, record_id: int) -> str:
    """The linked record, fetched through its app's scoped getter (404 outside the actor's
    scope), as a label kept with the evidence."""
    if kind == Evidence.Kind.ACTIVITY:
        a = activity_get_for(actor=actor, pk=record_id)
        return f"{a.title}（{a.starts_at:%Y-%m-%d}）"
    if kind == Evidence.Kind.CASE:
        return str(case_get_for(actor=actor, pk=record_id).number)
    if kind == Evidence.Kind.AGREEMENT:
        return agreement_get_for(actor=actor, pk=record_id).title
    if kind == Evidence.Kind.UNIT:
        return unit_get_for(actor=actor, pk=record_id).name
    raise ValidationError({"kind": [_("Choose what the evidence is.")]})


@transaction.atomic
def evidence_add(*, actor: Any, score: Score, kind: str, label: str = "",
                 file: UploadedFile | None = None, record_id: int | None = None,
                 ip: str = "") -> Evidence:
    """A document or photo, or a link to a record the actor may see, for one item."""
    locked = _locked_score(score)
    assessment = _locked_assessment(locked.assessment)
    _require_community_turn(actor, assessment)
    _require_item_open(locked, assessment)
    if locked.evidence.count() >= Evidence.MAX_PER_SCORE:
        raise ValidationError(_("An item holds at most %(n)d pieces of evidence.")
                              % {"n": Evidence.MAX_PER_SCORE})
    evidence = Evidence(score=locked, kind=kind, added_by=actor)
    if kind == Evidence.Kind.FILE:
        if file is None:
            raise ValidationError({"file": [_("Choose the file to upload.")]})
        _check_upload(file)
        evidence.label = (label.strip() or (file.name or "")[:120])[:120]
    else:
        if not record_id:
            raise ValidationError({"record_id": [_("Give the record's number.")]})
        try:
            found = _record_label(actor, kind, record_id)
        except Http404:
            raise ValidationError({"record_id": [_(
                "No such record among those you may see.")]}) from None
        evidence.record_id = record_id
        evidence.label = (label.strip() or found)[:120]
    evidence.full_clean(exclude=["file"], validate_constraints=False)
    if file is not None:
        evidence.file.save(file.name or "evidence", file, save=False)
    evidence.save()
    audit_record(actor=actor, action="create", obj=evidence, ip=ip,
                 detail=f"assessment {assessment.pk} item {locked.pk} {kind}")
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence, ip: str = "") -> None:
    locked = _locked_score(evidence.score)
    assessment = _locked_assessment(locked.assessment)
    _require_community_turn(actor, assessment)
    _require_item_open(locked, assessment)
    audit_record(actor=actor, action="delete", obj=evidence, ip=ip,
                 detail=f"assessment {assessment.pk} item {locked.pk}")
    storage, name = evidence.file.storage, evidence.file.name or ""
    evidence.delete()
    if name:  # the file goes only once the row's removal is committed
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def evidence_download(*, actor: Any, evidence: Evidence, ip: str = "") -> Evidence:
    """Record the reading of an evidence file (an export of a document)."""
    audit_record(actor=actor, action="export", obj=evidence, ip=ip,
                 detail=f"assessment {evidence.score.assessment_id}")
    return evidence


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment, expected_version: int | None,
                      ip: str = "") -> Assessment:
    """Hand the self-assessment to the sub-district: every manual item scored, every manual
    item with points backed by evidence; the automatic items are read once more."""
    locked = _locked_assessment(assessment)
    _require_community_turn(actor, locked)
    _check_version(locked, expected_version)
    scores = list(locked.scores.select_for_update().select_related("indicator")
                  .exclude(review=Score.Review.ACCEPTED))
    _measure_scores(actor, locked, scores)
    missing = [s.indicator.title for s in scores if s.indicator.method == Indicator.Method.MANUAL
               and s.self_score is None]
    if missing:
        raise ValidationError(_("Score every item first: %(items)s.")
                              % {"items": "；".join(missing)})
    with_evidence = set(Evidence.objects.filter(score__in=scores).values_list("score_id",
                                                                               flat=True))
    bare = [s.indicator.title for s in scores if s.indicator.method == Indicator.Method.MANUAL
            and s.self_score and s.pk not in with_evidence]
    if bare:
        raise ValidationError(_("Add evidence to each item you give points: %(items)s.")
                              % {"items": "；".join(bare)})
    for score in scores:
        score.review = Score.Review.PENDING
        score.version += 1
    Score.objects.bulk_update(scores, ["measured", "measure_note", "self_score", "review",
                                       "version"])
    locked.status = Assessment.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip, detail="submitted")
    return locked


# --- the review ----------------------------------------------------------------------------------
def _require_review_turn(actor: Any, assessment: Assessment) -> None:
    require_reviewer(actor)
    if assessment.status != Assessment.Status.SUBMITTED:
        raise Conflict(_("The assessment is %(status)s: there is nothing to review now.")
                       % {"status": assessment.get_status_display()}, current=assessment)


@transaction.atomic
def score_review(*, actor: Any, score: Score, expected_version: int | None, verdict: str,
                 review_score: Decimal | None = None, review_note: str = "",
                 ip: str = "") -> Score:
    """Accept an item (at the community's score unless the reviewer gives another, with a
    note) or return it to the community with a note saying what is missing."""
    locked = _locked_score(score)
    assessment = _locked_assessment(locked.assessment)
    _require_review_turn(actor, assessment)
    _check_version(locked, expected_version)
    note = review_note.strip()
    if verdict == Score.Review.RETURNED:
        if not note:
            raise ValidationError({"review_note": [_(
                "Say what the community should add or change.")]})
        locked.review_score = None
    elif verdict == Score.Review.ACCEPTED:
        given = review_score if review_score is not None else locked.self_score
        if given is None:
            raise ValidationError({"review_score": [_("Give the item's score.")]})
        if given != locked.self_score and not note:
            raise ValidationError({"review_note": [_(
                "Say why the score differs from the community's.")]})
        locked.review_score = given
    else:
        raise ValidationError({"verdict": [_("Accept the item or return it.")]})
    before = {"review": locked.review, "review_note": locked.review_note}
    locked.review, locked.review_note, locked.reviewed_by = verdict, note, actor
    locked.full_clean(validate_constraints=False)
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip,
                 changes=changed_fields(before, {"review": verdict, "review_note": note}),
                 detail=f"review {verdict} assessment {assessment.pk} score {locked.review_score}")
    return locked


@transaction.atomic
def assessment_send_back(*, actor: Any, assessment: Assessment, expected_version: int | None,
                         ip: str = "") -> Assessment:
    """Return the assessment to the community once every item is reviewed and one or more are
    returned; the community changes those items only and submits again."""
    locked = _locked_assessment(assessment)
    _require_review_turn(actor, locked)
    _check_version(locked, expected_version)
    reviews = set(locked.scores.values_list("review", flat=True))
    if Score.Review.PENDING in reviews:
        raise Conflict(_("Review every item first."), current=locked)
    if Score.Review.RETURNED not in reviews:
        raise Conflict(_("No item is returned: conclude the assessment instead."),
                       current=locked)
    locked.status = Assessment.Status.RETURNED
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip, detail="returned")
    return locked


def decision_for(assessment: Assessment, score: Decimal) -> tuple[str, str]:
    """The grade and the decision a total earns under the cycle's marks."""
    cycle = assessment.cycle
    G, D = Assessment.Grade, Assessment.Decision
    grade = (G.EXCELLENT if score >= cycle.excellent_score
             else G.PASS if score >= cycle.pass_score else G.FAIL)
    if assessment.kind == Assessment.Kind.RECHECK:
        decision = (D.KEPT if score >= cycle.pass_score
                    else D.WARNED if score >= cycle.warn_score else D.REVOKED)
    else:
        decision = D.NAMED if score >= cycle.pass_score else D.NOT_NAMED
    return grade, decision


@transaction.atomic
def assessment_conclude(*, actor: Any, assessment: Assessment, expected_version: int | None,
                        ip: str = "") -> Assessment:
    """Every item accepted: the total of the reviewed scores, its grade and the decision."""
    locked = _locked_assessment(assessment)
    _require_review_turn(actor, locked)
    _check_version(locked, expected_version)
    scores = list(locked.scores.values_list("review", "review_score"))
    if any(review != Score.Review.ACCEPTED for review, _s in scores):
        raise Conflict(_("Accept every item first (or send the returned ones back)."),
                       current=locked)
    total = sum((s or Decimal(0) for _r, s in scores), Decimal(0))
    locked.score = total
    locked.grade, locked.decision = decision_for(locked, total)
    locked.status = Assessment.Status.CONCLUDED
    locked.concluded_at, locked.concluded_by = timezone.now(), actor
    locked.decided_on = timezone.localdate()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip,
                 detail=f"concluded {total} {locked.grade} {locked.decision}")
    return locked
