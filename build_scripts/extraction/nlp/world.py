"""What any French news reader knows: the states of the world, the big international
organisations and the news media, with their usual French spellings.

In: nothing (the lists are written here, from general knowledge; no article text).
Out: ``WORLD.find(text)`` -> spans ``(start, end, name, kind)`` of the names in a text, where
``name`` is the usual French name of the state, organisation or medium ("Chine" for "Pékin
a dénoncé", "États-Unis" for "les Américains", "AFP" for "Agence France-Presse"), and
``WORLD.adjectives`` (nationality adjective stem -> state name, "nord-coréen" -> "Corée du Nord").

The registry (data/actors.yaml) always wins: a name it knows is its actor. What only this list
knows is proposed as a draft actor, like any name spaCy finds, but with its usual spelling and
kind instead of a guess.

Matching: a capitalised accented letter may be written without its accent ("Etats-Unis"),
hyphens and spaces are interchangeable, an apostrophe is straight or typographic. A capital
stands for its state ("Pékin a dénoncé", "selon Washington") except as a place: after "à",
"vers", "depuis" or "via", or in a dateline ("(Séoul)", "SÉOUL, 19 octobre -"), which the caller
checks (``is_locative``, ``datelines``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# name ; masculine adjective(s) ("/" between several) ; capital(s) ; other names
STATES = """
Afghanistan;afghan;Kaboul;
Afrique du Sud;sud-africain;Pretoria;
Albanie;albanais;Tirana;
Algérie;algérien;Alger;
Allemagne;allemand;Berlin;
Angola;angolais;Luanda;
Arabie saoudite;saoudien;Riyad;
Argentine;argentin;Buenos Aires;
Arménie;arménien;Erevan;
Australie;australien;Canberra;
Autriche;autrichien;;
Azerbaïdjan;azerbaïdjanais;Bakou;
Bahreïn;bahreïnien;Manama;
Bangladesh;bangladais;Dacca;
Belgique;belge;Bruxelles;
Biélorussie;biélorusse;Minsk;Bélarus
Birmanie;birman;Naypyidaw;Myanmar
Bolivie;bolivien;La Paz;
Bosnie-Herzégovine;bosnien;Sarajevo;
Brésil;brésilien;Brasilia;
Bulgarie;bulgare;;
Burkina Faso;burkinabé;Ouagadougou;
Cambodge;cambodgien;Phnom Penh;
Cameroun;camerounais;Yaoundé;
Canada;canadien;Ottawa;
Chili;chilien;;
Chine;chinois;Pékin/Beijing;République populaire de Chine
Chypre;chypriote;Nicosie;
Colombie;colombien;Bogota;
Congo;congolais;Brazzaville/Kinshasa;République démocratique du Congo
Corée du Nord;nord-coréen;Pyongyang;RPDC/République populaire démocratique de Corée
Corée du Sud;sud-coréen;Séoul;République de Corée
Côte d'Ivoire;ivoirien;Yamoussoukro;
Croatie;croate;Zagreb;
Cuba;cubain;La Havane;
Danemark;danois;Copenhague;
Égypte;égyptien;Le Caire;
Émirats arabes unis;émirien;Abou Dhabi;
Équateur;équatorien;Quito;
Érythrée;érythréen;Asmara;
Espagne;espagnol;Madrid;
Estonie;estonien;Tallinn;
États-Unis;américain/étasunien;Washington;
Éthiopie;éthiopien;Addis-Abeba;
Finlande;finlandais;Helsinki;
France;français;Paris;
Géorgie;géorgien;Tbilissi;
Ghana;ghanéen;Accra;
Grèce;grec;Athènes;
Guinée;guinéen;Conakry;
Hongrie;hongrois;Budapest;
Inde;indien;New Delhi;
Indonésie;indonésien;Jakarta;
Irak;irakien;Bagdad;Iraq
Iran;iranien;Téhéran;République islamique d'Iran
Irlande;irlandais;Dublin;
Islande;islandais;Reykjavik;
Israël;israélien;Jérusalem;
Italie;italien;Rome;
Japon;japonais;Tokyo;
Jordanie;jordanien;Amman;
Kazakhstan;kazakh/kazakhstanais;Astana;
Kenya;kényan;Nairobi;
Kirghizistan;kirghiz;Bichkek;
Koweït;koweïtien;Koweït City;
Laos;laotien;Vientiane;
Lettonie;letton;Riga;
Liban;libanais;Beyrouth;
Libye;libyen;Tripoli;
Lituanie;lituanien;Vilnius;
Luxembourg;luxembourgeois;Luxembourg;
Malaisie;malaisien;Kuala Lumpur;
Mali;malien;Bamako;
Maroc;marocain;Rabat;
Mexique;mexicain;Mexico;
Moldavie;moldave;Chisinau;
Mongolie;mongol;Oulan-Bator;
Mozambique;mozambicain;Maputo;
Namibie;namibien;Windhoek;
Népal;népalais;Katmandou;
Nicaragua;nicaraguayen;Managua;
Niger;nigérien;Niamey;
Nigeria;nigérian;Abuja;
Norvège;norvégien;Oslo;
Nouvelle-Zélande;néo-zélandais;Wellington;
Oman;omanais;Mascate;
Ouganda;ougandais;Kampala;
Ouzbékistan;ouzbek;Tachkent;
Pakistan;pakistanais;Islamabad;
Palestine;palestinien;Ramallah;
Pays-Bas;néerlandais;Amsterdam/La Haye;
Pérou;péruvien;Lima;
Philippines;philippin;Manille;
Pologne;polonais;Varsovie;
Portugal;portugais;Lisbonne;
Qatar;qatari;Doha;
Roumanie;roumain;Bucarest;
Royaume-Uni;britannique;Londres;Grande-Bretagne/Angleterre
Russie;russe;Moscou;Fédération de Russie
Rwanda;rwandais;Kigali;
Sénégal;sénégalais;Dakar;
Serbie;serbe;Belgrade;
Singapour;singapourien;Singapour;
Slovaquie;slovaque;Bratislava;
Slovénie;slovène;Ljubljana;
Somalie;somalien;Mogadiscio;
Soudan;soudanais;Khartoum;
Sri Lanka;sri-lankais;Colombo;
Suède;suédois;Stockholm;
Suisse;suisse;Berne;
Syrie;syrien;Damas;
Tadjikistan;tadjik;Douchanbé;
Taïwan;taïwanais;Taipei;
Tanzanie;tanzanien;Dodoma;
Tchad;tchadien;N'Djamena;
Tchéquie;tchèque;Prague;République tchèque
Thaïlande;thaïlandais;Bangkok;
Tunisie;tunisien;Tunis;
Turkménistan;turkmène;Achgabat;
Turquie;turc;Ankara;
Ukraine;ukrainien;Kiev/Kyiv;
Union soviétique;soviétique;;URSS
Uruguay;uruguayen;Montevideo;
Venezuela;vénézuélien;Caracas;
Vietnam;vietnamien;Hanoï;Viêt Nam
Yémen;yéménite;Sanaa;
Zimbabwe;zimbabwéen;Harare;
"""

# name ; kind ; other names ("/" between them) ; the state a national institution or medium belongs to
BODIES = """
Nations unies;organisation;ONU/Organisation des Nations unies;
Conseil de sécurité des Nations unies;organisation;Conseil de sécurité de l'ONU/Conseil de sécurité des Nations Unies/Conseil de sécurité;
Assemblée générale des Nations unies;organisation;Assemblée générale de l'ONU;
Agence internationale de l'énergie atomique;organisation;AIEA;
Union européenne;organisation;UE;
Commission européenne;organisation;;
Parlement européen;organisation;;
OTAN;organisation;Otan/Organisation du traité de l'Atlantique nord/Alliance atlantique;
BRICS;organisation;Brics;
G7;organisation;;
G8;organisation;;
G20;organisation;;
ASEAN;organisation;Asean/Association des nations de l'Asie du Sud-Est;
Organisation de coopération de Shanghai;organisation;OCS;
Organisation du traité de sécurité collective;organisation;OTSC;
Communauté des États indépendants;organisation;CEI;
OSCE;organisation;Organisation pour la sécurité et la coopération en Europe;
Organisation mondiale du commerce;organisation;OMC;
Organisation mondiale de la santé;organisation;OMS;
Fonds monétaire international;organisation;FMI;
Banque mondiale;organisation;;
Programme alimentaire mondial;organisation;PAM;
Unicef;organisation;UNICEF;
Cour pénale internationale;organisation;CPI;
Croix-Rouge;organisation;Comité international de la Croix-Rouge/CICR;
Amnesty International;organisation;;
Human Rights Watch;organisation;;
Interpol;organisation;;
Maison Blanche;organisation;Maison-Blanche;États-Unis
Pentagone;organisation;;États-Unis
Département d'État des États-Unis;organisation;Département d'État américain/Département d'État;États-Unis
CIA;organisation;;États-Unis
FBI;organisation;;États-Unis
Élysée;organisation;;France
Quai d'Orsay;organisation;;France
Kremlin;organisation;;Russie
KGB;organisation;;Union soviétique
FSB;organisation;;Russie
GRU;organisation;;Russie
Douma;organisation;Douma d'État;Russie
Wagner;organisation;groupe Wagner;Russie
Rosatom;organisation;;Russie
Roscosmos;organisation;;Russie
Gazprom;organisation;;Russie
Russie unie;organisation;;Russie
Parti des travailleurs de Corée;organisation;Parti du travail de Corée;Corée du Nord
Parti communiste chinois;organisation;PCC;Chine
Parti communiste vietnamien;organisation;;Vietnam
Parti révolutionnaire populaire lao;organisation;;Laos
Parti communiste de Cuba;organisation;;Cuba
Assemblée populaire suprême;organisation;;Corée du Nord
AFP;media;Agence France-Presse/Agence France Presse/afp;France
Reuters;media;REUTERS;Royaume-Uni
Associated Press;media;AP/ASSOCIATED PRESS;États-Unis
Bloomberg;media;;États-Unis
ATS;media;ats/Agence télégraphique suisse;Suisse
Belga;media;belga;Belgique
Newsnet;media;;
Yonhap;media;;Corée du Sud
KCNA;media;Agence centrale de presse coréenne;Corée du Nord
KCTV;media;;Corée du Nord
Rodong Sinmun;media;;Corée du Nord
TASS;media;Tass/ITAR-TASS;Russie
RIA Novosti;media;;Russie
Interfax;media;;Russie
Sputnik;media;Spoutnik;Russie
RT;media;Russia Today;Russie
Izvestia;media;;Russie
Kommersant;media;;Russie
Xinhua;media;Chine nouvelle;Chine
Kyodo;media;;Japon
NHK;media;;Japon
KBS;media;;Corée du Sud
YTN;media;;Corée du Sud
NK News;media;;
Daily NK;media;;
BBC;media;;Royaume-Uni
CNN;media;;États-Unis
LCI;media;;France
France 24;media;;France
RFI;media;;France
New York Times;media;;États-Unis
Washington Post;media;;États-Unis
Wall Street Journal;media;;États-Unis
Financial Times;media;;Royaume-Uni
"""

UPPER_ACCENTS = {"É": "E", "È": "E", "Ê": "E", "À": "A", "Â": "A", "Î": "I", "Ô": "O", "Û": "U", "Ç": "C"}
LOCATIVE = re.compile(
    r"(?:\b(?:à|vers|depuis|via|jusqu[’']à|près de|au départ de|en direction de)|\bd[’']ici à)[\s\u00a0]+$", re.I
)
# "(Séoul) La sœur …", "SÉOUL, 19 octobre (Reuters) - …", "Moscou, 4 mars — …", "JAKARTA - …"
DATELINE = re.compile(
    r"^[\s\u00a0]*(?:\((?P<a>[A-ZÀ-Þ][\w’'\- ]{1,30})\)|(?P<b>[A-ZÀ-Þ][\w’'\-]+(?: [A-ZÀ-Þ][\w’'\-]+)?)"
    r"(?:,[^\n\-—–(]{1,30})?(?:[\s\u00a0]*\([^)\n]{1,30}\))?[\s\u00a0]*[-—–])",
    re.M,
)


WORD = re.compile(r"[^\W_]+")


def _key(word: str) -> str:
    """A first word as looked up: lower case, without accents ("États" and "Etats" -> "etats")."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def _pattern(name: str, loose_first: bool = False) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch in "-‐‑– " or ch in "\u00a0\u202f":
            out.append(r"[\s\u00a0\u202f\-‐‑–]+")
        elif ch in "'’":
            out.append("[’']")
        elif i == 0 and loose_first and ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}{UPPER_ACCENTS.get(ch.upper(), '')}]")
        elif ch in UPPER_ACCENTS:
            out.append(f"[{ch}{UPPER_ACCENTS[ch]}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


# "la République populaire de Donetsk", "République autonome de Crimée": a state by its own name
REPUBLIC = re.compile(
    r"(?<![\w\-])[Rr][ée]publique[\s\u00a0]+(?:populaire|autonome|socialiste|fédérale|islamique|arabe|démocratique)"
    r"(?:[\s\u00a0]+(?:populaire|démocratique|socialiste))?[\s\u00a0]+(?:de|du|d[’'])[\s\u00a0]*(?!Corée\b)[A-ZÀ-Þ][\w\-]+"
)
# "le parti au pouvoir en Chine": that state's ruling party
RULING_PARTY = re.compile(
    r"(?<![\w\-])parti[\s\u00a0]+(?:unique[\s\u00a0]+)?au[\s\u00a0]+pouvoir[\s\u00a0]+(?:en|au|à)[\s\u00a0]+"
    r"(?P<state>Russie|Corée du Nord|Chine|Vietnam|Viêt Nam|Laos|Cuba)(?![\w\-])",
    re.I,
)
RULING = {
    "Russie": "Russie unie",
    "Corée du Nord": "Parti des travailleurs de Corée",
    "Chine": "Parti communiste chinois",
    "Vietnam": "Parti communiste vietnamien",
    "Viêt Nam": "Parti communiste vietnamien",
    "Laos": "Parti révolutionnaire populaire lao",
    "Cuba": "Parti communiste de Cuba",
}
# "Conseil de sécurité" alone is the UN's; followed by a nationality or a country it is a state's own
# ("Conseil de sécurité russe", "de Russie", "nationale"), which the organisation cues name.
BARE_COUNCIL = re.compile(
    r"[\s\u00a0]+(?:de[\s\u00a0]+(?:la[\s\u00a0]+)?[A-ZÀ-Þ]|d[’'][A-ZÀ-Þ]|du[\s\u00a0]+[A-ZÀ-Þ]|[a-zéèï\-]{3,}(?<!pour)(?<!afin)\b)"
)


def _adjective_forms(adj: str) -> set[str]:
    """masculine -> masculine, feminine, plurals ("nord-coréen" -> nord-coréenne, nord-coréens ...)."""
    if adj.endswith(("en", "on")):
        fem = adj + "n" + "e"
    elif adj.endswith("e"):
        fem = adj
    elif adj.endswith("c"):  # turc -> turque, grec -> grecque
        fem = adj[:-1] + ("cque" if adj.endswith("ec") else "que")
    else:
        fem = adj + "e"
    masc_pl = adj if adj.endswith(("s", "x")) else adj + "s"
    return {adj, fem, masc_pl, fem + "s"}


def adjective_stem(word: str) -> str:
    """A comparable stem of an adjective, whatever its gender and number ("japonaises" -> "japonais")."""
    w = word.casefold().rstrip("s")
    if w.endswith("nne"):
        return w[:-2]
    if w.endswith("e"):
        return w[:-1]
    return w


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    name: str
    kind: str  # state, organisation, media
    capital: bool = False  # the name of a capital city standing for its state


class World:
    def __init__(self) -> None:
        entries: list[tuple[str, str, str, bool]] = []  # (spelling, name, kind, capital)
        self.adjectives: dict[str, str] = {}
        self.capitals: set[str] = set()
        for line in STATES.strip().splitlines():
            name, adjs, capitals, others = (line.split(";") + ["", "", ""])[:4]
            entries.append((name, name, "state", False))
            for other in filter(None, others.split("/")):
                entries.append((other, name, "state", False))
            for cap in filter(None, capitals.split("/")):
                entries.append((cap, name, "state", True))
                self.capitals.add(cap.casefold())
            for adj in filter(None, adjs.split("/")):
                self.adjectives[adjective_stem(adj)] = name
                # a demonym noun, capitalised and plural: "les Russes", "des Nord-Coréens", "les Chinois"
                for form in _adjective_forms(adj):
                    if form.endswith(("s", "x")):
                        demonym = "-".join(p[:1].upper() + p[1:] for p in form.split("-"))
                        entries.append((demonym, name, "state", False))
        self.country: dict[str, str] = {}  # institution or medium -> its state
        for line in BODIES.strip().splitlines():
            name, kind, others, country = (line.split(";") + ["", "", ""])[:4]
            if country:
                self.country[name] = country
            spellings = [name, *filter(None, others.split("/"))]
            if kind == "media":
                spellings += [x.upper() for x in spellings]
            for spelling in dict.fromkeys(spellings):
                entries.append((spelling, name, kind, False))
        entries = list(dict.fromkeys(entries))
        entries.sort(key=lambda e: (-len(e[0]), e[0]))
        self._entries = entries
        # Looked up by the first word: one small pattern per spelling, tried only where its first word is
        # (a single alternation of every spelling costs about 20 ms a sentence; this, well under 1).
        self._by_first: dict[str, list[tuple[re.Pattern, int]]] = {}
        for i, (spelling, _name, kind, _cap) in enumerate(entries):
            loose = kind == "organisation" and len(spelling.split()) > 1
            first = WORD.match(spelling)
            assert first is not None, spelling
            pat = re.compile(_pattern(spelling, loose) + r"(?![\w\-‐‑])")
            self._by_first.setdefault(_key(first.group()), []).append((pat, i))
        self.names = {e[1]: e[2] for e in entries}

    def find(self, text: str) -> list[Span]:
        out = [Span(m.start(), m.end(), m.group()[0].upper() + m.group()[1:], "state") for m in REPUBLIC.finditer(text)]
        for m in RULING_PARTY.finditer(text):
            state = m["state"][0].upper() + m["state"][1:]
            if state in RULING:
                out.append(Span(m.start(), m.end(), RULING[state], "organisation"))
        taken_until = 0
        for w in WORD.finditer(text):
            a = w.start()
            if a < taken_until or (a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_-‐‑")):
                continue
            for pat, i in self._by_first.get(_key(w.group()), ()):
                hit = pat.match(text, a)
                if hit is None:
                    continue
                spelling, name, kind, capital = self._entries[i]
                if spelling == "Conseil de sécurité" and BARE_COUNCIL.match(text, hit.end()):
                    continue
                if not any(x.start < hit.end() and a < x.end for x in out):
                    out.append(Span(a, hit.end(), name, kind, capital))
                taken_until = hit.end()
                break
        return sorted(out, key=lambda x: x.start)

    def adjective_of(self, state: str) -> str | None:
        """ "Russie" -> "russ" (the stem ``state_of_adjective`` reads)."""
        return next((stem for stem, name in self.adjectives.items() if name == state), None)

    def state_of_adjective(self, word: str) -> str | None:
        """ "russe" -> "Russie", "nord-coréennes" -> "Corée du Nord"; None for any other word."""
        return self.adjectives.get(adjective_stem(word))


WORLD = World()


def is_locative(text: str, start: int) -> bool:
    """Is the name at ``start`` a place? "à Pékin", "vers Tokyo" (not "Pékin a dénoncé", "selon Tokyo")."""
    return LOCATIVE.search(text, 0, start) is not None if start else False


def datelines(body: str) -> list[tuple[int, int]]:
    """Spans of the datelines at the start of paragraphs: "(Séoul)", "SÉOUL, 19 octobre (Reuters) -"."""
    out = []
    for m in DATELINE.finditer(body):
        place = m.group("a") or m.group("b") or ""
        if m.group("b") and not (place.isupper() or place.casefold() in WORLD.capitals):
            continue  # "Kim Jong-un -" is no dateline; "JAKARTA -" and "Moscou, 4 mars —" are
        out.append((m.start(), m.end()))
    return out
