from django.http import HttpRequest, HttpResponse


def suggestion_list(request: HttpRequest, event_slug: str) -> HttpResponse:
    return HttpResponse("Suggestions are being built.")
