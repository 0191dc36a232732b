"""Leftovers of a web page: what an editor deletes from a news article copied from a site.

A copy of an article page from RFI, France 24, Le Monde, Jeune Afrique, AFP or Reuters
brings the page along with the text: cookie and consent banners, "Lire aussi" links, media
players (their labels, durations and the media's own title), publication times and reading
times, photo captions and credits, share buttons, newsletter, app and subscription prompts,
hashtags, agency signatures. This module is the one place that knows them:

- the importer (briefing.importer) strips every leftover from a raw text and reports it;
- the rulebook (briefing.rules.leftovers) finds those still in a story.

`classify(text)` judges one paragraph alone; `leftovers_in(paragraphs)` judges a whole text,
where some leftovers are known only by their neighbours (the title that follows a player's
label, the section name above the headline, the topic links at the very end).
Patterns match whole paragraphs: a sentence that merely mentions a newsletter or a video
is article text. Every pattern has a case in tests/importer/ or tests/test_leftovers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "hashtags",
    "player",
    "media-title",
    "timestamp",
    "reading-time",
    "cookie-banner",
    "read-also",
    "share",
    "page-chrome",
    "advertisement",
    "paywall",
    "prompt",
    "credit",
    "embed",
    "signature",
    "keywords",
    "section",
    "topic-links",
]


@dataclass(frozen=True)
class Leftover:
    """One paragraph (or the end of one) that came from the page, not the article."""

    kind: Kind
    reason: str  # in English (an N_ marker): the importer and the check show _(reason)


def N_(message: str) -> str:  # gettext's name for a marker, which Babel extracts
    """Mark a message for the tools' catalogue (briefing.i18n) without translating it
    yet: a leftover's reason is translated where it is shown."""
    return message


HASHTAGS = Leftover("hashtags", N_("line of hashtags"))
PLAYER = Leftover("player", N_("media player leftover"))
MEDIA_TITLE = Leftover("media-title", N_("title of the embedded video or audio (after its player)"))
TIMESTAMP = Leftover("timestamp", N_("publication or update time"))
READING_TIME = Leftover("reading-time", N_("reading time"))
COOKIE_BANNER = Leftover("cookie-banner", N_("cookie banner"))
CONSENT_BUTTONS = Leftover("cookie-banner", N_("cookie consent buttons"))
READ_ALSO = Leftover("read-also", N_("read-also link"))
LINKED_HEADLINE = Leftover("read-also", N_("read-also link (the linked headline)"))
SHARE = Leftover("share", N_("social-share labels"))
PAGE_CHROME = Leftover("page-chrome", N_("page navigation label"))
ADVERTISEMENT = Leftover("advertisement", N_("advertisement label"))
PAYWALL = Leftover("paywall", N_("subscription notice"))
PROMPT = Leftover("prompt", N_("newsletter, app or follow-us prompt"))
CREDIT = Leftover("credit", N_("photo caption or credit"))
EMBED = Leftover("embed", N_("embedded social-media post"))
SIGNATURE = Leftover("signature", N_("agency desk signature or footer"))
KEYWORDS = Leftover("keywords", N_("keyword list"))
SECTION = Leftover("section", N_("section name above the headline"))
TOPIC_LINKS = Leftover("topic-links", N_("topic links at the end of the page"))

# A leftover is a label, a line of buttons or a one-line notice; a paragraph longer than
# this is article text, whatever words it has. Banners are longer, and checked apart.
SHORT_MAX = 300
HEADLINE_MAX = 160  # a longer line is a paragraph, not a headline
COOKIE_BANNER_MAX = 800

APOSTROPHE = "[’']"
SEPARATORS = r"[\s|•·/:,\-–—►▶>»]+"


def _alternatives(*patterns: str) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _line_of(tokens: str, separators: str = SEPARATORS) -> re.Pattern[str]:
    """A whole line made only of `tokens`, separated by spaces and punctuation."""
    return re.compile(rf"^{tokens}(?:{separators}{tokens})*[\s.:…!]*$", re.I)


# --------------------------------------------------------------------------- hashtags

_HASHTAG = r"#[^\W\d_][\w’'-]*"
HASHTAG_LINE_RE = re.compile(rf"^{_HASHTAG}(?:[\s,;·|]+{_HASHTAG})*[.,]?$")


# --------------------------------------------------------------------------- players

