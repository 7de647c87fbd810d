"""Pages of the exams app: thin, each calling one service or selector."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.http import client_ip
from fazhi.core.paperanswers import answer_input, answer_reply, whole_number
from fazhi.core.roles import require_reader
from fazhi.core.spreadsheets import XLSX_TYPE, Sheet, xlsx_response

from .access import is_organiser
from .documents import certificate_pdf, cjk_font_available
from .forms import EXAM_ERROR_FIELDS, BankForm, ExamForm, ImportForm, QuestionForm, VerifyForm
from .models import Attempt
from .rates import exam_rates
from .selectors import (
    attempt_get_for,
    attempt_list_for,
    bank_get_for,
    bank_list_for,
    certificate_by_code,
    enrolment_of,
    exam_get_for,
    exam_list_for,
    paper_get_for,
    paper_items,
    question_get_for,
    question_list_for,
)
from .services import exams as exam_services
from .services import questions as question_services
from .services import sitting
from .services.importing import ImportRefused, bank_import
from .sheets import SheetError, template_workbook


@login_required
@require_GET
def exam_index(request: HttpRequest) -> HttpResponse:
    exams = list(exam_list_for(actor=request.user)[:200])
    return render(request, "exams/index.html", {"exams": exams,
                                                "organiser": is_organiser(request.user)})


@login_required
@require_GET
def exam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_get_for(actor=request.user, pk=pk)
    enrolment = enrolment_of(actor=request.user, exam=exam)
    mine = list(attempt_list_for(actor=request.user, exam=exam).filter(user_id=request.user.pk or 0))
    now = timezone.now()
    can_start = bool(enrolment and sitting.window_open(exam, enrolment, now)
                     and (enrolment.attempts < exam.max_attempts
                          or any(a.state == Attempt.State.OPEN for a in mine)))
    return render(request, "exams/detail.html", {
        "exam": exam, "enrolment": enrolment, "attempts": mine, "can_start": can_start,
        "organiser": is_organiser(request.user)})


def _conflict(request: HttpRequest, exc: Conflict, to: str) -> HttpResponse:
    messages.error(request, exc.message)
    return redirect(to)


@login_required
@require_POST
def exam_start(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_get_for(actor=request.user, pk=pk)
    try:
        attempt = sitting.attempt_start(actor=request.user, exam=exam)
    except Conflict as exc:
        return _conflict(request, exc, reverse("exams:detail", args=[pk]))
    return redirect("exams:paper", attempt.pk)


@login_required
@require_GET
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = paper_get_for(actor=request.user, pk=pk)
    now = timezone.now()
    if attempt.state == Attempt.State.OPEN and attempt.deadline <= now:
        sitting.attempt_expire(attempt_id=attempt.pk, now=now)
        attempt.refresh_from_db()
    if attempt.state != Attempt.State.OPEN:
        return redirect("exams:result", attempt.pk)
    return render(request, "exams/paper.html", {
        "attempt": attempt, "exam": attempt.exam, "items": paper_items(attempt),
        "remaining": int((attempt.deadline - now).total_seconds())})


@login_required
@require_POST
def paper_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer. JSON in, JSON out for the page's script; a plain form redirects back."""
    def save() -> Any:
        return sitting.answer_save(actor=request.user, attempt_id=pk, **answer_input(request))
    return answer_reply(request, save, back=reverse("exams:paper", args=[pk]))


@login_required
@require_POST
def paper_submit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        sitting.attempt_submit(actor=request.user, attempt_id=pk,
                               expected_version=whole_number(request.POST.get("paper_version")))
    except Conflict as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("exams:result", pk)


@login_required
@require_GET
def paper_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_get_for(actor=request.user, pk=pk)
    if attempt.state == Attempt.State.OPEN:
        if attempt.deadline > timezone.now() and attempt.user_id == request.user.pk:
            return redirect("exams:paper", pk)
        sitting.attempt_expire(attempt_id=attempt.pk)
        attempt.refresh_from_db()
    exam = attempt.exam
    pass_line = attempt.max_score * exam.pass_percent / 100
    return render(request, "exams/result.html", {
        "attempt": attempt, "exam": exam, "pass_line": pass_line,
        "items": paper_items(attempt) if exam.show_explanations else [],
        "certificate": getattr(attempt, "certificate", None),
        "own": attempt.user_id == request.user.pk})


@login_required
@require_GET
def paper_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = paper_get_for(actor=request.user, pk=pk)
    certificate = getattr(attempt, "certificate", None)
    if certificate is None:
        raise Http404
    if not cjk_font_available():
        return render(request, "exams/no_font.html", status=503)
    verify_url = request.build_absolute_uri(reverse("exams:verify_code", args=[certificate.code]))
    pdf = certificate_pdf(certificate, verify_url=verify_url,
                          full_name=str(request.user))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@require_GET
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: anyone checks a certificate's code (masked name only)."""
    form = VerifyForm(request.GET or None)
    if not code and form.is_valid():
        code = form.cleaned_data["code"]
    certificate = certificate_by_code(code) if code else None
    return render(request, "exams/verify.html", {
        "form": form, "code": code, "certificate": certificate, "looked": bool(code)},
        status=404 if code and certificate is None else 200)


