# ruff: noqa: RUF001  (Finnish text uses en dashes on purpose)
"""A small, realistic stand-in for the built sample corpus, made with kokous.convert.

The format checks (tests/test_accessibility.py, test_pdf_structure.py, test_docx_structure.py)
run over every generated file under an output folder laid out like ``build/``:
``<edition>/<body>/<year>/...``. Until the full workflow build is available as a fixture, this
module writes every page kind (press release fi/sv/en, minutes, annual report) in both editions
with the structures the real templates produce: title, definition lists, numbered items, tables
with header rows and captions, a chart with alt text, links, a marking and a banner.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from kokous.convert import Document, convert_documents

BODY = "Työllisyyden edistämisen valtakunnallinen neuvottelukunta"
MARKING = "Sisäinen / Internal"
FORMATS = ("html", "pdf", "docx", "txt")

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200"'
    ' role="img"><title>Läsnäolo kokouksittain 2025</title>'
    '<rect width="480" height="200" fill="#ffffff"/>'
    '<line x1="60" y1="170" x2="460" y2="170" stroke="#595959"/>'
    '<rect x="90" y="50" width="70" height="120" fill="#003479"/>'
    '<rect x="210" y="74" width="70" height="96" fill="#003479"/>'
    '<rect x="330" y="62" width="70" height="108" fill="#003479"/>'
    '<text x="125" y="190" font-family="Noto Sans" font-size="13" text-anchor="middle">'
    "12.3.</text>"
    '<text x="245" y="190" font-family="Noto Sans" font-size="13" text-anchor="middle">'
    "11.6.</text>"
    '<text x="365" y="190" font-family="Noto Sans" font-size="13" text-anchor="middle">'
    "24.9.</text>"
    '<text x="125" y="42" font-family="Noto Sans" font-size="13" text-anchor="middle">15</text>'
    '<text x="245" y="66" font-family="Noto Sans" font-size="13" text-anchor="middle">12</text>'
    '<text x="365" y="54" font-family="Noto Sans" font-size="13" text-anchor="middle">13</text>'
    "</svg>"
).encode()

PRESS = {
    "fi": (
        "Työllisyyden edistämisen neuvottelukunta aloitti työnsä",
        """# Työllisyyden edistämisen neuvottelukunta aloitti työnsä

Tiedote 12.3.2025 klo 16.00

Kokous 12.3.2025

Työllisyyden edistämisen valtakunnallinen neuvottelukunta kokoontui ensimmäiseen kokoukseensa
12\\. maaliskuuta. Neuvottelukunta käsitteli tehtäviään ja hyväksyi alustavan työsuunnitelman
vuodelle 2025.

”Työvoimapalveluiden uudistus on edennyt kunnissa hyvin, mutta työtä riittää”, sanoi
puheenjohtaja Kaisa Korhonen.

Neuvottelukunta asetti kolme jaostoa:

- Kuntajaosto: seuraa työvoimapalveluiden järjestämistä kunnissa.
- Tietojaosto: kehittää työllisyyden tietopohjaa.
- Yhdyspintajaosto: käsittelee palveluiden yhdyspintoja.

Seuraava kokous pidetään 11.6.2025.

## Neuvottelukunnasta

Työllisyyden edistämisen valtakunnallinen neuvottelukunta seuraa ja arvioi
työvoimapalveluiden järjestämistä ja tekee ehdotuksia niiden kehittämiseksi.

Lisätietoja:

neuvotteleva virkamies Ville Wessman, puh. 0295 000 000, etunimi.sukunimi\\@gov.fi