# A player's clock: "02:30", "1:23:45", "01:02 / 03:10".
DURATION = r"\d{1,2}:\d{2}(?::\d{2})?"
# Labels of video and audio players, in both languages; a label that introduces an
# embedded media (OWNS_NEXT below) is followed by that media's own title.
_PLAYER_LABELS = _alternatives(
    r"aller\s+(?:à|a)\s+la\s+vid[ée]o",
    r"go\s+to\s+(?:the\s+)?video",
    r"(?:regarder|voir|lire|revoir)\s+la\s+vid[ée]o",
    r"watch\s+(?:the\s+)?video",
    r"play\s+(?:the\s+)?video",
    r"lecture\s+en\s+cours",
    r"now\s+playing",
    r"vid[ée]os?",
    r"audio",
    r"podcast",
    rf"[ée]couter(?:\s+(?:l{APOSTROPHE}\s*article|cet\s+article|le\s+podcast|l{APOSTROPHE}\s*[ée]mission|plus\s+tard))?",
    r"r[ée][ée]couter",
    r"listen(?:\s+to\s+(?:this|the)\s+(?:article|story|podcast|episode|programme|program))?",
    r"listen\s+later",
    r"pause",
    r"play",
    r"replay",
    r"lecture",
    r"plein\s+[ée]cran",
    r"full\s*screen",
    r"(?:un)?mute",
    r"son\s+(?:activé|coupé|désactivé)",
    r"sous-titres",
    r"subtitles",
    rf"(?:télécharger|download)(?:\s+(?:le\s+podcast|l{APOSTROPHE}\s*épisode|the\s+(?:podcast|episode)))?",
    rf"s{APOSTROPHE}\s*abonner\s+au\s+podcast",
    r"subscribe\s+to\s+(?:the|this|our)\s+podcast",
    r"en\s+direct",
    r"live",
    r"dur[ée]e",
    r"duration",
)
_PLAYER_TOKEN = _alternatives(DURATION, _PLAYER_LABELS)
PLAYER_LINE_RE = _line_of(_PLAYER_TOKEN)
# "VIDÉO – Mali : les images …", "Watch: …", "Podcast : …": a label and the media's title.
PLAYER_TITLE_RE = re.compile(
    r"^(?:vid[ée]o|video|watch|regarder|podcast|audio|[ée]couter|listen|replay)\s*[:|–—-]\s*\S",
    re.I,
)
# The labels after which the next headline-like line is the embedded media's own title.
OWNS_NEXT_RE = _line_of(
    _alternatives(
        r"aller\s+(?:à|a)\s+la\s+vid[ée]o",
        r"go\s+to\s+(?:the\s+)?video",
        r"(?:regarder|voir|lire|revoir)\s+la\s+vid[ée]o",
        r"watch\s+(?:the\s+)?video",
        r"play\s+(?:the\s+)?video",
        r"lecture\s+en\s+cours",
        r"now\s+playing",
        r"vid[ée]os?",
        r"podcast",
        r"audio",
    )
)


# --------------------------------------------------------------------------- times

_MONTHS = (
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre janv févr fév fev avr juil sept oct nov déc dec january february march "
    "april may june july august september october november december jan feb mar apr jun jul "
    "aug sep"
)
_WEEKDAYS = (
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
)
# Words that may stand around a date or time on a page's dateline, and nothing else.
_TIME_WORDS = (
    "publié publiée publie publiee modifié modifiée modifie mis mise à a jour le la l de du "
    "dernière derniere published on issued modified updated update last posted first at am "
    "pm gmt utc cet cest wat eat cat paris time heure heures h hours hour hrs minutes minute "
    "mins min ago il y an aujourd’hui aujourd'hui hier today yesterday et and the day days jour "
    "jours lecture read reading temps mn"
)
_MONTH_WORDS = frozenset(_MONTHS.split())
_DATELINE_WORDS = frozenset(_TIME_WORDS.split()) | frozenset(_WEEKDAYS.split()) | _MONTH_WORDS
_CLOCK_RE = re.compile(r"^\d{1,2}(?:[:h]\d{2}(?::\d{2})?|h|am|pm)$")
_NUMERIC_DATE_RE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
_DAY_RE = re.compile(r"^\d{1,2}(?:er|st|nd|rd|th)?$")
_ZONE_RE = re.compile(r"^(?:gmt|utc)[+-]\d{1,2}$")
# Words are split at spaces and punctuation, but "10:35" stays one clock time.
_DATELINE_SPLIT_RE = re.compile(r"[\s,;|()·•–—\-]+|:(?!\d)")
_DATELINE_MAX = 160
# "il y a 2 heures", "3 hours ago", "an hour ago"
_RELATIVE_TIME_RE = re.compile(
    r"\bil\s+y\s+a\s+(?:\d+|une?)\s+(?:min|minutes?|heures?|jours?)\b"
    r"|\b(?:\d+|an?)\s+(?:min|mins|minutes?|hours?|hrs|days?)\s+ago\b",
    re.I,
)
READING_TIME_RE = re.compile(
    r"^(?:(?:temps\s+de\s+|durée\s+de\s+)?lecture|reading\s+time|time\s+to\s+read)\s*:?\s*"
    r"\d+\s*(?:min(?:utes?)?|mn)\.?$"
    r"|^\d+\s*-?\s*(?:min(?:ute)?s?|mn)\.?(?:\s+(?:de\s+lecture|read|reading))?\.?$",
    re.I,
)