@login_required
def bank_index(request: HttpRequest) -> HttpResponse:
    if not is_organiser(request.user):
        raise PermissionDenied
    form = BankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bank = question_services.bank_create(actor=request.user, ip=client_ip(request),
                                                 **form.cleaned_data)
            return redirect("exams:bank_import", bank.pk)
        except ValidationError as exc:
            form.add_error("name", exc.messages[0])
    return render(request, "exams/banks.html", {"banks": bank_list_for(actor=request.user),
                                                "form": form})


@login_required
@require_GET
def bank_template(request: HttpRequest) -> HttpResponse:
    if not is_organiser(request.user):
        raise PermissionDenied
    response = HttpResponse(template_workbook(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="question-bank-template.xlsx"'
    return response


@login_required
def bank_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    bank = bank_get_for(actor=request.user, pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = bank_import(actor=request.user, bank=bank, ip=client_ip(request),
                                 data=form.cleaned_data["file"].read())
        except ImportRefused as exc:
            errors = [(p.row, p.column, p.reason) for p in exc.errors]
        except SheetError as exc:
            errors = exc.errors
    return render(request, "exams/bank_import.html", {
        "bank": bank, "form": form, "errors": errors, "result": result},
        status=422 if errors else 200)


@login_required
@require_POST
def exam_publish(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_get_for(actor=request.user, pk=pk)
    try:
        added = exam_services.exam_publish(actor=request.user, exam=exam, ip=client_ip(request),
                                           expected_version=whole_number(request.POST.get("version")))
        messages.success(request, _("Published; %(n)d candidates enrolled.") % {"n": added})
    except (Conflict, ValidationError) as exc:
        messages.error(request, exc.message if isinstance(exc, Conflict) else " ".join(exc.messages))
    return redirect("exams:detail", pk)


@login_required
@require_GET
def exam_rates_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request.user)
    exam = exam_get_for(actor=request.user, pk=pk)
    by_unit, by_community, total = exam_rates(actor=request.user, exam=exam)
    if request.GET.get("format") == "xlsx":
        header = [_("Rank"), _("Name"), _("Enrolled"), _("Sat"), _("Passed"), _("Excellent"),
                  _("Sat rate (%)"), _("Pass rate (%)"), _("Excellence rate (%)")]

        def rows(rates):
            return [[r.rank, r.name, r.enrolled, r.sat, r.passed, r.excellent, r.sat_rate,
                     r.pass_rate, r.excellent_rate] for r in rates]
        return xlsx_response([Sheet(_("Units"), header, rows(by_unit)),
                              Sheet(_("By community"), header, rows(by_community))],
                             f"exam-{exam.pk}-rates.xlsx")
    return render(request, "exams/rates.html", {"exam": exam, "by_unit": by_unit,
                                                "by_community": by_community, "total": total})


def _form_errors(form: Any, exc: ValidationError, where: dict[str, str] | None = None) -> None:
    """A service's refusal shown beside the form's field it names (else above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.error_dict.items():
        name = (where or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)


@login_required
def exam_new(request: HttpRequest) -> HttpResponse:
    """An organiser sets an exam: window, duration, attempts, make-up, paper, units."""
    if not is_organiser(request.user):
        raise PermissionDenied
    form = ExamForm(request.POST or None, banks=bank_list_for(actor=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            exam = exam_services.exam_create(actor=request.user, ip=client_ip(request),
                                             **form.service_fields())
        except ValidationError as exc:
            _form_errors(form, exc, EXAM_ERROR_FIELDS)
        else:
            messages.success(request, _("Exam saved as a draft; publish it to enrol the "
                                        "units' cadres."))
            return redirect("exams:detail", exam.pk)
    return render(request, "exams/exam_form.html", {"form": form})


@login_required
@require_GET
def bank_questions(request: HttpRequest, pk: int) -> HttpResponse:
    bank = bank_get_for(actor=request.user, pk=pk)
    page = Paginator(question_list_for(actor=request.user, bank=bank), 50).get_page(
        request.GET.get("page"))
    return render(request, "exams/bank_questions.html", {"bank": bank, "page": page})


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Editing writes a new version; papers already drawn keep the one they were drawn with."""
    question = question_get_for(actor=request.user, pk=pk)
    form = QuestionForm(request.POST or None, kind=question.kind,
                        initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            question_services.question_edit(
                actor=request.user, question=question, data=form.question_data(),
                expected_version=form.cleaned_data["version"], ip=client_ip(request))
        except ValidationError as exc:
            _form_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved as a new version; papers already drawn keep "
                                        "the text they were drawn with."))
            return redirect("exams:question_edit", question.pk)
    return render(request, "exams/question_form.html", {"question": question, "form": form})
