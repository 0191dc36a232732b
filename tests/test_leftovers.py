"""Web-page leftovers (briefing.leftovers): what is one, what is article text.

The importer strips what `leftovers_in` finds and the rulebook reports it; both are tested
on whole page shapes in tests/importer/. Here each pattern is pinned down in both
languages, with the article sentences that look like a leftover and must stay.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from briefing.checker import check_content
from briefing.leftovers import classify, leftovers_in
from briefing.sentences import first_sentence, is_cut_from, same_text

LEFTOVERS = {
    "hashtags": ["#Mali #Minusma", "#Sénégal", "#Kenya, #Uganda"],
    "player": [
        "Aller à la vidéo",
        "Aller à la video",
        "Go to video",
        "Écouter - 02:30",
        "Listen - 02:30",
        "01:02 / 03:10",
        "1:23:45",
        "Lecture en cours",
        "Now playing",
        "VIDÉO – Mali : les images de l’inauguration",
        "Watch: the bridge opens",
        "S’abonner au podcast",
        "Subscribe to the podcast",
        "EN DIRECT",
        "LIVE",
    ],
    "timestamp": [
        "Publié le : 17/03/2022 - 10:35 Modifié le : 17/03/2022 - 12:10",
        "Publié le 17 mars 2022 à 10h35 - Mis à jour le 17 mars 2022 à 12h10",
        "Published on: 17/03/2022 - 10:35",
        "Issued on: 17/03/2022 - 10:35 Modified: 17/03/2022 - 12:10",
        "Published on March 17, 2022, at 10:35 am (Paris)",
        "March 17, 2022 4:52 PM GMT+1 Updated 3 hours ago",
        "Posted on Thursday, 17 March 2022 10:35",
        "Publié le 3 octobre 2023 Lecture : 2 minutes.",
        "Mis à jour il y a 5 minutes",
        "Il y a 2 heures",
        "2 hours ago",
        "18h05",
        "6:05 pm",
        "17 mars 2022",
    ],
    "reading-time": [
        "Lecture 3 min.",
        "3 mn",
        "4 min read",
        "Time to read 2 min.",
        "2-minute read",
    ],
    "cookie-banner": [
        "Ce site utilise des cookies. En poursuivant votre navigation, vous acceptez leur "
        "utilisation. Accepter Paramétrer",
        "This website uses cookies to improve your experience. Accept Read More",
        "Accepter et fermer",
        "Continue without accepting",
        "Tout refuser Tout accepter",
        "Vos choix concernant les cookies",
        "Your privacy choices",
        "This content is blocked. To display it, accept the video platform's cookies. Accept",
    ],
    "read-also": [
        "► Lire aussi : Mali, la Cédéao maintient ses sanctions",
        "À lire aussi : Sénégal, la sécheresse menace les Niayes",
        "Lire aussi | Au Mali, la junte prolonge la transition",
        "Lire aussi le décryptage | Les routes camerounaises en souffrance",
        "Read also: Kenya’s debt under scrutiny",
        "READ MORE: Kenya’s debt under scrutiny",
        "Related: Kenya’s debt under scrutiny",
        "Related Topics",
        "Sur le même sujet",
        "Lire la suite",
    ],
    "share": [
        "Partager :",
        "Facebook Twitter LinkedIn Email WhatsApp",
        "Share on X",
        "Copier le lien",
        "Offrir l’article",
        "Imprimer",
    ],
    "page-chrome": ["Suivre", "Follow", "Les plus lus", "Most read", "Lire en français"],
    "advertisement": ["Publicité", "Advertisement", "La suite après cette publicité"],
    "paywall": [
        "Article réservé aux abonnés",
        "Il vous reste 62.5% de cet article à lire. La suite est réservée aux abonnés.",
        "Déjà abonné ? Se connecter",
        "Subscribers only",
        "You have 52% of this article left to read. The rest is for subscribers only.",
    ],
    "prompt": [
        "Chaque semaine, recevez le meilleur de Jeune Afrique dans votre boîte mail.",
        "Je m’inscris",
        "Téléchargez l’application RFI pour suivre toute l’actualité internationale",
        "Restez informé en temps réel en téléchargeant l’application France 24",
        "The Africa Briefing newsletter brings you the week's news. Sign up here.",
        "Download the app",
        "Suivez-nous sur Facebook",
        "Turn on notifications so you never miss a story",
    ],
    "credit": [
        "Le colonel à Bamako, le 15 mars 2022. © AFP - Florent Dupuis",
        "Des automobilistes à Yaoundé, le 20 janvier 2024. JEAN-PIERRE NDONGO / AFP",
        "A trader in Lagos, March 5, 2024. REUTERS/Ade Bello/File Photo Purchase Licensing "
        "Rights, opens new tab",
        "(Photo by Hery Rakoto / AFP)",
        "Photo : Jean Dupont",
        "Crédit photo, Getty Images",
        "Légende image, Un champ de maïs desséché.",
        "Image caption, A parched maize field.",
        "© 2023 AFP",
    ],
    "embed": [
        "La finale se jouera à Yamoussoukro ! pic.twitter.com/Xy7Qp2LmZa",
        "— Exemple Foot (@ExempleFoot) July 15, 2024",
        "View this post on Instagram",
        "Une publication partagée par Exemple Foot (@exemplefoot)",
    ],
    "signature": [
        "rk/cl/thm",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Nos valeurs : Les principes de confiance de Thomson Reuters.",
    ],
    "keywords": ["Mots-clés : Mali, Minusma", "Topics: Kenya, Uganda"],
}

# Sentences that look like leftovers and are article text.
ARTICLE_TEXT = [
    "#Mali la junte annonce un calendrier de transition.",
    "Lire aussi le rapport de l’ONU, publié hier.",
    "Relatedly, the minister said so.",
    "Par ailleurs, le gouvernement a annoncé une réforme.",
    "Le 17 mars",
    "Mis à jour le 15 mars : le ministère a corrigé le coût du projet.",
    "Les citoyens peuvent télécharger l’application du ministère pour signaler les pannes.",
    "Residents can download the app to report outages, the utility said.",
    "Les dirigeants ont posé pour la traditionnelle (photo de famille) à Addis-Abeba.",
    "Notre site utilise des cookies depuis 2019, a reconnu le ministère.",
    "La vidéo a été vue plus de deux millions de fois en une journée.",
    "Le podcast de la radio publique a été suspendu pendant trois mois.",
    "Live music returned to the capital's bars on Friday.",
    "2022. Une année décisive, selon le ministre.",
    "The newsletter's editor was questioned by the police on Monday.",
    "Share prices fell by 4% in Johannesburg.",
]


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in LEFTOVERS.items() for text in texts]
)
def test_a_leftover_is_recognised(kind: str, text: str) -> None:
    found = classify(text)
    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize("text", ARTICLE_TEXT)
def test_article_text_is_not_a_leftover(text: str) -> None:
    assert classify(text) is None


def test_a_players_label_takes_the_medias_title_with_it() -> None:
    found = leftovers_in(
        ["Le texte.", "Aller à la vidéo", "", "01:48", "Mali : les images", "Fin."]
    )
    assert [f.kind if f else None for f in found] == [
        None,
        "player",
        None,
        "player",
        "media-title",
        None,
    ]


def test_a_bare_read_also_takes_its_headline_but_not_a_paragraph() -> None:
    found = leftovers_in(["À lire aussi", "Mali : la Cédéao maintient ses sanctions", "Suite."])
    assert [f.kind if f else None for f in found] == ["read-also", "read-also", None]
    found = leftovers_in(["Voir la vidéo", "Le texte continue ici, avec un point final."])
    assert found[1] is None


def test_a_section_name_above_the_headline_and_topic_links_at_the_end() -> None:
    found = leftovers_in(["Afrique", "", "Mali : titre", "Le texte.", "Mali", "Sahel", "Partager"])
    assert [f.kind if f else None for f in found] == [
        "section",
        None,
        None,
        None,
        "topic-links",
        "topic-links",
        "share",
    ]
    # One short last line may be the article's own, and so may a list the text announces.
    assert leftovers_in(["Mali : titre", "Le texte.", "Affaire à suivre"])[2] is None
    names = ["Le texte.", "Les lauréats :", "Aminata Diallo", "Moussa Traoré"]
    assert leftovers_in(names) == [None] * 4


def test_texts_are_compared_by_their_words() -> None:
    assert same_text("Mali : la junte publie un calendrier.", "mali: la junte publie un calendrier")
    assert same_text("L’armée « prête »", 'L\'armée "prête"')
    assert not same_text("Un titre", "Un autre titre")
    assert first_sentence("M. Diallo est arrivé. Il repart.") == "M. Diallo est arrivé."
    assert is_cut_from("Le texte est long…", "Le texte est long et se poursuit.")


# --------------------------------------------------------------------------- the rules


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "fr").mkdir(parents=True)
    (folder / "images").mkdir()
    shutil.copy(ROOT / "content" / "taxonomy.toml", folder)
    shutil.copy(
        ROOT / "tests" / "checker" / "good" / "content" / "images" / "carte.png", folder / "images"
    )
    return folder


def write_story(content: Path, body: str, summary: str = "Dakar aura de l’eau en avril.") -> None:
    (content / "fr" / "story.md").write_text(
        "Title: Le Sénégal met en service une usine de dessalement\nDate: 2022-03\nLang: fr\n"
        "Slug: usine\nTranslation_key: usine\nCategory: Afrique\nTags: Rwanda\n"
        f"Summary: {summary}\nSource: RFI\n\n{body}\n",
        encoding="utf-8",
    )


def test_the_editors_own_markup_is_not_a_leftover(content: Path) -> None:
    write_story(
        content,
        "L’usine alimente la banlieue de Dakar depuis mardi.\n\n"
        "Lire aussi : [le rapport de l’ONU](https://example.org/rapport)\n\n"
        "## Partager\n\n"
        "![L’usine vue du ciel]({static}/images/carte.png)\n\n"
        "Photo : Jean Dupont\n\n"
        "- #Sénégal #Eau",
    )
    assert check_content(content) == []


def test_leftovers_escaped_by_the_importer_are_found(content: Path) -> None:
    write_story(content, "L’usine alimente Dakar.\n\n\\#Sénégal \\#Eau\n\nPartager &#58;")
    rules = [problem.rule for problem in check_content(content)]
    assert rules == ["hashtag-line", "page-leftover"]


def test_a_summary_cut_from_the_first_sentence_is_the_first_sentence(content: Path) -> None:
    write_story(content, "L’usine alimente la banlieue de Dakar depuis mardi.", "L’usine alimente…")
    (problem,) = check_content(content)
    assert (problem.rule, problem.severity) == ("summary-is-first-sentence", "warning")