def is_dateline(text: str) -> bool:
    """A line made only of a publication or update date and time: "Publié le : 17/03/2022
    - 10:35 Modifié le : 17/03/2022 - 12:10", "March 17, 2022 10:35 AM GMT", "17 mars 2022".

    Every word must belong to a dateline, and the line must name a clock time, a numeric
    date, a month with its year, or a time ago: "Le 17 mars" alone is a phrase, not a time.
    """
    if len(text) > _DATELINE_MAX:
        return False
    if _RELATIVE_TIME_RE.search(text) and _only_dateline_words(text):
        return True
    clock = numeric_date = month = year = False
    for token in _dateline_tokens(text):
        if _CLOCK_RE.match(token) or _ZONE_RE.match(token):
            clock = True
        elif _NUMERIC_DATE_RE.match(token):
            numeric_date = True
        elif _YEAR_RE.match(token):
            year = True
        elif token in _MONTH_WORDS:
            month = True
        elif not (_DAY_RE.match(token) or token in _DATELINE_WORDS):
            return False
    return clock or numeric_date or (month and year)


def _dateline_tokens(text: str) -> list[str]:
    text = text.casefold().replace("a.m.", "am").replace("p.m.", "pm")
    tokens = (token.strip(".") for token in _DATELINE_SPLIT_RE.split(text))
    return [token for token in tokens if token]


def _only_dateline_words(text: str) -> bool:
    return all(
        token in _DATELINE_WORDS or token.isdigit() or token in ("une", "un")
        for token in _dateline_tokens(text)
    )


# --------------------------------------------------------------------------- cookies

# Banners start with one of these phrases and contain a consent word; an article that
# merely mentions cookies has no "Accept"/"En savoir plus" button text after it.
COOKIE_START_RE = re.compile(
    r"(?:\b(?:this|our)\s+(?:web\s?site|site)\s+uses\s+cookies"
    r"|\bwe\s+(?:and\s+our\s+(?:\d+\s+)?partners\s+)?(?:use|store)\s+(?:cookies|trackers)"
    r"|\bwith\s+your\s+(?:agreement|consent),\s+we"
    r"|\bwe\s+value\s+your\s+privacy"
    r"|\bby\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web\s?site|site)"
    r"|\b(?:ce|notre)\s+site\s+(?:web\s+|internet\s+)?utilise\s+des\s+(?:cookies|traceurs)"
    r"|\bnous\s+(?:et\s+nos\s+(?:\d+\s+)?partenaires\s+)?(?:utilisons|stockons)\s+des\s+(?:cookies|traceurs)"
    r"|\bavec\s+votre\s+(?:accord|consentement),\s+nous"
    r"|\b(?:le\s+respect\s+de\s+)?votre\s+vie\s+privée\s+(?:est|nous)"
    r"|\ben\s+(?:poursuivant|continuant)\s+(?:votre\s+navigation|(?:à|a)\s+naviguer)"
    r"|\ben\s+naviguant\s+sur\s+(?:ce|notre)\s+site"
    r"|\bce\s+contenu\s+(?:est\s+bloqué|n[’']est\s+pas\s+(?:disponible|accessible))"
    r"|\bthis\s+content\s+(?:is\s+(?:blocked|not\s+available)|cannot\s+be\s+displayed))",
    re.I,
)
_COOKIE_CONSENT_RE = re.compile(
    r"\b(?:accept\w*|j[’']accepte|ok|read\s+more|learn\s+more|opt[- ]out|consent\w*|settings"
    r"|privacy|agree|en\s+savoir\s+plus|refuser|param[èe]tr\w*|confidentialit[ée]|d[’']accord"
    r"|politique)\b",
    re.I,
)
CONSENT_BUTTONS_RE = _line_of(
    _alternatives(
        r"(?:tout\s+)?accepter(?:\s+(?:et\s+(?:fermer|continuer)|tout|les\s+cookies))?",
        r"(?:tout\s+)?refuser(?:\s+tout)?",
        r"continuer\s+sans\s+accepter",
        r"continue\s+without\s+accepting",
        rf"j{APOSTROPHE}\s*accepte",
        r"param[ée]trer(?:\s+les\s+cookies)?",
        r"personnaliser(?:\s+mes\s+choix)?",
        r"g[ée]rer\s+(?:mes\s+choix|les\s+cookies|mes\s+pr[ée]f[ée]rences)",
        r"en\s+savoir\s+plus",
        r"accept(?:\s+(?:all|cookies|all\s+cookies|and\s+close|and\s+continue))?",
        r"reject(?:\s+all)?",
        r"decline(?:\s+all)?",
        r"(?:i\s+)?agree",
        r"manage\s+(?:cookies|preferences|options|settings)",
        r"cookie\s+(?:settings|preferences|policy)",
        r"(?:cookie|privacy)\s+(?:choices|settings)",
        r"politique\s+(?:de\s+)?cookies",
        r"more\s+options",
        r"learn\s+more",
        r"customi[sz]e",
        r"got\s+it",
        r"ok",
    )
)


