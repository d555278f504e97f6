from django.http import HttpRequest, HttpResponse


def console_home(request: HttpRequest, event_slug: str) -> HttpResponse:
    return HttpResponse("The organiser console is being built.")
