from django.http import HttpRequest, HttpResponse


def portal_home(request: HttpRequest, event_slug: str) -> HttpResponse:
    return HttpResponse("The delegate portal is being built.")