# A banner's own heading, alone on its line.
COOKIE_HEADING_RE = re.compile(
    r"^(?:vos\s+choix\s+concernant\s+(?:l[’']utilisation\s+(?:de\s+|des\s+))?(?:les\s+)?cookies"
    r"|gestion\s+des\s+cookies|(?:le\s+)?respect\s+de\s+votre\s+vie\s+privée"
    r"|your\s+(?:cookie|privacy)\s+(?:choices|preferences|settings)|we\s+value\s+your\s+privacy"
    r"|we\s+care\s+about\s+your\s+privacy)[\s.:!]*$",
    re.I,
)


def cookie_banner_start(text: str) -> int | None:
    """Where a cookie banner starts in a paragraph (at 0: the whole paragraph), or None.

    A banner may be glued to the end of the article's last paragraph, after a sentence.
    """
    for match in COOKIE_START_RE.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        # Mid-line, a banner only follows a finished sentence.
        if before and not before.endswith(tuple('.!?…»”"')):
            continue
        banner = text[start:]
        if len(banner) <= COOKIE_BANNER_MAX and _COOKIE_CONSENT_RE.search(banner):
            return start
    return None


# --------------------------------------------------------------------------- read also

READ_ALSO_RE = re.compile(
    r"^(?P<arrow>[►▶▸→»>•*–—-]+)?\s*"
    r"(?:(?P<strong>(?:(?:à|a)\s+)?lire\s+(?:aussi|également|egalement)|read\s+also|also\s+read"
    r"|(?:à|a)\s+lire|(?:à|a)\s+voir\s+aussi|sur\s+le\s+même\s+sujet|dans\s+la\s+même\s+rubrique"
    r"|related(?:\s+(?:content|articles?|stories|coverage|topics|reading))?|more\s+on\s+this\s+story"
    r"|also\s+watch|watch\s+also|recommended|recommandé|nos\s+articles\s+sur)"
    r"|(?P<weak>see\s+also|voir\s+aussi|read\s+more|lire\s+la\s+suite|more\s+from))\b"
    # Le Monde names the kind of piece it links to: "Lire aussi le décryptage | …".
    r"(?:\s+(?:le|la|l[’']|the)\s*(?:décryptage|reportage|entretien|enquête|analyse|tribune"
    r"|récit|portrait|chronique|éditorial|témoignage|archive|analysis|interview|report"
    r"|explainer|story|podcast|vidéo|video))?"
    r"(?:\s*\(\d{4}\))?"
    r"\s*(?P<mark>[:：|]|>|►)?",
    re.I,
)
_READ_ALSO_MAX = 250  # a cross-reference is one headline, not a paragraph


def _read_also(text: str) -> Leftover | None:
    match = READ_ALSO_RE.match(text)
    if not match or len(text) > _READ_ALSO_MAX:
        return None
    rest = text[match.end() :].strip()
    marked = match["arrow"] or match["mark"] or not rest
    # Unmarked, only a headline-like rest counts: "Lire aussi le rapport." is prose.
    if marked or (match["strong"] and not rest.endswith(".")):
        return READ_ALSO
    return None


