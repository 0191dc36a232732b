"""The benchmark corpus as a Hugo site, to time Hugo on the same stories as the project.

`convert(content, target)` writes a Hugo 0.168 site into `target` from a content folder in
the project's story format: French at the root and English under /en/ (Hugo's multilingual
mode, one content folder per language), translations linked by `translationKey`, the
project's URL shapes for stories (/YYYY/MM/slug/), categories and tags as taxonomies,
pagination by 10 (home, sections, category and tag pages), an archives page per language, one
feed per language (home only, 50 items) and the sitemap. The templates are minimal and
comparable to the project's: a header with the site name, the categories and the language
switcher, hreflang and canonical links, the story with its labels and source, lists with
title, date and summary.

    python tests/benchmarks/hugo_site.py CONTENT TARGET   # then: hugo --source TARGET
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

LANGS = ("fr", "en")

CONFIG = """\
baseURL = "http://localhost:8000/"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
enableRobotsTXT = false

[pagination]
pagerSize = 10
path = "page"

[permalinks.page]
posts = "/:year/:month/:slug/"

[taxonomies]
category = "categories"
tag = "tags"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[services.rss]
limit = 50

[languages.fr]
contentDir = "content/fr"
weight = 1
languageName = "Français"
title = "Le Briefing"

[languages.en]
contentDir = "content/en"
weight = 2
languageName = "English"
title = "The Briefing"
"""
# [outputs]: only the home page of each language has a feed (Hugo's default gives every list
# page one), as the project has one feed per language.

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" \
href="{{ .Permalink }}">
{{ end }}{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" \
type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header>
<a class="site-name" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Taxonomies.categories.Alphabetical }}<a href="{{ .Page.RelPermalink }}">\
{{ .Page.Title }}</a> {{ end }}</nav>
<nav class="languages">{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" \
href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ else }}{{ range site.Languages }}\
{{ if ne .Lang site.Language.Lang }}<a href="{{ if eq .Lang "fr" }}/{{ else }}/{{ .Lang }}/\
{{ end }}">{{ .LanguageName }}</a>{{ end }}{{ end }}{{ end }}</nav>
<form action="{{ site.Home.RelPermalink }}search/"><input type="search" name="q"></form>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><a href="{{ site.Home.RelPermalink }}archives/">{{ site.Title }}</a></footer>
</body>
</html>
"""
SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.author }} · {{ . }}{{ end }}</p>
<p>{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> \
{{ end }}{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> \
{{ end }}</p>
<div class="story-body">{{ .Content }}</div>
{{ with .Params.source }}<p>{{ with $.Params.source_url }}<a href="{{ . }}">{{ end }}{{ . }}\
{{ with $.Params.source_url }}</a>{{ end }}</p>{{ end }}
</article>{{ end }}
"""
STORY_LIST = """\
{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Params.summary }}</p></article>
{{ end }}{{ with .Paginator }}<nav>{{ with .Prev }}<a href="{{ .URL }}">←</a>{{ end }} \
{{ .PageNumber }} / {{ .TotalPages }} {{ with .Next }}<a href="{{ .URL }}">→</a>{{ end }}</nav>\
{{ end }}
"""
HOME = '{{ define "main" }}{{ $p := .Paginate (where site.RegularPages "Section" "posts") }}' + (
    STORY_LIST + "{{ end }}\n"
)
LIST = '{{ define "main" }}<h1>{{ .Title }}</h1>\n' + STORY_LIST + "{{ end }}\n"
TERMS = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>\
{{ end }}
"""
ARCHIVES = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range where site.RegularPages "Section" "posts" }}
<li><time>{{ .Date.Format "2006-01-02" }}</time> \
<a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""
NOT_FOUND = '{{ define "main" }}<h1>404</h1>{{ end }}\n'
LAYOUTS = {
    "baseof.html": BASEOF,
    "home.html": HOME,
    "single.html": SINGLE,
    "list.html": LIST,
    "taxonomy.html": TERMS,
    "archives.html": ARCHIVES,
    "404.html": NOT_FOUND,
}
# Front matter fields, from the story's header (None: not carried over).
FIELDS = {
    "Title": "title",
    "Slug": "slug",
    "Translation_key": "translationKey",
    "Summary": "summary",
    "Author": "author",
    "Source": "source",
    "Source_url": "source_url",
}


def parse_story(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the Markdown body of a story file."""
    header, _, body = text.partition("\n\n")
    fields = {}
    for line in header.splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields, body


def _date(value: str) -> str:
    """Month-only dates (2022-03) become the month's first day: Hugo needs a day."""
    day = value if len(value) > 7 else f"{value}-01"
    return day.replace(" ", "T") + (":00" if " " in value else "")


def front_matter(fields: dict[str, str]) -> str:
    """TOML front matter; strings are written as JSON strings, which TOML reads alike."""
    lines = [f"date = {_date(fields['Date'])}"]
    for name, key in FIELDS.items():
        if fields.get(name):
            lines.append(f"{key} = {json.dumps(fields[name], ensure_ascii=False)}")
    if fields.get("Category"):
        lines.append(f"categories = [{json.dumps(fields['Category'], ensure_ascii=False)}]")
    tags = [tag.strip() for tag in fields.get("Tags", "").split(",") if tag.strip()]
    lines.append(f"tags = {json.dumps(tags, ensure_ascii=False)}")
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def convert_story(source: Path, target: Path) -> None:
    fields, body = parse_story(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter(fields) + "\n" + body, encoding="utf-8")


def story_target(site: Path, content: Path, story: Path) -> Path:
    """content/fr/2022/x.md -> site/content/fr/posts/2022/x.md"""
    lang, *rest = story.relative_to(content).parts
    return site / "content" / lang / "posts" / Path(*rest)


def convert(content: Path, site: Path) -> Path:
    """Write the Hugo site of the project content folder `content` into `site`."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    for lang in LANGS:
        for story in sorted((content / lang).rglob("*.md")):
            convert_story(story, story_target(site, content, story))
        pages = site / "content" / lang
        (pages / "archives.md").write_text(
            '+++\ntitle = "Archives"\nlayout = "archives"\n+++\n', encoding="utf-8"
        )
        for page in sorted((content / "pages" / lang).glob("*.md")):
            fields, body = parse_story(page.read_text(encoding="utf-8"))
            fields.setdefault("Date", "2020-01-01")
            (pages / page.name).write_text(front_matter(fields) + "\n" + body, encoding="utf-8")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    convert(args.content, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
