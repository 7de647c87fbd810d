from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def people(request: HttpRequest) -> HttpResponse:  # placeholder until the org UI lands
    return HttpResponse("")


agreements = people


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