def _is_bare_read_also(text: str) -> bool:
    match = READ_ALSO_RE.match(text)
    return bool(match) and not text[match.end() :].strip(" :|>►")


# --------------------------------------------------------------------------- page chrome

SHARE_RE = _line_of(
    _alternatives(
        r"partager(?:\s+(?:sur\s+\w+|cet\s+article|l[’']article))?",
        r"partage",
        r"share(?:\s+(?:this|the)\s+(?:article|story|page))?(?:\s+on\s+\w+)?",
        r"share\s+on\s+\w+",
        r"tweet(?:er)?",
        r"facebook",
        r"twitter",
        r"x",
        r"linkedin",
        r"whatsapp",
        r"telegram",
        r"messenger",
        r"bluesky",
        r"threads",
        r"reddit",
        r"flipboard",
        r"pinterest",
        r"e-?mail",
        r"mail",
        r"courriel",
        r"envoyer(?:\s+par\s+(?:e-?mail|courriel))?",
        r"send",
        r"copy(?:\s+the)?\s+link",
        r"copier(?:\s+le)?\s+lien",
        r"link",
        r"lien",
        r"print",
        r"imprimer",
        r"save",
        r"sauvegarder",
        r"enregistrer",
        r"commenter",
        r"comments?",
        r"commentaires?",
        r"offrir(?:\s+(?:l[’']article|cet\s+article))?",
        r"gift(?:\s+(?:this|the))?\s+article",
        r"opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)",
    )
)
PAGE_CHROME_RE = _line_of(
    _alternatives(
        r"(?:acquire|purchase)\s+licensing\s+rights",
        r"opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)",
        r"lire\s+en\s+(?:français|anglais)",
        r"read\s+in\s+(?:french|english)",
        r"version\s+(?:française|anglaise)",
        r"(?:english|french)\s+version",
        r"les\s+plus\s+(?:lus|partagés|commentés)",
        r"most\s+(?:read|popular|viewed|shared)",
        r"plus\s+d[’']histoires",
        r"more\s+stories",
        r"top\s+stories",
        r"back\s+to\s+top",
        r"haut\s+de\s+page",
        r"retour(?:\s+en\s+haut)?",
        r"menu",
        r"accueil",
        r"home",
        r"fermer",
        r"close",
        r"rechercher",
        r"search",
        r"se\s+connecter",
        r"connexion",
        r"sign\s+in",
        r"log\s+in",
        rf"s{APOSTROPHE}\s*identifier",
        r"mon\s+compte",
        r"my\s+account",
        r"suivre",
        r"follow",
        r"(?:à|a)\s+la\s+une",
        r"latest\s+news",
        r"en\s+continu",
    )
)
ADVERTISEMENT_RE = re.compile(
    r"^(?:publicit[ée]|advertisement|advertising|annonce|sponsored|pub"
    r"|contenu\s+sponsoris[ée]|article\s+sponsoris[ée]|sponsored\s+content"
    r"|la\s+suite\s+(?:après|apres)\s+(?:cette\s+|la\s+)?publicit[ée]"
    r"|story\s+continues\s+below(?:\s+this)?\s+advertisement)[\s.:]*$",
    re.I,
)
PAYWALL_RE = re.compile(
    r"\barticle\s+réservé\s+aux\s+abonnés\b|\bcet\s+article\s+est\s+réservé\b"
    r"|^réservé\s+aux\s+abonnés\b"
    r"|\bil\s+vous\s+reste\s+[\d.,]+\s?%\s+de\s+cet\s+article\s+(?:à|a)\s+lire\b"
    r"|\bla\s+suite\s+est\s+réservée\s+aux\s+abonnés\b|\bdéjà\s+abonnée?\s*\?"
    r"|\babonnez-vous\s+pour\s+(?:lire|accéder)\b|\bpour\s+lire\s+la\s+suite\b"
    r"|^subscribers?\s+only\b|\breserved\s+for\s+subscribers\b"
    r"|\byou\s+have\s+[\d.,]+\s?%\s+of\s+this\s+article\s+left\s+to\s+read\b"
    r"|\bthe\s+rest\s+is\s+(?:for|reserved\s+for)\s+subscribers\b|\balready\s+a\s+subscriber\s*\?"
    r"|\bsubscribe\s+to\s+(?:read|continue)\b|^to\s+continue\s+reading\b"
    r"|^(?:s[’']abonner|subscribe|je\s+m[’']abonne)[\s.!]*$",
    re.I,
)