[Neuvottelukunnan verkkosivut](https://tem.fi/tyollisyyden-edistamisen-neuvottelukunta)
""",
    ),
    "sv": (
        "Delegationen för främjande av sysselsättningen inledde sitt arbete",
        """# Delegationen för främjande av sysselsättningen inledde sitt arbete

Pressmeddelande 12.3.2025 kl. 16.00

Möte 12.3.2025

Den riksomfattande delegationen för främjande av sysselsättningen höll sitt första möte den
12 mars. Delegationen gick igenom sina uppgifter och godkände en preliminär arbetsplan för 2025.

”Reformen av arbetskraftsservicen har framskridit väl i kommunerna, men arbetet fortsätter”,
sade ordförande Kaisa Korhonen.

Delegationen tillsatte tre sektioner:

- Kommunsektionen: följer hur arbetskraftsservicen ordnas i kommunerna.
- Informationssektionen: utvecklar kunskapsunderlaget om sysselsättningen.
- Gränsytesektionen: behandlar servicens gränsytor.

Nästa möte hålls 11.6.2025.

## Om delegationen

Delegationen följer och utvärderar hur arbetskraftsservicen ordnas och lägger fram förslag om
hur den kan utvecklas.

Ytterligare information:

konsultativ tjänsteman Ville Wessman, tfn 0295 000 000, fornamn.efternamn\\@gov.fi

[Delegationens webbplats](https://tem.fi/sv/delegationen-for-framjande-av-sysselsattningen)
""",
    ),
    "en": (
        "National Employment Promotion Council starts its work",
        """# National Employment Promotion Council starts its work

Press release 12 March 2025 at 16.00

Meeting 12 March 2025

The National Employment Promotion Council held its first meeting on 12 March. The Council
reviewed its tasks and approved a preliminary work plan for 2025.

“The employment services reform has progressed well in the municipalities, but work remains”,
said Chair Kaisa Korhonen.

The Council appointed three subcommittees:

- Municipal Subcommittee: follows how municipalities organise employment services.
- Information Subcommittee: develops the knowledge base on employment.
- Interface Subcommittee: deals with the interfaces between services.

The next meeting will be held on 11 June 2025.

## About the Council

The Council monitors and assesses the organisation of employment services and makes proposals
for their development.

Further information:

Ministerial Adviser Ville Wessman, tel. +358 295 000 000, firstname.lastname\\@gov.fi

[The Council's website](https://tem.fi/en/national-employment-promotion-council)
""",
    ),
}

MINUTES_TITLE = "Pöytäkirja 1/2025"
MINUTES = """# Pöytäkirja 1/2025

Työllisyyden edistämisen valtakunnallinen neuvottelukunta

Aika
: 12.3.2025 klo 13.00–15.30

Paikka
: Työ- ja elinkeinoministeriö, Aleksanterinkatu 4, Helsinki, ja Teams-yhteys

## Läsnä

| Nimi | Organisaatio | Tehtävä | Läsnäolo |
|------|--------------|---------|----------|
| Kaisa Korhonen | Työ- ja elinkeinoministeriö | puheenjohtaja | paikalla |
| Kalle Kyynäräinen | Suomen Kuntaliitto | varapuheenjohtaja | etänä |
| Maija Malli | Elinkeinoelämän keskusliitto EK | jäsen | paikalla |
| Ville Wessman | Työ- ja elinkeinoministeriö | sihteeri | paikalla |

## 1 § Kokouksen avaus

Puheenjohtaja avasi kokouksen klo 13.00.

## 2 § Laillisuus ja päätösvaltaisuus

Kokouskutsu lähetettiin 3.3.2025. Kokous todettiin laillisesti koolle kutsutuksi ja
päätösvaltaiseksi.

## 5 § Neuvottelukunnan tehtävät ja toimintatavat

### Asian tausta

Neuvottelukunnan tehtävät perustuvat lain työvoimapalveluiden järjestämisestä 22 §:ään ja
valtioneuvoston asetuksen 386/2024 2 §:ään.

### Esitys

Neuvottelukunta käy läpi tehtävänsä ja hyväksyy toimintatapansa.

### Päätös

Neuvottelukunta kävi läpi tehtävänsä ja hyväksyi toimintatapansa ehdotuksen mukaisesti.

## 6 § Alustava työsuunnitelma

### Päätös

Neuvottelukunta hyväksyi alustavan työsuunnitelman. Työsuunnitelmassa painotetaan:

1. työvoimapalveluiden järjestämisen seurantaa kunnissa
2. työllisyyden tietopohjan kehittämistä
3. palveluiden yhdyspintoja

## 9 § Kokouksen päättäminen

Puheenjohtaja päätti kokouksen klo 15.30.

## Muutoksenhaku

Neuvottelukunnan päätöksiin ei saa hakea muutosta valittamalla, koska ne eivät ole
hallintopäätöksiä. Oikaisuvaatimuksen voi tehdä 14 päivän kuluessa (hallintolaki 49 d §).

## Allekirjoitukset

Kaisa Korhonen, puheenjohtaja

Ville Wessman, sihteeri
"""

ANNUAL_TITLE = "Vuosikertomus 2025"
ANNUAL = """# Vuosikertomus 2025

Työllisyyden edistämisen valtakunnallinen neuvottelukunta

## Tiivistelmä

Neuvottelukunta kokoontui vuonna 2025 kolme kertaa. Se käsitteli työvoimapalveluiden
uudistuksen toimeenpanoa, asetti kolme jaostoa ja antoi kaksi lausuntoa.

## Kokoukset

| Kokous | Päivämäärä | Läsnä | Pykäliä | Pöytäkirja |
|--------|------------|------:|--------:|------------|
| 1/2025 | 12.3.2025 | 15 | 9 | [Pöytäkirja 1/2025](https://tem.fi/poytakirja-1-2025) |
| 2/2025 | 11.6.2025 | 12 | 8 | [Pöytäkirja 2/2025](https://tem.fi/poytakirja-2-2025) |
| 3/2025 | 24.9.2025 | 13 | 10 | [Pöytäkirja 3/2025](https://tem.fi/poytakirja-3-2025) |

Table: Neuvottelukunnan kokoukset 2025

![Läsnä olleet jäsenet kokouksittain 2025: 15, 12 ja 13 jäsentä](attendance.svg)

## Jaostot

### Kuntajaosto

Kuntajaosto seurasi työvoimapalveluiden järjestämistä kunnissa ja kokoontui kaksi kertaa.

### Tietojaosto

Tietojaosto kehitti työllisyyden tietopohjaa.

## Lausunnot

- Lausunto työvoimapalveluiden rahoitusmallista (6.5.2025)
- Lausunto työllisyyden seurantaindikaattoreista (2.10.2025)

## Jäsenet

Puheenjohtaja
: Kaisa Korhonen, Työ- ja elinkeinoministeriö

Varapuheenjohtaja
: Kalle Kyynäräinen, Suomen Kuntaliitto
"""


def documents(formats: tuple[str, ...] = FORMATS) -> list[Document]:
    """Every page kind in both editions; the internal edition carries the marking."""
    docs = []
    for edition in ("public", "internal"):
        marking = MARKING if edition == "internal" else ""
        meeting = f"{edition}/tyonvk/2025/2025-03-12"
        for lang, (title, markdown) in PRESS.items():
            docs.append(
                Document(
                    stem=PurePosixPath(f"{meeting}/press-release.{lang}"),
                    markdown=markdown,
                    lang=lang,
                    title=title,
                    formats=formats,
                    header=f"{BODY} · {title}" if lang == "fi" else title,
                    marking=marking,
                )
            )
        docs.append(
            Document(
                stem=PurePosixPath(f"{meeting}/minutes.fi"),
                markdown=MINUTES,
                lang="fi",
                title=f"{BODY}: {MINUTES_TITLE}",
                formats=formats,
                header=f"{BODY} · {MINUTES_TITLE}",
                marking=marking,
                banner="Luonnos – ei vielä tarkastettu" if edition == "internal" else "",
            )
        )
        docs.append(
            Document(
                stem=PurePosixPath(f"{edition}/tyonvk/2025/annual-report.fi"),
                markdown=ANNUAL,
                lang="fi",
                title=f"{BODY}: {ANNUAL_TITLE}",
                formats=formats,
                header=f"{BODY} · {ANNUAL_TITLE}",
                marking=marking,
                resources={"attendance.svg": CHART},
            )
        )
    return docs


def build_sample(out_root: Path, formats: tuple[str, ...] = FORMATS) -> Path:
    """Convert the sample documents under ``out_root`` and return it."""
    convert_documents(documents(formats), out_root)
    return out_root


if __name__ == "__main__":  # python tests/a11y/sample.py OUT  — for looking at by hand
    import sys

    print(build_sample(Path(sys.argv[1])))
