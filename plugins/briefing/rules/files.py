"""Files: what may be in the content folder, and how a story file must be saved."""

from __future__ import annotations

from pathlib import Path

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

MISPLACED = rule("file-misplaced", __name__, "a file outside the story, page and static folders")
NOT_MARKDOWN = rule("file-not-markdown", __name__, "a story or page file not ending in .md")
BOM = rule("file-bom", __name__, "a file starting with a byte-order mark")
NOT_UTF8 = rule("file-not-utf8", __name__, "a file that is not valid UTF-8")
SYMLINK = rule("file-symlink", __name__, "a symbolic link in the content folder")
NOT_REGULAR = rule("file-not-regular", __name__, "a device, pipe or socket in the content folder")

STORY_EXTENSIONS = (".md",)
# Files of the content folder that are not stories: read by the build or by publishing.
TOP_LEVEL_FILES = ("CNAME",)


def misplaced(context: Context, path: Path) -> None:
    top = path.relative_to(context.model.content).parts[0]
    languages = context.model.languages.values()
    is_page = any(Path(f).parts[0] == top for lang in languages for f in lang.page_folders)
    folders = [
        f"content/{language.folder('page' if is_page else 'story')}/" for language in languages
    ]
    context.report(
        path,
        1,
        MISPLACED,
        _("file"),
        _("Pelican will not publish this file"),
        _("move it to {folders}, or delete it").format(folders=_(" or ").join(folders)),
    )


def linked_step(content: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from the content folder down to `path`, if any."""
    try:
        relative = path.absolute().relative_to(content)
    except ValueError:
        return None
    step = content
    for part in relative.parts:
        step = step / part
        if step.is_symlink():
            return step
    return None


def symlink(context: Context, path: Path) -> None:
    # A link would publish whatever it points to: /etc/hostname, the build's environment
    # (/proc/self/environ), the whole .git folder. None is needed inside content/.
    context.report(
        path,
        1,
        SYMLINK,
        _("file"),
        _("a symbolic link: the site would publish whatever it points to"),
        _("replace it with the file itself, or remove it"),
    )


def not_regular(context: Context, path: Path) -> None:
    context.report(
        path,
        1,
        NOT_REGULAR,
        _("file"),
        _("not a file (a device, pipe or socket)"),
        _("remove it"),
    )


def not_markdown(context: Context, path: Path, kind: str) -> None:
    context.report(
        path,
        1,
        NOT_MARKDOWN,
        _("file"),
        _("only .md files are read as pages")
        if kind == "page"
        else _("only .md files are read as stories"),
        _("write it in Markdown in a file ending in .md, or move it out of content/"),
    )


def report_bom(doc: Document) -> None:
    # Pelican ignores it, but other tools show it as stray characters or break on it.
    doc.report_at(
        1,
        BOM,
        _("file"),
        _("the file starts with an invisible byte-order mark (BOM)"),
        _('save it as "UTF-8" without BOM (in your editor: Save with Encoding, UTF-8)'),
    )


def report_not_utf8(doc: Document, data: bytes, error: UnicodeDecodeError, offset: int) -> None:
    doc.report_at(
        data[: error.start].count(b"\n") + 1,
        NOT_UTF8,
        _("file"),
        _("not valid UTF-8 text: byte 0x{byte:02x} at offset {offset} cannot be read").format(
            byte=data[error.start], offset=error.start + offset
        ),
        _("save the file with the UTF-8 encoding and check its accented letters"),
    )
