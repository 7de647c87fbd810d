"""Input shapes of the exams pages (the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.textlimits import text_limit

from .models import Bank

MAX_UPLOAD = 5 * 1024 * 1024


class BankForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=text_limit(Bank, "name"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX workbook"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("A workbook is at most 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the XLSX template (.xlsx)."))
        return upload


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=16)
