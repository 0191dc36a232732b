"""A synthetic bilingual corpus for benchmarks: realistic French and English news briefs.

`generate_corpus(target, pairs)` writes a complete Pelican content folder in the project's
story format (see README.md): `taxonomy.toml` (the real one, extended), the real "À propos" /
"About" pages, and `pairs` stories, each a French file and its English translation sharing a
`Translation_key`, a few in one language only.

The text is recombined from hand-written parallel sentences (sentences_fr.txt and
sentences_en.txt, line N of a section translating line N) with countries, people, organisations
and figures substituted, so the English file really translates the French one and a search
index sees real vocabulary: accents, elisions (l’, d’, qu’), hyphenated words, « » quotes,
typographic and straight apostrophes, numbers and proper nouns. Detail sentences name entries
of endless invented pools (people, villages, organisations, companies, acronyms, flight and
case numbers, rare words with a French and an English form), drawn from a Zipf-like law, so
the vocabulary grows with the corpus as real news text does (Heaps' law): about 30,000
distinct index terms per language at 1,000 stories, 70,000 at 5,000, where the sentence bank
alone gives ~3,500 (see "The growing vocabulary"). Output is deterministic for a given seed:
the same arguments give byte-identical files. Every story passes `briefing-check`.

    python tests/benchmarks/corpus.py OUT --pairs 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REAL_CONTENT = ROOT / "content"
LANGS = ("fr", "en")
Texts = dict[str, str]  # lang -> text

# --------------------------------------------------------------------------------------------
# Taxonomy: the real terms plus these, so stories can name many categories and tags.
# key: (French label, French slug, English label, English slug)
EXTRA_CATEGORIES: dict[str, tuple[str, str, str, str]] = {
    "americas": ("Amériques", "ameriques", "Americas", "americas"),
    "asia": ("Asie-Pacifique", "asie-pacifique", "Asia-Pacific", "asia-pacific"),
    "middle-east": ("Moyen-Orient", "moyen-orient", "Middle East", "middle-east"),
    "politics": ("Politique", "politique", "Politics", "politics"),
    "security": ("Sécurité", "securite", "Security", "security"),
    "economy": ("Économie", "economie", "Economy", "economy"),
    "energy": ("Énergie", "energie", "Energy", "energy"),
    "environment": ("Environnement", "environnement", "Environment", "environment"),
    "health": ("Santé", "sante", "Health", "health"),
    "justice": ("Justice", "justice", "Justice", "justice"),
    "technology": ("Numérique", "numerique", "Technology", "technology"),
    "humanitarian": ("Humanitaire", "humanitaire", "Humanitarian", "humanitarian"),
    "society": ("Société", "societe", "Society", "society"),
}
EXTRA_TAGS: dict[str, tuple[str, str, str, str]] = {
    "mali": ("Mali", "mali", "Mali", "mali"),
    "niger": ("Niger", "niger", "Niger", "niger"),
    "burkina-faso": ("Burkina Faso", "burkina-faso", "Burkina Faso", "burkina-faso"),
    "senegal": ("Sénégal", "senegal", "Senegal", "senegal"),
    "ivory-coast": ("Côte d’Ivoire", "cote-d-ivoire", "Ivory Coast", "ivory-coast"),
    "nigeria": ("Nigeria", "nigeria", "Nigeria", "nigeria"),
    "cameroon": ("Cameroun", "cameroun", "Cameroon", "cameroon"),
    "dr-congo": ("RDC", "rdc", "DR Congo", "dr-congo"),
    "ethiopia": ("Éthiopie", "ethiopie", "Ethiopia", "ethiopia"),
    "kenya": ("Kenya", "kenya", "Kenya", "kenya"),
    "south-africa": ("Afrique du Sud", "afrique-du-sud", "South Africa", "south-africa"),
    "morocco": ("Maroc", "maroc", "Morocco", "morocco"),
    "algeria": ("Algérie", "algerie", "Algeria", "algeria"),
    "egypt": ("Égypte", "egypte", "Egypt", "egypt"),
    "sudan": ("Soudan", "soudan", "Sudan", "sudan"),
    "ukraine": ("Ukraine", "ukraine", "Ukraine", "ukraine"),
    "russia": ("Russie", "russie", "Russia", "russia"),
    "germany": ("Allemagne", "allemagne", "Germany", "germany"),
    "united-kingdom": ("Royaume-Uni", "royaume-uni", "United Kingdom", "united-kingdom"),
    "united-states": ("États-Unis", "etats-unis", "United States", "united-states"),
    "china": ("Chine", "chine", "China", "china"),
    "sahel": ("Sahel", "sahel", "Sahel", "sahel"),
    "african-union": ("Union africaine", "union-africaine", "African Union", "african-union"),
    "european-union": (
        "Union européenne",
        "union-europeenne",
        "European Union",
        "european-union",
    ),
    "united-nations": ("ONU", "onu", "United Nations", "united-nations"),
    "elections": ("Élections", "elections", "Elections", "elections"),
    "protests": ("Manifestations", "manifestations", "Protests", "protests"),
    "coup": ("Coup d’État", "coup-d-etat", "Coup", "coup"),
    "terrorism": ("Terrorisme", "terrorisme", "Terrorism", "terrorism"),
    "oil": ("Pétrole", "petrole", "Oil", "oil"),
    "gas": ("Gaz", "gaz", "Gas", "gas"),
    "electricity": ("Électricité", "electricite", "Electricity", "electricity"),
    "mining": ("Mines", "mines", "Mining", "mining"),
    "inflation": ("Inflation", "inflation", "Inflation", "inflation"),
    "debt": ("Dette", "dette", "Debt", "debt"),
    "trade": ("Commerce", "commerce", "Trade", "trade"),
    "agriculture": ("Agriculture", "agriculture", "Agriculture", "agriculture"),
    "climate": ("Climat", "climat", "Climate", "climate"),
    "public-health": ("Santé publique", "sante-publique", "Public health", "public-health"),
    "epidemics": ("Épidémies", "epidemies", "Epidemics", "epidemics"),
    "justice": ("Justice", "justice", "Justice", "justice"),
    "human-rights": ("Droits humains", "droits-humains", "Human rights", "human-rights"),
    "press-freedom": (
        "Liberté de la presse",
        "liberte-de-la-presse",
        "Press freedom",
        "press-freedom",
    ),
    "migration": ("Migrations", "migrations", "Migration", "migration"),
    "refugees": ("Réfugiés", "refugies", "Refugees", "refugees"),
    "humanitarian": (
        "Aide humanitaire",
        "aide-humanitaire",
        "Humanitarian aid",
        "humanitarian-aid",
    ),
    "digital": ("Numérique", "numerique", "Digital", "digital"),
    "education": ("Éducation", "education", "Education", "education"),
    "transport": ("Transports", "transports", "Transport", "transport"),
    "culture": ("Culture", "culture", "Culture", "culture"),
    "sport": ("Sport", "sport", "Sport", "sport"),
}

TOPICS = (
    "politics",
    "security",
    "economy",
    "energy",
    "diplomacy",
    "health",
    "environment",
    "justice",
    "humanitarian",
    "technology",
    "society",
)
TOPIC_WEIGHTS = (15, 15, 13, 8, 11, 7, 8, 7, 7, 5, 8)
TOPIC_TAGS: dict[str, tuple[str, ...]] = {
    "politics": ("elections", "protests", "coup"),
    "security": ("defence", "terrorism"),
    "economy": ("inflation", "debt", "trade", "mining", "agriculture"),
    "energy": ("oil", "gas", "electricity"),
    "diplomacy": ("diplomacy",),
    "health": ("public-health", "epidemics"),
    "environment": ("climate", "agriculture"),
    "justice": ("justice", "human-rights", "press-freedom"),
    "humanitarian": ("humanitarian", "migration", "refugees"),
    "technology": ("digital",),
    "society": ("education", "transport", "culture", "sport"),
}
# A story files under its region or, for some, under its topic (diplomacy has no category).
TOPIC_CATEGORY = {topic: topic for topic in TOPICS if topic != "diplomacy"}
REGION_CATEGORY = {
    "africa": "africa",
    "europe": "europe",
    "americas": "americas",
    "asia": "asia",
    "middle-east": "middle-east",
}
SAHEL = ("mali", "niger", "burkina-faso", "chad")

# --------------------------------------------------------------------------------------------
# Places. French forms carry the article and the preposition ("le Mali", "au Mali"), which
# no rule derives; everything else is derived.


@dataclass(frozen=True)
class Country:
    key: str
    region: str
    names: str  # the pool people of this country are named from
    fr: str  # "le Mali"
    fr_in: str  # "au Mali"
    adj_fr: tuple[str, str]  # masculine, feminine singular
    en: str  # "Mali", "the DRC"
    adj_en: str
    capital: tuple[str, str]  # French, English
    cities: tuple[tuple[str, str], ...]
    tag: str | None
    plural: bool  # "les États-Unis": never a sentence subject, verbs would not agree


def _pair(text: str) -> tuple[str, str]:
    """'Alger/Algiers' -> ('Alger', 'Algiers'); 'Bamako' -> ('Bamako', 'Bamako')."""
    fr, _, en = text.partition("/")
    return fr, en or fr


def _country(
    key: str,
    region: str,
    names: str,
    fr: str,
    fr_in: str,
    adj_fr: str,
    en: str,
    capital: str,
    cities: str,
    tag: str | None = None,
) -> Country:
    """Compact row: adj_fr is 'malien/malienne', en is 'Mali/Malian'."""
    masculine, feminine = adj_fr.split("/")
    en_name, en_adj = en.split("/")
    return Country(
        key=key,
        region=region,
        names=names,
        fr=fr,
        fr_in=fr_in,
        adj_fr=(masculine, feminine),
        en=en_name,
        adj_en=en_adj,
        capital=_pair(capital),
        cities=tuple(_pair(city.strip()) for city in cities.split(",")),
        tag=tag,
        plural=fr.startswith("les "),
    )


C = _country
COUNTRIES: tuple[Country, ...] = (
    C("mali", "africa", "wa", "le Mali", "au Mali", "malien/malienne", "Mali/Malian", "Bamako",
      "Gao, Mopti, Tombouctou/Timbuktu, Kidal, Ségou/Segou", "mali"),
    C("niger", "africa", "wa", "le Niger", "au Niger", "nigérien/nigérienne", "Niger/Nigerien",
      "Niamey", "Agadez, Tillabéri/Tillaberi, Zinder, Diffa", "niger"),
    C("burkina-faso", "africa", "wa", "le Burkina Faso", "au Burkina Faso",
      "burkinabè/burkinabè", "Burkina Faso/Burkinabe", "Ouagadougou",
      "Bobo-Dioulasso, Djibo, Kaya, Fada N’Gourma/Fada N'Gourma", "burkina-faso"),
    C("senegal", "africa", "wa", "le Sénégal", "au Sénégal", "sénégalais/sénégalaise",
      "Senegal/Senegalese", "Dakar", "Saint-Louis, Ziguinchor, Touba, Thiès/Thies", "senegal"),
    C("ivory-coast", "africa", "wa", "la Côte d’Ivoire", "en Côte d’Ivoire",
      "ivoirien/ivoirienne", "Ivory Coast/Ivorian", "Abidjan",
      "Bouaké/Bouake, Yamoussoukro, San-Pédro/San Pedro, Korhogo", "ivory-coast"),
    C("guinea", "africa", "wa", "la Guinée", "en Guinée", "guinéen/guinéenne", "Guinea/Guinean",
      "Conakry", "Kankan, Nzérékoré/Nzerekore, Labé/Labe"),
    C("chad", "africa", "ca", "le Tchad", "au Tchad", "tchadien/tchadienne", "Chad/Chadian",
      "N’Djamena/N'Djamena", "Abéché/Abeche, Moundou, Faya-Largeau"),
    C("cameroon", "africa", "ca", "le Cameroun", "au Cameroun", "camerounais/camerounaise",
      "Cameroon/Cameroonian", "Yaoundé", "Douala, Bamenda, Maroua, Garoua", "cameroon"),
    C("nigeria", "africa", "wa", "le Nigeria", "au Nigeria", "nigérian/nigériane",
      "Nigeria/Nigerian", "Abuja", "Lagos, Kano, Maiduguri, Port Harcourt", "nigeria"),
    C("ghana", "africa", "wa", "le Ghana", "au Ghana", "ghanéen/ghanéenne", "Ghana/Ghanaian",
      "Accra", "Kumasi, Tamale, Takoradi"),
    C("benin", "africa", "wa", "le Bénin", "au Bénin", "béninois/béninoise", "Benin/Beninese",
      "Cotonou", "Parakou, Porto-Novo, Natitingou"),
    C("togo", "africa", "wa", "le Togo", "au Togo", "togolais/togolaise", "Togo/Togolese",
      "Lomé/Lome", "Kara, Sokodé/Sokode, Dapaong"),
    C("dr-congo", "africa", "ca", "la RDC", "en RDC", "congolais/congolaise", "the DRC/Congolese",
      "Kinshasa", "Goma, Bukavu, Lubumbashi, Beni, Bunia", "dr-congo"),
    C("rwanda", "africa", "ca", "le Rwanda", "au Rwanda", "rwandais/rwandaise", "Rwanda/Rwandan",
      "Kigali", "Huye, Gisenyi, Musanze", "rwanda"),
    C("burundi", "africa", "ca", "le Burundi", "au Burundi", "burundais/burundaise",
      "Burundi/Burundian", "Gitega", "Bujumbura, Ngozi"),
    C("kenya", "africa", "ca", "le Kenya", "au Kenya", "kényan/kényane", "Kenya/Kenyan",
      "Nairobi", "Mombasa, Kisumu, Eldoret, Garissa", "kenya"),
    C("ethiopia", "africa", "ca", "l’Éthiopie", "en Éthiopie", "éthiopien/éthiopienne",
      "Ethiopia/Ethiopian", "Addis-Abeba/Addis Ababa", "Mekele/Mekelle, Gondar, Bahir Dar, "
      "Dire Dawa", "ethiopia"),
    C("somalia", "africa", "ca", "la Somalie", "en Somalie", "somalien/somalienne",
      "Somalia/Somali", "Mogadiscio/Mogadishu", "Kismayo, Baidoa, Beledweyne"),
    C("sudan", "africa", "ca", "le Soudan", "au Soudan", "soudanais/soudanaise", "Sudan/Sudanese",
      "Khartoum", "El-Fasher/El Fasher, Port-Soudan/Port Sudan, Nyala, Wad Madani", "sudan"),
    C("south-sudan", "africa", "ca", "le Soudan du Sud", "au Soudan du Sud",
      "sud-soudanais/sud-soudanaise", "South Sudan/South Sudanese", "Djouba/Juba",
      "Malakal, Bentiu, Wau"),
    C("mozambique", "africa", "ca", "le Mozambique", "au Mozambique",
      "mozambicain/mozambicaine", "Mozambique/Mozambican", "Maputo",
      "Pemba, Beira, Palma, Mocímboa da Praia", "mozambique"),
    C("south-africa", "africa", "an", "l’Afrique du Sud", "en Afrique du Sud",
      "sud-africain/sud-africaine", "South Africa/South African", "Pretoria",
      "Johannesburg, Durban, Soweto", "south-africa"),
    C("madagascar", "africa", "ca", "Madagascar", "à Madagascar", "malgache/malgache",
      "Madagascar/Malagasy", "Antananarivo", "Toamasina, Mahajanga, Fianarantsoa"),
    C("morocco", "africa", "na", "le Maroc", "au Maroc", "marocain/marocaine",
      "Morocco/Moroccan", "Rabat", "Casablanca, Marrakech/Marrakesh, Tanger/Tangier, Fès/Fez",
      "morocco"),
    C("algeria", "africa", "na", "l’Algérie", "en Algérie", "algérien/algérienne",
      "Algeria/Algerian", "Alger/Algiers", "Oran, Constantine, Annaba, Tamanrasset", "algeria"),
    C("tunisia", "africa", "na", "la Tunisie", "en Tunisie", "tunisien/tunisienne",
      "Tunisia/Tunisian", "Tunis", "Sfax, Sousse, Kairouan, Gafsa"),
    C("libya", "africa", "na", "la Libye", "en Libye", "libyen/libyenne", "Libya/Libyan",
      "Tripoli", "Benghazi, Misrata, Sebha"),
    C("egypt", "africa", "na", "l’Égypte", "en Égypte", "égyptien/égyptienne", "Egypt/Egyptian",
      "Le Caire/Cairo", "Alexandrie/Alexandria, Assouan/Aswan, Port-Saïd/Port Said", "egypt"),
    C("gabon", "africa", "ca", "le Gabon", "au Gabon", "gabonais/gabonaise", "Gabon/Gabonese",
      "Libreville", "Port-Gentil, Franceville, Oyem"),
    C("central-african-republic", "africa", "ca", "la Centrafrique", "en Centrafrique",
      "centrafricain/centrafricaine", "the Central African Republic/Central African", "Bangui",
      "Bambari, Bouar, Berbérati/Berberati"),
    C("angola", "africa", "ca", "l’Angola", "en Angola", "angolais/angolaise", "Angola/Angolan",
      "Luanda", "Huambo, Lobito, Benguela"),
    C("uganda", "africa", "ca", "l’Ouganda", "en Ouganda", "ougandais/ougandaise",
      "Uganda/Ugandan", "Kampala", "Gulu, Entebbe, Mbarara"),
    C("tanzania", "africa", "ca", "la Tanzanie", "en Tanzanie", "tanzanien/tanzanienne",
      "Tanzania/Tanzanian", "Dodoma", "Dar es Salaam, Arusha, Zanzibar"),
    C("france", "europe", "fr", "la France", "en France", "français/française", "France/French",
      "Paris", "Marseille, Lyon, Toulouse, Bordeaux, Lille", "france"),
    C("germany", "europe", "eu", "l’Allemagne", "en Allemagne", "allemand/allemande",
      "Germany/German", "Berlin", "Hambourg/Hamburg, Munich, Francfort/Frankfurt, Cologne",
      "germany"),
    C("italy", "europe", "eu", "l’Italie", "en Italie", "italien/italienne", "Italy/Italian",
      "Rome", "Milan, Naples, Lampedusa, Palerme/Palermo"),
    C("spain", "europe", "eu", "l’Espagne", "en Espagne", "espagnol/espagnole", "Spain/Spanish",
      "Madrid", "Barcelone/Barcelona, Séville/Seville, Valence/Valencia"),
    C("belgium", "europe", "fr", "la Belgique", "en Belgique", "belge/belge", "Belgium/Belgian",
      "Bruxelles/Brussels", "Anvers/Antwerp, Liège/Liege, Gand/Ghent"),
    C("poland", "europe", "eu", "la Pologne", "en Pologne", "polonais/polonaise",
      "Poland/Polish", "Varsovie/Warsaw", "Cracovie/Krakow, Gdansk, Wroclaw"),
    C("ukraine", "europe", "eu", "l’Ukraine", "en Ukraine", "ukrainien/ukrainienne",
      "Ukraine/Ukrainian", "Kiev/Kyiv", "Kharkiv, Odessa, Lviv, Dnipro", "ukraine"),
    C("united-kingdom", "europe", "an", "le Royaume-Uni", "au Royaume-Uni",
      "britannique/britannique", "the United Kingdom/British", "Londres/London",
      "Manchester, Birmingham, Édimbourg/Edinburgh", "united-kingdom"),
    C("portugal", "europe", "eu", "le Portugal", "au Portugal", "portugais/portugaise",
      "Portugal/Portuguese", "Lisbonne/Lisbon", "Porto, Coimbra"),
    C("greece", "europe", "eu", "la Grèce", "en Grèce", "grec/grecque", "Greece/Greek",
      "Athènes/Athens", "Thessalonique/Thessaloniki, Le Pirée/Piraeus, Lesbos"),
    C("hungary", "europe", "eu", "la Hongrie", "en Hongrie", "hongrois/hongroise",
      "Hungary/Hungarian", "Budapest", "Debrecen, Szeged"),
    C("romania", "europe", "eu", "la Roumanie", "en Roumanie", "roumain/roumaine",
      "Romania/Romanian", "Bucarest/Bucharest", "Cluj-Napoca, Timisoara, Constanta"),
    C("switzerland", "europe", "fr", "la Suisse", "en Suisse", "suisse/suisse",
      "Switzerland/Swiss", "Berne/Bern", "Genève/Geneva, Zurich, Lausanne"),
    C("russia", "europe", "eu", "la Russie", "en Russie", "russe/russe", "Russia/Russian",
      "Moscou/Moscow", "Saint-Pétersbourg/St Petersburg, Novossibirsk/Novosibirsk, Kazan",
      "russia"),
    C("serbia", "europe", "eu", "la Serbie", "en Serbie", "serbe/serbe", "Serbia/Serbian",
      "Belgrade", "Novi Sad, Nis"),
    C("netherlands", "europe", "eu", "les Pays-Bas", "aux Pays-Bas", "néerlandais/néerlandaise",
      "the Netherlands/Dutch", "Amsterdam", "Rotterdam, La Haye/The Hague"),
    C("united-states", "americas", "an", "les États-Unis", "aux États-Unis",
      "américain/américaine", "the United States/American", "Washington",
      "New York, Los Angeles, Chicago, Houston", "united-states"),
    C("canada", "americas", "an", "le Canada", "au Canada", "canadien/canadienne",
      "Canada/Canadian", "Ottawa", "Montréal/Montreal, Toronto, Vancouver"),
    C("brazil", "americas", "la", "le Brésil", "au Brésil", "brésilien/brésilienne",
      "Brazil/Brazilian", "Brasilia", "São Paulo, Rio de Janeiro, Manaus, Belém/Belem"),
    C("mexico", "americas", "la", "le Mexique", "au Mexique", "mexicain/mexicaine",
      "Mexico/Mexican", "Mexico/Mexico City", "Guadalajara, Monterrey, Tijuana"),
    C("argentina", "americas", "la", "l’Argentine", "en Argentine", "argentin/argentine",
      "Argentina/Argentinian", "Buenos Aires", "Córdoba/Cordoba, Rosario, Mendoza"),
    C("colombia", "americas", "la", "la Colombie", "en Colombie", "colombien/colombienne",
      "Colombia/Colombian", "Bogota/Bogotá", "Medellín/Medellin, Cali, Carthagène/Cartagena"),
    C("haiti", "americas", "fr", "Haïti", "en Haïti", "haïtien/haïtienne", "Haiti/Haitian",
      "Port-au-Prince", "Cap-Haïtien/Cap-Haitien, Les Cayes, Gonaïves/Gonaives"),
    C("venezuela", "americas", "la", "le Venezuela", "au Venezuela",
      "vénézuélien/vénézuélienne", "Venezuela/Venezuelan", "Caracas", "Maracaibo, Valencia"),
    C("chile", "americas", "la", "le Chili", "au Chili", "chilien/chilienne", "Chile/Chilean",
      "Santiago", "Valparaiso/Valparaíso, Antofagasta"),
    C("china", "asia", "as", "la Chine", "en Chine", "chinois/chinoise", "China/Chinese",
      "Pékin/Beijing", "Shanghai, Canton/Guangzhou, Shenzhen, Wuhan", "china"),
    C("india", "asia", "as", "l’Inde", "en Inde", "indien/indienne", "India/Indian", "New Delhi",
      "Bombay/Mumbai, Calcutta/Kolkata, Bangalore/Bengaluru"),
    C("japan", "asia", "as", "le Japon", "au Japon", "japonais/japonaise", "Japan/Japanese",
      "Tokyo", "Osaka, Kyoto, Fukushima"),
    C("indonesia", "asia", "as", "l’Indonésie", "en Indonésie", "indonésien/indonésienne",
      "Indonesia/Indonesian", "Jakarta", "Surabaya, Denpasar, Medan"),
    C("vietnam", "asia", "as", "le Vietnam", "au Vietnam", "vietnamien/vietnamienne",
      "Vietnam/Vietnamese", "Hanoï/Hanoi", "Hô Chi Minh-Ville/Ho Chi Minh City, Da Nang"),
    C("south-korea", "asia", "as", "la Corée du Sud", "en Corée du Sud",
      "sud-coréen/sud-coréenne", "South Korea/South Korean", "Séoul/Seoul", "Busan, Incheon"),
    C("pakistan", "asia", "as", "le Pakistan", "au Pakistan", "pakistanais/pakistanaise",
      "Pakistan/Pakistani", "Islamabad", "Karachi, Lahore, Peshawar"),
    C("turkey", "middle-east", "na", "la Turquie", "en Turquie", "turc/turque", "Turkey/Turkish",
      "Ankara", "Istanbul, Izmir, Gaziantep"),
    C("iran", "middle-east", "na", "l’Iran", "en Iran", "iranien/iranienne", "Iran/Iranian",
      "Téhéran/Tehran", "Ispahan/Isfahan, Tabriz, Mashhad"),
    C("iraq", "middle-east", "na", "l’Irak", "en Irak", "irakien/irakienne", "Iraq/Iraqi",
      "Bagdad/Baghdad", "Mossoul/Mosul, Bassora/Basra, Erbil"),
    C("lebanon", "middle-east", "na", "le Liban", "au Liban", "libanais/libanaise",
      "Lebanon/Lebanese", "Beyrouth/Beirut", "Saïda/Sidon, Tyr/Tyre, Baalbek"),
    C("syria", "middle-east", "na", "la Syrie", "en Syrie", "syrien/syrienne", "Syria/Syrian",
      "Damas/Damascus", "Alep/Aleppo, Homs, Idleb/Idlib"),
    C("saudi-arabia", "middle-east", "na", "l’Arabie saoudite", "en Arabie saoudite",
      "saoudien/saoudienne", "Saudi Arabia/Saudi", "Riyad/Riyadh",
      "Djeddah/Jeddah, La Mecque/Mecca"),
    C("qatar", "middle-east", "na", "le Qatar", "au Qatar", "qatari/qatarie", "Qatar/Qatari",
      "Doha", "Lusail, Al-Khor/Al Khor"),
    C("uae", "middle-east", "na", "les Émirats arabes unis", "aux Émirats arabes unis",
      "émirien/émirienne", "the United Arab Emirates/Emirati", "Abou Dhabi/Abu Dhabi",
      "Dubaï/Dubai, Charjah/Sharjah"),
)  # fmt: skip
del C
COUNTRY = {country.key: country for country in COUNTRIES}
REGION_WEIGHTS = {"africa": 55, "europe": 20, "americas": 9, "asia": 8, "middle-east": 8}

# --------------------------------------------------------------------------------------------
# People: invented names, by naming tradition. Quotes are invented, so real people are never
# named (the seed story's sentences aside).
NAMES: dict[str, tuple[str, str, str]] = {  # pool: (men, women, surnames)
    "wa": (
        "Moussa Ibrahim Amadou Mamadou Ousmane Boubacar Cheick Souleymane Kofi Yaw Adama Issa",
        "Aminata Fatoumata Mariam Aïssata Kadiatou Awa Rokia Adjoa Ramatoulaye Ndèye Salimata",
        "Diallo Traoré Keïta Coulibaly Ouédraogo Sawadogo Diop Ndiaye Sow Mensah Koné Touré "
        "Bamba Kaboré Issoufou Mahamadou Agbodjan Owusu Okonkwo Adeyemi Camara Sylla",
    ),
    "ca": (
        "Jean-Pierre Emmanuel Patrice Théogène Faustin Joseph Désiré Samuel Abebe Kiprop Blaise",
        "Solange Jeanne Béatrice Chantal Espérance Grace Wanjiru Alemitu Clémentine Aline Odette",
        "Mukamana Habimana Mbala Nsengiyumva Uwimana Kamau Otieno Wanjiku Tesfaye Girma Mulumba "
        "Ilunga Kasongo Bizimana Mugisha Nkulu Okello Rakotomalala Andriamanana Ngoma",
    ),
    "na": (
        "Mohamed Youssef Karim Hichem Mehdi Omar Tarek Nabil Ahmed Rachid Sofiane Walid",
        "Fatima Nadia Leïla Samira Amina Yasmina Salma Houda Rania Nour Imane Soraya",
        "Benali Haddad Mansour Khalil Bensaïd Chaouch Saïdi Tazi Belkacem Farouk Hamdi Nasser "
        "Aziz El_Amrani Ben_Youssef Cherif Rahmani Toumi Karaman Demir",
    ),
    "fr": (
        "Jean-Luc François Olivier Thomas Nicolas Pierre-Yves Laurent Hervé Mathieu Benoît",
        "Isabelle Claire Sophie Élodie Hélène Camille Marie-Laure Agnès Céline Anne-Sophie",
        "Lefèvre Moreau Girard Dubois Lambert Fontaine Rousseau Mercier Chevalier Perrin "
        "Garnier Faure Lemoine Gauthier Roux Delacroix Vasseur Le_Goff",
    ),
    "eu": (
        "Klaus Matteo Javier Piotr Andriy Dimitri Lukas João Nikos Stefan Mihai Bogdan",
        "Katarina Giulia Lucía Agnieszka Olena Ingrid Elena Marta Sofia Annika Zsófia Ioana",
        "Müller Rossi García Kowalski Shevchenko Petrov Novak Silva Papadopoulos Jansen "
        "Horváth Ionescu Schneider Bianchi Fernández Kovalenko Wiśniewski Popescu",
    ),
    "an": (
        "James Michael David Robert Daniel Christopher Andrew Richard Thabo Sipho",
        "Sarah Emily Jennifer Rebecca Laura Rachel Margaret Olivia Nomvula Lerato",
        "Thompson Walker Harris Clarke Robinson Wright Mitchell Turner Campbell Hughes Bennett "
        "Collins Mokoena Dlamini Naidoo",
    ),
    "la": (
        "Carlos Alejandro Diego Luis Rodrigo Andrés Jorge Sebastián",
        "Valentina Camila Gabriela Daniela Paola Fernanda Lucía Ximena",
        "González Rodríguez Pérez Sánchez Ramírez Torres Flores Vargas Castillo Mendoza Oliveira "
        "Souza",
    ),
    "as": (
        "Wei Hiroshi Rahul Min-jun Arif Takeshi Sanjay Hoang Imran",
        "Mei Yuki Priya Ji-woo Siti Anh Ayesha Lin Haruka",
        "Zhang Tanaka Sharma Kim Wijaya Tran Khan Chen Sato Patel Park Liu Nguyen Qureshi",
    ),
}


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    female: bool


# Roles: (French masculine, French feminine, English masculine[, English feminine]).
Role = tuple[str, ...]
TOPIC_ROLES: dict[str, tuple[Role, ...]] = {
    "politics": (
        ("le Premier ministre", "la Première ministre", "the Prime Minister"),
        ("le ministre de l’Intérieur", "la ministre de l’Intérieur", "the Interior Minister"),
        (
            "le porte-parole du gouvernement",
            "la porte-parole du gouvernement",
            "the government spokesman",
            "the government spokeswoman",
        ),
        (
            "le président de l’Assemblée nationale",
            "la présidente de l’Assemblée nationale",
            "the Speaker of the National Assembly",
        ),
    ),
    "security": (
        ("le ministre de la Défense", "la ministre de la Défense", "the Defence Minister"),
        (
            "le chef d’état-major des armées",
            "la cheffe d’état-major des armées",
            "the Chief of Defence Staff",
        ),
        (
            "le ministre de la Sécurité intérieure",
            "la ministre de la Sécurité intérieure",
            "the Minister of Internal Security",
        ),
        (
            "le porte-parole de l’armée",
            "la porte-parole de l’armée",
            "the army spokesman",
            "the army spokeswoman",
        ),
    ),
    "economy": (
        ("le ministre des Finances", "la ministre des Finances", "the Finance Minister"),
        (
            "le gouverneur de la Banque centrale",
            "la gouverneure de la Banque centrale",
            "the Governor of the Central Bank",
        ),
        ("le ministre du Commerce", "la ministre du Commerce", "the Trade Minister"),
        ("le ministre des Mines", "la ministre des Mines", "the Mines Minister"),
    ),
    "energy": (
        ("le ministre de l’Énergie", "la ministre de l’Énergie", "the Energy Minister"),
        ("le ministre du Pétrole", "la ministre du Pétrole", "the Oil Minister"),
        (
            "le directeur général de la compagnie nationale d’électricité",
            "la directrice générale de la compagnie nationale d’électricité",
            "the managing director of the national electricity company",
        ),
    ),
    "diplomacy": (
        (
            "le ministre des Affaires étrangères",
            "la ministre des Affaires étrangères",
            "the Foreign Minister",
        ),
        ("le chef de la diplomatie", "la cheffe de la diplomatie", "the country’s top diplomat"),
        (
            "le conseiller spécial du président",
            "la conseillère spéciale du président",
            "the president’s special adviser",
        ),
    ),
    "health": (
        ("le ministre de la Santé", "la ministre de la Santé", "the Health Minister"),
        (
            "le directeur de l’Institut national de santé publique",
            "la directrice de l’Institut national de santé publique",
            "the director of the National Public Health Institute",
        ),
    ),
    "environment": (
        (
            "le ministre de l’Environnement",
            "la ministre de l’Environnement",
            "the Environment Minister",
        ),
        (
            "le ministre de l’Eau et de l’Assainissement",
            "la ministre de l’Eau et de l’Assainissement",
            "the Minister of Water and Sanitation",
        ),
    ),
    "justice": (
        ("le ministre de la Justice", "la ministre de la Justice", "the Justice Minister"),
        ("le procureur général", "la procureure générale", "the Attorney General"),
        (
            "le président de la Commission nationale des droits de l’homme",
            "la présidente de la Commission nationale des droits de l’homme",
            "the chair of the National Human Rights Commission",
        ),
    ),
    "humanitarian": (
        (
            "le ministre de l’Action humanitaire",
            "la ministre de l’Action humanitaire",
            "the Minister for Humanitarian Action",
        ),
        (
            "le coordinateur humanitaire des Nations unies",
            "la coordinatrice humanitaire des Nations unies",
            "the UN humanitarian coordinator",
        ),
        (
            "le directeur régional d’une ONG internationale",
            "la directrice régionale d’une ONG internationale",
            "the regional director of an international NGO",
        ),
    ),
    "society": (
        (
            "le ministre de l’Éducation nationale",
            "la ministre de l’Éducation nationale",
            "the Education Minister",
        ),
        ("le ministre des Transports", "la ministre des Transports", "the Transport Minister"),
        ("le ministre de la Culture", "la ministre de la Culture", "the Culture Minister"),
        ("le ministre des Sports", "la ministre des Sports", "the Sports Minister"),
    ),
    "technology": (
        (
            "le ministre de l’Économie numérique",
            "la ministre de l’Économie numérique",
            "the Minister of the Digital Economy",
        ),
        (
            "le directeur de l’Autorité de régulation des télécommunications",
            "la directrice de l’Autorité de régulation des télécommunications",
            "the head of the telecoms regulator",
        ),
    ),
}
VOICE_ROLES: tuple[Role, ...] = (
    (
        "le chef de file de l’opposition",
        "la cheffe de file de l’opposition",
        "the opposition leader",
    ),
    ("un député de l’opposition", "une députée de l’opposition", "an opposition MP"),
    ("un analyste politique", "une analyste politique", "a political analyst"),
    (
        "un chercheur spécialiste de la région",
        "une chercheuse spécialiste de la région",
        "a researcher specialising in the region",
    ),
    ("un ancien ministre", "une ancienne ministre", "a former minister"),
    (
        "le secrétaire général du principal syndicat",
        "la secrétaire générale du principal syndicat",
        "the general secretary of the main trade union",
    ),
    (
        "un responsable de la société civile",
        "une responsable de la société civile",
        "a civil society leader",
    ),
    ("un avocat au barreau de la capitale", "une avocate au barreau de la capitale", "a lawyer"),
)

# Organisations: key -> (French, English, regions it acts in or None, tag)
ORGS: dict[str, tuple[str, str, tuple[str, ...] | None, str | None]] = {
    "au": ("l’Union africaine", "the African Union", ("africa",), "african-union"),
    "ecowas": ("la Cédéao", "Ecowas", ("africa",), None),
    "eac": ("la Communauté d’Afrique de l’Est", "the East African Community", ("africa",), None),
    "eu": ("l’Union européenne", "the European Union", None, "european-union"),
    "un": ("l’ONU", "the UN", None, "united-nations"),
    "nato": ("l’Otan", "Nato", ("europe", "americas"), None),
    "arab-league": ("la Ligue arabe", "the Arab League", ("middle-east", "africa"), None),
    "oif": (
        "l’Organisation internationale de la francophonie",
        "the International Organisation of La Francophonie",
        ("africa", "europe", "americas"),
        None,
    ),
    "imf": ("le FMI", "the IMF", None, None),
    "world-bank": ("la Banque mondiale", "the World Bank", None, None),
    "afdb": ("la Banque africaine de développement", "the African Development Bank", ("africa",),
             None),
    "wto": ("l’Organisation mondiale du commerce", "the World Trade Organization", None, None),
    "who": ("l’OMS", "the WHO", None, None),
    "unicef": ("l’Unicef", "Unicef", None, None),
    "msf": ("Médecins sans frontières", "Doctors Without Borders", None, None),
    "opec": ("l’Opep", "Opec", None, None),
    "iea": ("l’Agence internationale de l’énergie", "the International Energy Agency", None, None),
    "icc": ("la Cour pénale internationale", "the International Criminal Court", None, None),
    "amnesty": ("Amnesty International", "Amnesty International", None, None),
    "hrw": ("Human Rights Watch", "Human Rights Watch", None, None),
    "unhcr": ("le HCR", "UNHCR", None, None),
    "iom": ("l’OIM", "the IOM", None, None),
    "wfp": ("le PAM", "the WFP", None, None),
    "icrc": ("le Comité international de la Croix-Rouge",
             "the International Committee of the Red Cross", None, None),
    "itu": ("l’Union internationale des télécommunications",
            "the International Telecommunication Union", None, None),
    "unep": ("le Programme des Nations unies pour l’environnement",
             "the UN Environment Programme", None, None),
    "ipcc": ("le Giec", "the IPCC", None, None),
    "unesco": ("l’Unesco", "Unesco", None, None),
}  # fmt: skip
TOPIC_ORGS: dict[str, tuple[str, ...]] = {
    "politics": ("au", "ecowas", "eac", "eu", "un", "oif"),
    "security": ("un", "au", "ecowas", "nato", "eu"),
    "economy": ("imf", "world-bank", "afdb", "wto", "eu"),
    "energy": ("opec", "iea", "world-bank", "afdb"),
    "diplomacy": ("au", "eu", "un", "ecowas", "eac", "arab-league", "oif"),
    "health": ("who", "unicef", "msf"),
    "environment": ("unep", "ipcc", "world-bank", "eu"),
    "justice": ("icc", "amnesty", "hrw", "un"),
    "humanitarian": ("unhcr", "iom", "wfp", "icrc", "unicef"),
    "technology": ("itu", "world-bank", "eu"),
    "society": ("unesco", "unicef", "world-bank", "au"),
}
PARTIES: tuple[tuple[str, str], ...] = (
    ("le Rassemblement pour la démocratie et le progrès", "the Rally for Democracy and Progress"),
    ("le Parti du renouveau national", "the National Renewal Party"),
    ("l’Union des forces du changement", "the Union of Forces for Change"),
    ("le Mouvement pour la justice sociale", "the Movement for Social Justice"),
    ("l’Alliance citoyenne pour la refondation", "the Citizens’ Alliance for Rebuilding"),
    ("le Front populaire républicain", "the Republican Popular Front"),
    ("la Convergence démocratique", "the Democratic Convergence"),
    ("le Parti écologiste et solidaire", "the Green and Solidarity Party"),
)
FIRMS: tuple[str, ...] = (
    "Sahel Gold Resources",
    "Atlantic Offshore Energy",
    "Kora Mining",
    "Nile Power",
    "Baobab Pay",
    "Savanna Telecom",
    "Lumina Solar",
    "Tana Petroleum",
    "Meridian LNG",
    "Great Lakes Minerals",
    "Zenith Cement",
    "Harmattan Capital",
    "Ocean Link Systems",
    "Kivu Energy",
    "Delta Agro",
    "Orion Logistics",
)
# Armed groups: (French, English, countries where they act; empty for anywhere)
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("le groupe État islamique au Sahel", "the Islamic State Sahel Province",
     ("mali", "niger", "burkina-faso")),
    ("le Groupe de soutien à l’islam et aux musulmans",
     "the Group for the Support of Islam and Muslims", ("mali", "burkina-faso", "niger", "benin")),
    ("le groupe jihadiste Boko Haram", "the jihadist group Boko Haram",
     ("nigeria", "niger", "chad", "cameroon")),
    ("le groupe État islamique en Afrique de l’Ouest", "the Islamic State West Africa Province",
     ("nigeria", "niger", "chad", "cameroon")),
    ("le mouvement rebelle M23", "the M23 rebel movement", ("dr-congo", "rwanda", "uganda")),
    ("le groupe armé ADF", "the ADF armed group", ("dr-congo", "uganda")),
    ("le groupe shebab", "the al-Shabaab group", ("somalia", "kenya", "ethiopia")),
    ("une coalition de groupes armés", "a coalition of armed groups", ()),
    ("une milice d’autodéfense", "a self-defence militia", ()),
    ("un groupe armé non identifié", "an unidentified armed group", ()),
)  # fmt: skip
SOURCES = ("RFI", "AFP", "Reuters", "Jeune Afrique", "Le Monde", "BBC", "Associated Press")
SOURCE_WEIGHTS = (30, 25, 15, 10, 8, 7, 5)

# --------------------------------------------------------------------------------------------
# Figures, drawn afresh for every sentence so one story does not repeat the same number.
FR_SMALL = ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
EN_SMALL = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --------------------------------------------------------------------------------------------
# The growing vocabulary. Real news text keeps meeting words it has not seen: names of people,
# villages, associations and companies, case and flight numbers, rare words. Their number
# grows with the archive roughly as Heaps' law says (about 30,000 distinct words at 1,000
# stories, 70,000 at 5,000), while the sentence bank alone saturates at ~3,500 index terms.
# So the [detail] sentences of the bank name entries drawn from endless invented pools:
# entry k of a pool is a word built from k (a bijection, so entries never collide), and k is
# drawn from a heavy-tailed (Zipf-like) law, so a few entries recur across many stories and
# most appear once or twice, as in real text. Proper names read the same in both languages;
# a rare word has a French and an English form built from one root (drovelisme /
# drovelism), so the translation stays a translation and both indexes grow alike.

# Consonant-vowel syllables of names from many traditions; 400 of them.
_ONSETS = (
    "b", "d", "g", "k", "m", "n", "s", "t", "r", "l", "f", "y", "w", "z", "j", "v", "p", "h",
    "ch", "nd", "mb", "ng", "kw", "dj",
)  # fmt: skip
_NUCLEI = ("a", "e", "i", "o", "u", "ou", "ai", "é", "ia", "o", "ue", "an", "in", "ar", "el", "ol")
SYLLABLES = tuple(dict.fromkeys(o + n for o in _ONSETS for n in _NUCLEI))
_ENDINGS = ("", "", "", "n", "r", "l", "k", "s", "m", "t")
# Rare-word suffixes, French and English: one root gives a word in each language.
RARE_SUFFIXES = (
    ("isme", "ism"), ("iste", "ist"), ("ation", "ation"), ("ité", "ity"), ("ique", "ic"),
    ("age", "age"), ("ure", "ure"), ("eur", "er"), ("ement", "ment"), ("ose", "osis"),
    ("ie", "y"), ("ine", "ine"), ("ial", "ial"), ("oir", "ory"),
)  # fmt: skip
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# Organisation kinds: (French with article, English with article), "{}" the invented name.
ORG_KINDS = (
    ("l’association {}", "the {} association"),
    ("la fondation {}", "the {} Foundation"),
    ("le collectif {}", "the {} collective"),
    ("la coopérative {}", "the {} cooperative"),
    ("le syndicat {}", "the {} union"),
    ("l’institut {}", "the {} Institute"),
    ("le réseau {}", "the {} network"),
)
LEXICON_SLOTS = (
    "x_who", "x_who2", "x_town", "x_town2", "x_org", "x_acr", "x_firm", "x_firm2", "x_code",
    "x_ref", "x_word", "x_word2",
)  # fmt: skip


def _scramble(k: int, size: int) -> int:
    """A bijection of range(size) (size is a power of a number coprime to the multiplier), so
    neighbouring entries do not look alike."""
    return (k * 2_654_435_761 + 97_531) % size


def _syllables(k: int, count: int) -> str:
    size = len(SYLLABLES) ** count
    n = _scramble(k % size, size)
    parts = []
    for _ in range(count):
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


@cache
def invented_name(k: int) -> str:
    """Entry k of the pool of proper names (people's surnames, places, companies): 'Kwandimou'."""
    syllables = 2 + k % 2
    return (_syllables(k // 2, syllables) + _ENDINGS[(k // 7) % len(_ENDINGS)]).capitalize()


@cache
def rare_word(k: int) -> tuple[str, str]:
    """Entry k of the pool of rare words, French and English: ('drovelisme', 'drovelism')."""
    fr_suffix, en_suffix = RARE_SUFFIXES[k % len(RARE_SUFFIXES)]
    root = _syllables(k // len(RARE_SUFFIXES) + 7_919, 2 + (k // 3) % 2)
    return root + fr_suffix, root + en_suffix


def acronym(k: int) -> str:
    """Entry k of the pool of acronyms: 3 to 5 capitals."""
    letters = []
    n = _scramble(k, len(_LETTERS) ** 5)
    for _ in range(3 + k % 3):
        n, digit = divmod(n, len(_LETTERS))
        letters.append(_LETTERS[digit])
    return "".join(letters)


ZIPF_SHAPE = 2.2


def zipf_rank(rng: random.Random, scale: float, shape: float = ZIPF_SHAPE) -> int:
    """A rank from a heavy-tailed law (Pareto II): small ranks recur, large ones are rare.
    The number of distinct ranks among N draws grows about as N ** (1 / (1 + shape))."""
    return int(scale * ((1.0 - rng.random()) ** (-1.0 / shape) - 1.0))


# How widely each pool spreads: larger scales give more distinct entries for as many draws.
# The weight of detail sentences in a body, against 77 for the bank's other kinds together.
DETAIL_WEIGHT = 60
# Tuned so that each language has about 30,000 distinct index terms at 1,000 stories and
# 70,000 at 5,000 (briefing.search_text.terms, as the search index counts them).
POOL_SCALES = {"name": 9_000.0, "word": 30_000.0, "acronym": 500.0, "code": 5_000.0}


def lexicon_value(rng: random.Random, slot: str, year: int) -> Texts:
    """A fresh value for one of the LEXICON_SLOTS, in both languages."""
    kind = slot.removeprefix("x_").rstrip("2")
    if kind in ("town", "firm"):
        name = invented_name(zipf_rank(rng, POOL_SCALES["name"]))
        return {"fr": name, "en": name}
    if kind == "who":
        men, women, _ = NAMES[rng.choice(list(NAMES))]
        first = rng.choice((women if rng.random() < 0.4 else men).split())
        name = f"{first} {invented_name(zipf_rank(rng, POOL_SCALES['name']))}"
        return {"fr": name, "en": name}
    if kind == "org":
        fr, en = ORG_KINDS[rng.randrange(len(ORG_KINDS))]
        name = invented_name(zipf_rank(rng, POOL_SCALES["name"]))
        return {"fr": fr.format(name), "en": en.format(name)}
    if kind == "acr":
        text = acronym(zipf_rank(rng, POOL_SCALES["acronym"]))
        return {"fr": text, "en": text}
    if kind == "code":
        k = zipf_rank(rng, POOL_SCALES["code"])
        text = f"{acronym(k // 900)[:2]}{100 + k % 900}"
        return {"fr": text, "en": text}
    if kind == "ref":
        number = f"{year - rng.randrange(3)}-{rng.randrange(1, 10_000):04d}"
        return {"fr": number, "en": number}
    fr, en = rare_word(zipf_rank(rng, POOL_SCALES["word"]))
    return {"fr": fr, "en": en}


# Placeholder -> the entity or figure it names. A French line and its English line must name
# the same ones; grammar-only placeholders belong to one language.
GROUP_OF: dict[str, str] = {
    **dict.fromkeys(("c", "le_c", "au_c", "c_ms", "c_fs", "c_mp", "c_fp", "c_adj"), "c"),
    **dict.fromkeys(("le_d", "au_d", "d_ms", "d_fs", "d_mp", "d_fp", "d_adj"), "d"),
    **dict.fromkeys(("p", "p_ref", "p_role", "il", "e", "he", "his", "him"), "p"),
    **dict.fromkeys(("q", "q_role", "q_il", "qe", "q_he", "q_his"), "q"),
    "cap": "cap",
    "dcap": "dcap",
    "city": "city",
    "l_o": "o",
    "le_party": "party",
    "firm": "firm",
    "group": "group",
    **{
        key: key
        for key in [
            "small",
            "n",
            "n3",
            "big",
            "pct",
            "pct2",
            "share",
            "money",
            "deg",
            "rank",
            "since",
            "year",
            "prev_year",
            "next_year",
            "weekday",
            "date",
            "month",
            *LEXICON_SLOTS,
        ]
    },
}
ONLY_IN: dict[str, str] = {
    **dict.fromkeys(
        ("c_ms", "c_fs", "c_mp", "c_fp", "d_ms", "d_fs", "d_mp", "d_fp", "il", "e"), "fr"
    ),
    **dict.fromkeys(("q_il", "qe"), "fr"),
    **dict.fromkeys(("c_adj", "d_adj", "he", "his", "him", "q_he", "q_his"), "en"),
}
# Groups filled once per story from its cast; every other group is a figure, drawn per sentence.
ENTITY_GROUPS = frozenset(
    ("c", "d", "p", "q", "cap", "dcap", "city", "o", "party", "firm", "group")
)
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
# A French preposition before a placeholder is contracted or elided with the value.
FR_SLOT_RE = re.compile(r"(?:\b(de|De|à|À|que|Que) )?\{(\w+)\}")
FR_VOWELS = (*"aeiouéèêëàâîïôûœAEIOUÉÈÊËÀÂÎÏÔÛŒ", "Haïti")


# --------------------------------------------------------------------------------------------
# The sentence bank


@dataclass(frozen=True)
class Template:
    kind: str  # title, lead, body, quote, seed
    topic: str
    text: Texts
    figures: frozenset[str] = frozenset()  # the figure placeholders it names


@dataclass
class Bank:
    """Parallel templates by kind and topic, in file order."""

    sections: dict[tuple[str, str], list[Template]] = field(default_factory=dict)

    def get(self, kind: str, topic: str) -> list[Template]:
        return self.sections.get((kind, topic), [])

    def __len__(self) -> int:
        return sum(len(templates) for templates in self.sections.values())


def _read_sections(path: Path) -> list[tuple[tuple[str, str], list[str]]]:
    sections: list[tuple[tuple[str, str], list[str]]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind, _, topic = line[1:-1].partition(" ")
            sections.append(((kind, topic or "general"), []))
        elif not sections:
            raise ValueError(f"{path}:{number}: text before the first [section]")
        else:
            sections[-1][1].append(line)
    return sections


def _placeholders(text: str) -> list[str]:
    return [name[:1].lower() + name[1:] for name in PLACEHOLDER_RE.findall(text)]


def _check_pair(where: str, texts: Texts) -> None:
    """Both lines name the same entities and figures, each with placeholders of its language."""
    groups: dict[str, set[str]] = {}
    for lang, text in texts.items():
        for name in _placeholders(text):
            if name not in GROUP_OF or ONLY_IN.get(name, lang) != lang:
                raise ValueError(f"{where} ({lang}): unknown placeholder {{{name}}}")
        groups[lang] = {GROUP_OF[name] for name in _placeholders(text)}
    if groups["fr"] != groups["en"]:
        raise ValueError(
            f"{where}: the French and English lines differ in what they name "
            f"(fr {sorted(groups['fr'])}, en {sorted(groups['en'])}):\n  {texts['fr']}\n  "
            f"{texts['en']}"
        )


def load_bank(folder: Path = HERE) -> Bank:
    """Read sentences_fr.txt and sentences_en.txt; refuse them unless they are aligned."""
    by_lang = {lang: _read_sections(folder / f"sentences_{lang}.txt") for lang in LANGS}
    if [key for key, _ in by_lang["fr"]] != [key for key, _ in by_lang["en"]]:
        raise ValueError("sentences_fr.txt and sentences_en.txt have different sections")
    bank = Bank()
    for (key, fr_lines), (_, en_lines) in zip(by_lang["fr"], by_lang["en"], strict=True):
        if len(fr_lines) != len(en_lines):
            raise ValueError(
                f"[{' '.join(key)}]: {len(fr_lines)} French lines, {len(en_lines)} English"
            )
        for number, (fr, en) in enumerate(zip(fr_lines, en_lines, strict=True), 1):
            texts = {"fr": fr, "en": en}
            _check_pair(f"[{' '.join(key)}] line {number}", texts)
            names = {GROUP_OF[name] for text in texts.values() for name in _placeholders(text)}
            template = Template(key[0], key[1], texts, frozenset(names & FIGURES))
            bank.sections.setdefault(key, []).append(template)
    return bank


# --------------------------------------------------------------------------------------------
# Filling placeholders


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lookup(values: dict[str, str], name: str) -> str:
    if name in values:
        return values[name]
    lower = name[:1].lower() + name[1:]
    if lower != name and lower in values:
        return _capitalize(values[lower])
    raise KeyError(name)


def _french_slot(prep: str | None, value: str) -> str:
    """'de' + 'le Mali' -> 'du Mali', 'de' + 'Abidjan' -> 'd’Abidjan', 'à' + 'les' -> 'aux'."""
    if not prep:
        return value
    lower = prep.lower()
    article, _, rest = value.partition(" ")
    if lower in ("de", "à") and article in ("le", "Le", "les", "Les") and rest:
        plural = article.lower() == "les"
        merged = {"de": ("du", "des"), "à": ("au", "aux")}[lower][plural]
        return f"{_capitalize(merged) if prep[0].isupper() else merged} {rest}"
    if lower in ("de", "que") and value.startswith(FR_VOWELS):
        return f"{prep[:-1]}’{value}"
    return f"{prep} {value}"


def render(template: str, values: dict[str, str], lang: str) -> str:
    """Fill a template's placeholders with `values` (one language's)."""
    if lang == "fr":
        return FR_SLOT_RE.sub(
            lambda m: _french_slot(m.group(1), _lookup(values, m.group(2))), template
        )
    return PLACEHOLDER_RE.sub(lambda m: _lookup(values, m.group(1)), template)


def _fr_number(value: float, decimals: int = 1) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _thousands(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", " ") if lang == "fr" else text


def _ordinal_en(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _money(rng: random.Random) -> Texts:
    currency = rng.choices(("usd", "eur", "xof"), (5, 3, 2))[0]
    if rng.random() < 0.5:
        amount = rng.randrange(10, 951, 5)
        fr_amount, en_amount = f"{amount} millions", f"{amount} million"
    else:
        amount_f = rng.randint(11, 250) / 10
        word = "milliard" if amount_f < 2 else "milliards"
        fr_amount, en_amount = f"{_fr_number(amount_f)} {word}", f"{amount_f:.1f} billion"
    if currency == "usd":
        return {"fr": f"{fr_amount} de dollars", "en": f"${en_amount}"}
    if currency == "eur":
        return {"fr": f"{fr_amount} d’euros", "en": f"€{en_amount}"}
    return {"fr": f"{fr_amount} de francs CFA", "en": f"{en_amount} CFA francs"}


def _figure(rng: random.Random, name: str, year: int, month: int) -> Texts:
    """A fresh value of one figure placeholder, in both languages."""
    if name in LEXICON_SLOTS:
        return lexicon_value(rng, name, year)
    if name == "money":
        return _money(rng)
    if name == "small":
        small = rng.randrange(len(FR_SMALL))
        return {"fr": FR_SMALL[small], "en": EN_SMALL[small]}
    if name == "big":
        big = rng.randrange(1_000, 95_001, 50)
        return {lang: _thousands(big, lang) for lang in LANGS}
    if name in ("pct", "pct2"):
        pct = rng.randint(5, 150) / 10
        return {"fr": f"{_fr_number(pct)} %", "en": f"{pct:.1f}%"}
    if name == "share":
        share = rng.randint(20, 85)
        return {"fr": f"{share} %", "en": f"{share}%"}
    if name == "rank":
        rank = rng.randint(20, 170)
        return {"fr": f"{rank}e", "en": _ordinal_en(rank)}
    if name == "weekday":
        weekday = rng.randrange(7)
        return {"fr": FR_DAYS[weekday], "en": f"on {EN_DAYS[weekday]}"}
    if name == "date":
        day = rng.randint(1, 28)
        return {
            "fr": f"le {'1er' if day == 1 else day} {FR_MONTHS[month - 1]}",
            "en": f"on {day} {EN_MONTHS[month - 1]}",
        }
    if name == "month":
        other_month = rng.randrange(12)
        return {"fr": FR_MONTHS[other_month], "en": EN_MONTHS[other_month]}
    same = {
        "n": lambda: rng.randint(11, 99),
        "n3": lambda: rng.randint(100, 999),
        "deg": lambda: rng.randint(38, 49),
        "since": lambda: rng.randint(2005, year - 1),
        "year": lambda: year,
        "prev_year": lambda: year - 1,
        "next_year": lambda: year + 1,
    }[name]()
    return {"fr": str(same), "en": str(same)}


FIGURES = frozenset(
    name for name, group in GROUP_OF.items() if group == name and name not in ENTITY_GROUPS
)


def figure_values(
    rng: random.Random, year: int, month: int, names: frozenset[str] = FIGURES
) -> dict[str, Texts]:
    """Fresh figures for one sentence (those in `names`), by language: drawn afresh for every
    sentence, so one story does not repeat the same number."""
    values: dict[str, Texts] = {lang: {} for lang in LANGS}
    for name in sorted(names):
        for lang, text in _figure(rng, name, year, month).items():
            values[lang][name] = text
    return values


def _person(rng: random.Random, pool: str) -> Person:
    men, women, surnames = (part.split() for part in NAMES[pool])
    female = rng.random() < 0.4
    first = rng.choice(women if female else men)
    # Two-word surnames ("El Amrani") are written "El_Amrani" in the pool, which splits on spaces.
    surname = rng.choice(surnames).replace("_", " ")
    return Person(name=f"{first} {surname}", surname=surname, female=female)


def _role(role: Role, female: bool) -> Texts:
    fr = role[1] if female else role[0]
    en = role[3] if female and len(role) > 3 else role[2]
    return {"fr": fr, "en": en}


def _country_values(country: Country, prefix: str) -> dict[str, Texts]:
    masculine, feminine = country.adj_fr
    plural_m = masculine if masculine.endswith(("s", "x")) else masculine + "s"
    bare_fr = re.sub(r"^(le |la |les |l’)", "", country.fr)
    bare_en = country.en.removeprefix("the ")
    return {
        "fr": {
            prefix: bare_fr,
            f"le_{prefix}": country.fr,
            f"au_{prefix}": country.fr_in,
            f"{prefix}_ms": masculine,
            f"{prefix}_fs": feminine,
            f"{prefix}_mp": plural_m,
            f"{prefix}_fp": feminine + "s",
        },
        "en": {
            prefix: bare_en,
            f"le_{prefix}": country.en,
            f"au_{prefix}": f"in {country.en}",
            f"{prefix}_adj": country.adj_en,
        },
    }


@dataclass(frozen=True)
class Cast:
    """Who and where a story is about."""

    topic: str
    second_topic: str
    country: Country
    other: Country
    city: tuple[str, str]
    lead: Person
    voice: Person
    org: str
    group: tuple[str, str]
    values: dict[str, Texts]


def _pick_country(rng: random.Random) -> Country:
    region = rng.choices(list(REGION_WEIGHTS), list(REGION_WEIGHTS.values()))[0]
    # Plural names ("les États-Unis") only appear as the second country: see Country.plural.
    return rng.choice([c for c in COUNTRIES if c.region == region and not c.plural])


def _pick_other(rng: random.Random, country: Country) -> Country:
    if country.key != "france" and rng.random() < 0.3:
        return COUNTRY["france"]
    neighbours = [c for c in COUNTRIES if c.region == country.region and c is not country]
    pool = neighbours if rng.random() < 0.5 else [c for c in COUNTRIES if c is not country]
    return rng.choice(pool)


def _pick_org(rng: random.Random, topic: str, region: str) -> str:
    keys = [k for k in TOPIC_ORGS[topic] if ORGS[k][2] is None or region in ORGS[k][2]]
    return rng.choice(keys or ["un"])


def _pick_group(rng: random.Random, country: Country) -> tuple[str, str]:
    local = [(fr, en) for fr, en, where in GROUPS if country.key in where]
    anywhere = [(fr, en) for fr, en, where in GROUPS if not where]
    return rng.choice(local if local and rng.random() < 0.8 else anywhere)


def make_cast(rng: random.Random) -> Cast:
    topic = rng.choices(TOPICS, TOPIC_WEIGHTS)[0]
    second_topic = rng.choice([t for t in TOPICS if t != topic])
    country = _pick_country(rng)
    other = _pick_other(rng, country)
    city = rng.choice(country.cities)
    lead, voice = _person(rng, country.names), _person(rng, country.names)
    lead_role = _role(rng.choice(TOPIC_ROLES[topic]), lead.female)
    voice_role = _role(rng.choice(VOICE_ROLES), voice.female)
    org = _pick_org(rng, topic, country.region)
    group = _pick_group(rng, country)
    party = rng.choice(PARTIES)
    firm = rng.choice(FIRMS)
    values: dict[str, Texts] = {lang: {} for lang in LANGS}
    for prefix, place in (("c", country), ("d", other)):
        for lang, forms in _country_values(place, prefix).items():
            values[lang].update(forms)
    for index, lang in enumerate(LANGS):
        values[lang].update(
            cap=country.capital[index],
            dcap=other.capital[index],
            city=city[index],
            p=lead.name,
            q=voice.name,
            p_role=lead_role[lang],
            q_role=voice_role[lang],
            l_o=ORGS[org][index],
            le_party=party[index],
            firm=firm,
            group=group[index],
        )
    values["fr"].update(
        p_ref=("Mme " if lead.female else "M. ") + lead.surname,
        il="elle" if lead.female else "il",
        e="e" if lead.female else "",
        q_il="elle" if voice.female else "il",
        qe="e" if voice.female else "",
    )
    values["en"].update(
        p_ref=("Ms " if lead.female else "Mr ") + lead.surname,
        he="she" if lead.female else "he",
        his="her" if lead.female else "his",
        him="her" if lead.female else "him",
        q_he="she" if voice.female else "he",
        q_his="her" if voice.female else "his",
    )
    return Cast(topic, second_topic, country, other, city, lead, voice, org, group, values)


# --------------------------------------------------------------------------------------------
# Stories


@dataclass
class Story:
    key: str
    date: str
    year: int
    title: Texts
    summary: Texts
    body: Texts
    category: str  # taxonomy key
    tags: list[str]  # taxonomy keys
    author: str
    source: str
    source_url: str
    langs: tuple[str, ...]
    slug: Texts = field(default_factory=dict)


def _fill(rng: random.Random, template: Template, cast: Cast, year: int, month: int) -> Texts:
    figures = figure_values(rng, year, month, template.figures)
    return {
        lang: render(template.text[lang], {**cast.values[lang], **figures[lang]}, lang)
        for lang in LANGS
    }


_COUNTED_RE = re.compile(r"\S*[^\W_]\S*")


def word_count(text: str) -> int:
    """Whitespace-separated words holding a letter or digit (punctuation alone is no word)."""
    return len(_COUNTED_RE.findall(text))


def _title(rng: random.Random, bank: Bank, cast: Cast, year: int, month: int) -> Texts:
    """A title of 6 to 12 words in both languages (names can push a template out of range)."""
    titles = bank.get("title", cast.topic)
    texts = _fill(rng, rng.choice(titles), cast, year, month)
    for _ in range(12):
        if all(6 <= word_count(text) <= 12 for text in texts.values()):
            break
        texts = _fill(rng, rng.choice(titles), cast, year, month)
    return texts


class SentenceSource:
    """Draws a story's sentences: mostly its topic, some general context, quotes, a second
    topic, and detail sentences naming the growing vocabulary.

    Pools are drawn without replacement, so a sentence appears once per story, and refilled
    only if a very long story exhausts them all; detail templates may recur (their names
    differ every time), so that pool refills as soon as it is empty.
    """

    WEIGHTS: ClassVar[dict[str, int]] = {
        "topic": 40,
        "general": 18,
        "second": 9,
        "quote": 10,
        "detail": DETAIL_WEIGHT,
    }

    def __init__(self, rng: random.Random, bank: Bank, cast: Cast) -> None:
        self.rng = rng
        self.templates = {
            "topic": bank.get("body", cast.topic),
            "general": bank.get("body", "general"),
            "second": bank.get("body", cast.second_topic),
            "quote": bank.get("quote", "general"),
            "detail": bank.get("detail", "general"),
        }
        self.pools: dict[str, list[Template]] = {name: [] for name in self.templates}
        self._refill(self.templates)

    def _refill(self, names: Iterable[str]) -> None:
        for name in names:
            pool = list(self.templates[name])
            self.rng.shuffle(pool)
            self.pools[name] = pool

    def next(self) -> Template:
        if not self.pools["detail"]:
            self._refill(["detail"])
        names = [name for name, pool in self.pools.items() if pool]
        if names == ["detail"]:
            self._refill(self.templates)
            names = list(self.pools)
        name = self.rng.choices(names, [self.WEIGHTS[n] for n in names])[0]
        return self.pools[name].pop()


def _apostrophes(rng: random.Random, text: str) -> str:
    # Real French copy mixes typographic and straight apostrophes (the seed story does).
    return text.replace("’", "'") if rng.random() < 0.04 else text


def _body(
    rng: random.Random, bank: Bank, cast: Cast, lead: Template, words: int, year: int, month: int
) -> Texts:
    sentences = [_fill(rng, lead, cast, year, month)]
    source = SentenceSource(rng, bank, cast)
    # The target is the mean of the two languages: French runs about 10% longer than English.
    target = 2 * words * rng.uniform(0.9, 1.1)
    total = word_count(sentences[0]["fr"]) + word_count(sentences[0]["en"])
    while total < target:
        sentences.append(_fill(rng, source.next(), cast, year, month))
        total += word_count(sentences[-1]["fr"]) + word_count(sentences[-1]["en"])
    if cast.country.key == "rwanda" and cast.topic in ("security", "diplomacy"):
        seed = bank.get("seed", "rwanda")
        start = rng.randrange(len(seed) - 2)
        at = rng.randint(1, len(sentences))
        sentences[at:at] = [dict(t.text) for t in seed[start : start + 3]]
    bounds = _paragraphs(rng, len(sentences))
    return {
        lang: "\n\n".join(
            " ".join(
                _apostrophes(rng, s[lang]) if lang == "fr" else s[lang] for s in sentences[a:b]
            )
            for a, b in bounds
        )
        for lang in LANGS
    }


def _paragraphs(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """5 to 8 paragraphs of roughly equal length: (start, end) sentence indexes."""
    paragraphs = min(rng.randint(5, 8), count)
    cuts: list[int] = []
    for number in range(1, paragraphs):
        cut = round(number * count / paragraphs) + rng.choice((-1, 0, 0, 1))
        low = cuts[-1] + 1 if cuts else 1
        cuts.append(min(max(cut, low), count - (paragraphs - number)))
    return list(zip([0, *cuts], [*cuts, count], strict=True))


def _tags(rng: random.Random, cast: Cast) -> list[str]:
    tags: list[str] = []
    if cast.country.tag:
        tags.append(cast.country.tag)
    topic_tags = list(TOPIC_TAGS[cast.topic])
    tags += rng.sample(topic_tags, min(len(topic_tags), rng.randint(1, 2)))
    if cast.topic == "security" and cast.country.key in SAHEL:
        tags.append("sahel")
    if cast.other.tag and rng.random() < 0.4:
        tags.append(cast.other.tag)
    org_tag = ORGS[cast.org][3]
    if org_tag and rng.random() < 0.5:
        tags.append(org_tag)
    return list(dict.fromkeys(tags))[:5]


def _category(rng: random.Random, cast: Cast) -> str:
    if cast.topic in TOPIC_CATEGORY and rng.random() < 0.35:
        return TOPIC_CATEGORY[cast.topic]
    if cast.country.region not in ("africa", "europe") and rng.random() < 0.25:
        return "world"
    return REGION_CATEGORY[cast.country.region]


def _date(rng: random.Random) -> tuple[str, int, int]:
    start = date(2019, 1, 1)
    day = start + timedelta(days=rng.randrange((date(2025, 12, 31) - start).days + 1))
    text = day.strftime("%Y-%m") if rng.random() < 0.08 else day.isoformat()
    return text, day.year, day.month


def make_story(rng: random.Random, bank: Bank, words: int) -> Story:
    """One story in both languages; slugs and key are given by the caller, which sees them all."""
    cast = make_cast(rng)
    date_text, year, month = _date(rng)
    leads = bank.get("lead", cast.topic)
    lead, summary = rng.sample(leads, 2) if len(leads) > 1 else (leads[0], leads[0])
    title = _title(rng, bank, cast, year, month)
    summary_texts = _fill(rng, summary, cast, year, month)
    body = _body(rng, bank, cast, lead, words, year, month)
    author = ""
    if rng.random() < 0.25:
        author = _person(rng, rng.choice(("fr", "wa", "ca"))).name
    source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
    return Story(
        key="",
        date=date_text,
        year=year,
        title=title,
        summary=summary_texts,
        body=body,
        category=_category(rng, cast),
        tags=_tags(rng, cast),
        author=author,
        source=source,
        source_url="",
        langs=LANGS,
    )


# --------------------------------------------------------------------------------------------
# Slugs, taxonomy and files

STOP_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "de",
        "des",
        "du",
        "d",
        "un",
        "une",
        "et",
        "a",
        "au",
        "aux",
        "en",
        "the",
        "of",
        "an",
        "and",
        "to",
        "in",
        "for",
        "on",
        "its",
        "with",
        "by",
        "at",
        "from",
    ]
)


def slugify(text: str, max_words: int = 8) -> str:
    """'Fin de la visite d’une délégation…' -> 'fin-visite-une-delegation…'.

    ASCII, without stop words, at most `max_words` words.
    """
    # Apostrophes separate words ("l’Algérie" -> "l algerie"), they are not dropped.
    spaced = text.replace("’", " ").replace("'", " ")
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text) if w not in STOP_WORDS]
    return "-".join(words[:max_words]) or "story"


def _unique(slug: str, seen: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in seen:
        candidate, number = f"{slug}-{number}", number + 1
    seen.add(candidate)
    return candidate


def taxonomy_terms() -> dict[str, dict[str, tuple[str, str, str, str]]]:
    """Every category and tag of the generated taxonomy, real ones first."""
    data = tomllib.loads((REAL_CONTENT / "taxonomy.toml").read_text(encoding="utf-8"))
    terms: dict[str, dict[str, tuple[str, str, str, str]]] = {}
    for kind, extra in (("categories", EXTRA_CATEGORIES), ("tags", EXTRA_TAGS)):
        real = {
            key: (e["fr"]["label"], e["fr"]["slug"], e["en"]["label"], e["en"]["slug"])
            for key, e in data.get(kind, {}).items()
        }
        terms[kind] = {**real, **{k: v for k, v in extra.items() if k not in real}}
    return terms


def taxonomy_text() -> str:
    """The real taxonomy.toml, with the benchmark's extra terms appended."""
    real = (REAL_CONTENT / "taxonomy.toml").read_text(encoding="utf-8")
    data = tomllib.loads(real)
    lines = [
        real.rstrip("\n"),
        "",
        "# Added by tests/benchmarks/corpus.py for the synthetic corpus.",
    ]
    for kind, extra in (("categories", EXTRA_CATEGORIES), ("tags", EXTRA_TAGS)):
        for key, (fr_label, fr_slug, en_label, en_slug) in extra.items():
            if key in data.get(kind, {}):
                continue
            lines += [
                "",
                f"[{kind}.{key}]",
                f'fr = {{ label = "{fr_label}", slug = "{fr_slug}" }}',
                f'en = {{ label = "{en_label}", slug = "{en_slug}" }}',
            ]
    return "\n".join(lines) + "\n"


def story_file(story: Story, lang: str, labels: dict[str, dict[str, tuple[str, ...]]]) -> str:
    """A story file exactly in the format of content/fr/2022/… (README: "The fields of a story")."""
    index = 0 if lang == "fr" else 2
    fields = [
        ("Title", story.title[lang]),
        ("Date", story.date),
        ("Lang", lang),
        ("Slug", story.slug[lang]),
        ("Translation_key", story.key),
        ("Category", labels["categories"][story.category][index]),
        ("Tags", ", ".join(labels["tags"][tag][index] for tag in story.tags)),
        ("Summary", story.summary[lang]),
        ("Author", story.author),
        ("Source", story.source),
        ("Source_url", story.source_url),
    ]
    header = "\n".join(f"{name}: {value}" if value else f"{name}:" for name, value in fields)
    return f"{header}\n\n{story.body[lang]}\n"


def _finish(story: Story, rng: random.Random, seen: dict[str, set[str]], keys: set[str]) -> None:
    """Unique slugs per language, a unique key, a source address: what needs the whole corpus."""
    for lang in LANGS:
        story.slug[lang] = _unique(slugify(story.title[lang]), seen[lang])
    month = story.date[:7]
    story.key = _unique(f"{month}-{slugify(story.title['en'], 5)}", keys)
    if rng.random() < 0.6:
        source = slugify(story.source)
        story.source_url = (
            f"https://news.example.org/{source}/{month.replace('-', '/')}/{story.key}"
        )


def iter_stories(
    pairs: int, *, seed: int = 1, words: int = 620, untranslated_ratio: float = 0.05
) -> Iterator[Story]:
    """The stories of a corpus, in order, fully determined by the arguments."""
    rng = random.Random(seed)
    bank = load_bank()
    single = set(rng.sample(range(pairs), round(pairs * untranslated_ratio)))
    seen: dict[str, set[str]] = {lang: set() for lang in LANGS}
    keys: set[str] = set()
    for index in range(pairs):
        story = make_story(rng, bank, words)
        if index in single:
            story.langs = (rng.choice(LANGS),)
        _finish(story, rng, seen, keys)
        yield story


def generate_corpus(
    target: Path,
    pairs: int,
    *,
    seed: int = 1,
    words: int = 620,
    untranslated_ratio: float = 0.05,
) -> Path:
    """Write a complete content folder for `pairs` stories into `target`; return `target`."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    (target / "taxonomy.toml").write_text(taxonomy_text(), encoding="utf-8")
    for lang, name in (("fr", "a-propos.md"), ("en", "about.md")):
        (target / "pages" / lang).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_CONTENT / "pages" / lang / name, target / "pages" / lang / name)
    labels = taxonomy_terms()
    stories = iter_stories(pairs, seed=seed, words=words, untranslated_ratio=untranslated_ratio)
    for story in stories:
        for lang in story.langs:
            path = target / lang / str(story.year) / f"{story.slug[lang]}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(story_file(story, lang, labels), encoding="utf-8", newline="\n")
    return target


# --------------------------------------------------------------------------------------------
# Statistics

# Words as a search index sees them: letters, digits inside words, hyphenated compounds kept
# whole; apostrophes split elisions ("d’état-major" -> "d", "état-major").
WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def story_texts(target: Path, lang: str) -> Iterator[str]:
    """Title, summary and body of every story of `lang` in a generated corpus."""
    for path in sorted((target / lang).rglob("*.md")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        yield f"{meta.get('Title', '')}\n{meta.get('Summary', '')}\n{body}"


def corpus_stats(target: Path) -> dict[str, dict[str, int]]:
    """Per language: story files, words (as the generator counts them: whitespace-separated),
    distinct word forms (case-folded, elisions split, digits-only tokens left out) and
    distinct index terms, counted as the search index counts them (briefing.search_text.terms:
    folded, stop words dropped, stemmed; numbers included)."""
    from briefing.search_text import terms  # the project's package, installed in .venv

    stats: dict[str, dict[str, int]] = {}
    for lang in LANGS:
        files = tokens = 0
        forms: set[str] = set()
        index_terms: set[str] = set()
        for text in story_texts(target, lang):
            files += 1
            tokens += word_count(text)
            forms.update(w.casefold() for w in WORD_RE.findall(text) if not w.isdigit())
            index_terms.update(terms(text, lang))
        stats[lang] = {
            "files": files,
            "words": tokens,
            "forms": len(forms),
            "terms": len(index_terms),
        }
    return stats


def stats_line(stats: dict[str, dict[str, int]]) -> str:
    """One line of corpus statistics, as the benchmarks print it."""
    return "; ".join(
        f"{lang}: {row['files']} stories, {row['words'] // max(row['files'], 1)} words each, "
        f"{row['terms']} distinct index terms ({row['forms']} word forms)"
        for lang, row in stats.items()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="content folder to create")
    parser.add_argument("--pairs", type=int, default=1000, help="stories (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=620, help="words per story (about)")
    parser.add_argument("--untranslated", type=float, default=0.05, help="one-language share")
    args = parser.parse_args(argv)
    generate_corpus(
        args.out,
        args.pairs,
        seed=args.seed,
        words=args.words,
        untranslated_ratio=args.untranslated,
    )
    print(stats_line(corpus_stats(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