# Newsletter, app and follow-us prompts: an inviting verb at the start of a sentence and a
# channel to subscribe to. A news sentence has neither the imperative nor the channel.
_PROMPT_VERB = _alternatives(
    r"recevez",
    r"inscrivez-vous",
    r"abonnez-vous",
    r"téléchargez",
    r"restez\s+informée?s?",
    r"suivez",
    r"activez",
    r"rejoignez",
    r"découvrez",
    r"retrouvez",
    r"ne\s+manquez\s+(?:rien|aucune)",
    r"sign\s+up",
    r"subscribe",
    r"download",
    r"get",
    r"stay\s+(?:informed|up\s+to\s+date|updated)",
    r"follow",
    r"join",
    r"turn\s+on",
    r"receive",
    r"register",
    r"don[’']t\s+miss",
    r"never\s+miss",
)
_PROMPT_CHANNEL = (
    r"\b(?:newsletters?|lettres?\s+d[’']information|e-?mails?|mails|boîtes?\s+(?:mail|de\s+réception)"
    r"|inbox|applications?|appli|app|notifications|alertes|alerts|whatsapp|telegram|chaîne"
    r"|channel|réseaux\s+sociaux|social\s+media)\b"
)
PROMPT_RE = re.compile(
    # At a sentence start, maybe after a short lead-in: "Chaque semaine, recevez …".
    rf"(?:^|[.!?…]\s+|[►▶→]\s*)(?:[\w’' -]{{1,40}},\s+)?{_PROMPT_VERB}\b.*{_PROMPT_CHANNEL}",
    re.I,
)
PROMPT_ALONE_RE = re.compile(
    r"(?:^|[.!?…]\s+)sign\s+up\s+here\b|\bje\s+m[’']inscris\b"
    r"|^(?:s[’']inscrire|sign\s+up|newsletters?|inscription)[\s.!]*$"
    r"|^(?:suivez-nous|follow\s+us)\s+(?:sur|on)\b"
    r"|\b(?:disponible\s+sur|available\s+on|get\s+it\s+on)\s+(?:l[’'])?(?:app\s+store|google\s+play)\b",
    re.I,
)

# Captions end with the credit: "… à Bamako. © AFP - Florent Vergnes", "(Photo by John Doe /
# AFP)", "REUTERS/Luc Gnago/File Photo", Le Monde's "FRANCIS KOKOROKO / REUTERS".
_AGENCIES = (
    r"(?:AFP|REUTERS|AP|EPA|ANADOLU|XINHUA|GETTY\s+IMAGES|HANS\s+LUCAS|MAXPPP|SIPA|HANDOUT"
    r"|RFI|FRANCE\s+24|ABACA|NURPHOTO)"
)
_LICENSING = r"(?:\s+(?:acquire|purchase)\s+licensing\s+rights(?:,\s*opens\s+new\s+tab)?)?"
# BBC pages write "Crédit photo, AFP" and "Légende image, …" with a comma.
CREDIT_START_RE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|photos?\s*:|photo\s+d[’']illustration\b"
    r"|crédits?(?:\s+photos?)?\s*[:,]|credits?\s*:|image\s*(?:caption|source)?\s*:"
    r"|image\s+(?:caption|source)\b|légende(?:\s+(?:image|photo))?\s*[:,]|caption\s*:"
    r"|illustration\s*:|file\s+photo\b)",
    re.I,
)
CREDIT_END_RE = re.compile(
    r"(?:©\s*[^©]{1,80}"
    r"|\((?i:photos?|crédits?|credits?|image)\s*(?i::|by|de|par)\s*[^()]{2,80}\)"
    rf"|\b(?:REUTERS|AFP|AP(?:\s+Photo)?|EPA)\s*/\s*[^/\s][^/]{{1,60}}(?:/\s*[^/]{{2,40}})?"
    rf"|\b[A-ZÀ-Ý][A-ZÀ-Ý .’'-]{{2,60}}\s*/\s*{_AGENCIES}(?:\s*/\s*[A-Za-z .]{{2,30}})?)"
    rf"\s*\.?(?i:{_LICENSING})\s*$"
)

