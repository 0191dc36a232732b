"""Rulebook: every build checks every story and page with the rules `invoke check` runs.

Before the main run reads anything, the whole content folder (every language) goes
through briefing.rules. Each problem is printed exactly as `invoke check` prints it,
rule ID included; any error stops the build with exit status 1 before a page is written,
so a story the build could not publish as written is never dropped or half published.
Drafts are reported (rule status-draft, and their open problems as warnings) and then set
aside: never rendered, never published.

The report is written to standard error rather than through Pelican's logging: with
`--fatal warnings` (CI and publishing) a rule's warning, a draft say, would otherwise
fail the build, and an exception raised from a plugin is printed with a traceback.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from pelican import signals

from briefing.i18n import _
from briefing.rules import check_site, exit_code, format_report
from briefing.site import is_main_run, model_for
from briefing.stop import stop_build

logger = logging.getLogger(__name__)


def check_content(pelican: Any) -> None:
    """In the main run, before reading: apply the rulebook to the whole content folder."""
    settings = pelican.settings
    if not is_main_run(settings):
        return  # the main run has checked every language's folders
    problems = check_site(model_for(settings))
    report = format_report(problems)
    if exit_code(problems):
        stop_build("rulebook", report.splitlines(), _("the build stops; nothing was written."))
    if report:
        print(report, file=sys.stderr, flush=True)
    logger.info("rulebook: content checked, %d warnings", len(problems))


def set_drafts_aside(generator: Any) -> None:
    """Drafts, reported by the rulebook, are never published, so never rendered either: a
    draft waits with work left to do (no category yet, say), which a template would trip on."""
    generator.drafts = []
    generator.drafts_translations = []


def register() -> None:
    signals.initialized.connect(check_content)
    signals.article_generator_finalized.connect(set_drafts_aside)
