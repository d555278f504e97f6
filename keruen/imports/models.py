"""An import run from the admin upload page: the file waits here for the worker, and the
outcome (the report's counts, or every problem) stays here for the page to show."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What each kind of file holds, for people (forms, pages and the admin).
KIND_LABELS = {
    "organisations": pgettext_lazy("kind of file", "organisations"),
    "participants": pgettext_lazy("kind of file", "participants"),
    "opportunities": pgettext_lazy("kind of file", "offers and requests"),
}


class ImportRun(models.Model):
    """One uploaded file and what became of it; its ``job`` carries the status.

    ``data`` is emptied once the worker is done with it: the file itself is not kept, what
    was written is in the database and the audit log.
    """

    job = models.OneToOneField(
        "meetings.Job",
        verbose_name=_("background job"),
        on_delete=models.CASCADE,
        related_name="import_run",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=list(KIND_LABELS.items()))
    filename = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    update = models.BooleanField(_("update existing organisations"), default=False)
    data = models.BinaryField(_("file contents"), blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    outcomes = models.JSONField(_("outcomes"), default=dict, blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    source = models.CharField(_("sheet or encoding read"), max_length=255, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} import of {self.filename} (job #{self.job_id})"