EMBED_RE = re.compile(
    r"\bpic\.twitter\.com/\w+"
    r"|^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\.?$"
    r"|\b(?:voir|view)\s+(?:cette\s+publication|this\s+post)\s+(?:sur|on)\s+(?:instagram|facebook|x|twitter)\b"
    r"|^une\s+publication\s+partagée\s+par\b|^a\s+post\s+shared\s+by\b"
    r"|^(?:watch|regarder)\s+on\s+youtube\b|^regarder\s+sur\s+youtube\b",
    re.I,
)
# AFP desks sign a dispatch with initials: "sd/jlb/thm", "bur-cl/sba".
DESK_SIGNATURE_RE = re.compile(r"^[a-z]{2,5}(?:-[a-z]{2,5})*(?:/[a-z]{2,5}(?:-[a-z]{2,5})*)+$")
AGENCY_FOOTER_RE = re.compile(
    r"^our\s+standards\s*:\s*the\s+thomson\s+reuters\s+trust\s+principles\.?$"
    r"|^nos\s+(?:valeurs|standards|principes)\s*:\s*les\s+principes\s+de\s+confiance\s+de\s+thomson\s+reuters\.?$"
    r"|^(?:all\s+rights\s+reserved|tous\s+droits\s+réservés)\.?$",
    re.I,
)
KEYWORDS_RE = re.compile(
    r"^(?:mots[- ]clés|tags|topics|sujets|thèmes|keywords|lire\s+plus\s+sur|more\s+on)\s*:\s*\S",
    re.I,
)

# The sections a site files its articles under, shown above the headline.
SECTION_NAMES = frozenset(
    name.casefold()
    for name in (
        "Afrique",
        "Africa",
        "Monde",
        "World",
        "International",
        "Europe",
        "France",
        "Politique",
        "Politics",
        "Économie",
        "Economy",
        "Business",
        "Société",
        "Society",
        "Culture",
        "Sport",
        "Sports",
        "Sciences",
        "Science",
        "Santé",
        "Health",
        "Environnement",
        "Environment",
        "Planète",
        "Tech",
        "Médias",
        "Media",
        "Idées",
        "Opinion",
        "Opinions",
        "Analyse",
        "Analysis",
        "Décryptage",
        "Explainer",
        "Enquête",
        "Reportage",
        "Entretien",
        "Interview",
        "Éditorial",
        "Tribune",
        "Chronique",
        "Maghreb",
        "Moyen-Orient",
        "Middle East",
        "Amériques",
        "Americas",
        "Asie-Pacifique",
        "Asia-Pacific",
        "Le Monde Afrique",
        "Afrique subsaharienne",
        "Sub-Saharan Africa",
        "Accueil",
        "Home",
        "Actualités",
        "News",
        "World news",
        "Africa news",
    )
)
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[>›/|]\s*")


# An agency's dateline opens a dispatch: "Bamako (AFP) - ", "DAKAR, March 17 (Reuters) - ".
AGENCY_DATELINE_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][\w’'.-]*(?:[ -][\w’'.-]+){0,3}(?:,\s*[\w ]{3,25})?\s+)?"
    r"\((?P<agency>AFP|Reuters|AP|APA|APS|Xinhua|Anadolu|Belga|ATS|DPA)\)\s*[-–—]\s+"
)


# --------------------------------------------------------------------------- judging


def classify(text: str) -> Leftover | None:
    """What leftover a paragraph is, judged alone, or None when it is article text.

    `text` is one paragraph as a reader sees it, spaces collapsed.
    """
    if not text:
        return None
    if len(text) <= COOKIE_BANNER_MAX and cookie_banner_start(text) == 0:
        return COOKIE_BANNER
    if len(text) > SHORT_MAX:
        return None
    for test, leftover in _SHORT_LEFTOVERS:
        if test(text):
            return leftover
    return None


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: pattern.search(text) is not None


def _is_player_title(text: str) -> bool:
    return len(text) <= HEADLINE_MAX and PLAYER_TITLE_RE.match(text) is not None


# In order: the first that matches names the leftover.
_SHORT_LEFTOVERS: tuple[tuple[Callable[[str], bool], Leftover], ...] = (
    (_matches(HASHTAG_LINE_RE), HASHTAGS),
    (_matches(PLAYER_LINE_RE), PLAYER),
    (_is_player_title, PLAYER),
    (is_dateline, TIMESTAMP),
    (_matches(READING_TIME_RE), READING_TIME),
    (_matches(COOKIE_HEADING_RE), COOKIE_BANNER),
    (_matches(CONSENT_BUTTONS_RE), CONSENT_BUTTONS),
    (lambda text: _read_also(text) is not None, READ_ALSO),
    (_matches(SHARE_RE), SHARE),
    (_matches(PAGE_CHROME_RE), PAGE_CHROME),
    (_matches(ADVERTISEMENT_RE), ADVERTISEMENT),
    (_matches(PAYWALL_RE), PAYWALL),
    (_matches(PROMPT_RE), PROMPT),
    (_matches(PROMPT_ALONE_RE), PROMPT),
    (_matches(CREDIT_START_RE), CREDIT),
    (_matches(CREDIT_END_RE), CREDIT),
    (_matches(EMBED_RE), EMBED),
    (_matches(DESK_SIGNATURE_RE), SIGNATURE),
    (_matches(AGENCY_FOOTER_RE), SIGNATURE),
    (_matches(KEYWORDS_RE), KEYWORDS),
)


def is_headline_like(text: str) -> bool:
    """A short line that does not read as a paragraph: no full stop at its end or inside.

    A media's title, a linked headline or a section name; "?", "!" and quotes may end one.
    """
    if not text or len(text) > HEADLINE_MAX or text.endswith((".", ":", ",", ";")):
        return False
    return re.search(r"[.!?…]\s+[A-ZÀ-Ý«“\"]", text) is None


def is_section_name(text: str) -> bool:
    """A site's section, or a breadcrumb of them: "Afrique", "Accueil > Afrique > Mali"."""
    parts = [part for part in _BREADCRUMB_SPLIT_RE.split(text) if part]
    if not parts or parts[0].casefold() not in SECTION_NAMES:
        return False
    return all(len(part.split()) <= 3 and is_headline_like(part) for part in parts)


def _is_topic_link(text: str) -> bool:
    """A tag link at the foot of a page: a capitalised name of one to three words."""
    words = text.split()
    return 1 <= len(words) <= 3 and is_headline_like(text) and text[0].isupper()


def owns_next_paragraph(text: str) -> bool:
    """Whether a leftover label introduces the headline that follows it: a player's label
    ("Aller à la vidéo") is followed by the video's title, a bare "À lire aussi" by the
    linked story's headline."""
    return OWNS_NEXT_RE.match(text) is not None or _is_bare_read_also(text)


def leftovers_in(paragraphs: Sequence[str]) -> list[Leftover | None]:
    """What leftover each paragraph of a text is (None for article text), judging each
    one alone and then by its neighbours. Empty strings are blank lines and stay None.

    Known by their neighbours:
    - the headline-like line after a label that introduces it ("Aller à la vidéo", a bare
      "À lire aussi"), across other leftovers of the same player;
    - a section name, or a breadcrumb, as the first line when more text follows;
    - two or more topic links (short capitalised names) ending the text, after leftovers
      or a finished paragraph.
    """
    found = [classify(text) for text in paragraphs]
    _mark_owned_headlines(paragraphs, found)
    _mark_section_name(paragraphs, found)
    _mark_topic_links(paragraphs, found)
    return found


def _mark_owned_headlines(paragraphs: Sequence[str], found: list[Leftover | None]) -> None:
    owner: Leftover | None = None
    for index, text in enumerate(paragraphs):
        if not text:
            continue
        leftover = found[index]
        if leftover is not None:
            if owns_next_paragraph(text):
                owner = leftover
            elif leftover.kind != "player":
                owner = None  # a player's clock between its label and its title is fine
            continue
        if owner is not None and is_headline_like(text):
            found[index] = MEDIA_TITLE if owner.kind == "player" else LINKED_HEADLINE
        owner = None


def _mark_section_name(paragraphs: Sequence[str], found: list[Leftover | None]) -> None:
    texts = [index for index, text in enumerate(paragraphs) if text and found[index] is None]
    if len(texts) >= 2 and is_section_name(paragraphs[texts[0]]):
        found[texts[0]] = SECTION


def _mark_topic_links(paragraphs: Sequence[str], found: list[Leftover | None]) -> None:
    run: list[int] = []
    before = ""  # the article text just above the run
    for index in reversed(range(len(paragraphs))):
        text = paragraphs[index]
        if not text or (found[index] is not None and not run):
            continue  # blank lines, and the leftovers below the links (share buttons …)
        if found[index] is None and _is_topic_link(text):
            run.append(index)
            continue
        before = text if found[index] is None else ""
        break
    # One short name may be the article's last line ("Affaire à suivre"); two or more in
    # a row, at the very end, are the page's topic links, unless the text announced them
    # as a list ("Les lauréats :").
    if len(run) >= 2 and not before.endswith(":"):
        for index in run:
            found[index] = TOPIC_LINKS
