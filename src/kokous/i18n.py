"""Languages: message catalogs, dates, times, quotation marks and the forms CLDR lacks.

Fixed labels come from ``locale/<lang>/LC_MESSAGES/kokous.po`` (msgids in English), read with
Babel and compiled in memory, so there is no compiled ``.mo`` file to keep in sync. Dates go
through Babel (CLDR) with explicit patterns, because the house style differs from CLDR's
defaults (Finnish "12.3.2025" without leading zeros, Swedish "den 12 mars 2025").
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io

from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import paths

REPO = paths.ROOT
LOCALE = REPO / "locale"
LANGUAGES = ("fi", "sv", "en")

# CLDR has the Finnish month names in the nominative ("kesäkuu") and the partitive used in
# dates ("kesäkuuta"), but not the inessive, "in June" ("kesäkuussa").
FINNISH_MONTHS_INESSIVE = (
    "tammikuussa",
    "helmikuussa",
    "maaliskuussa",
    "huhtikuussa",
    "toukokuussa",
    "kesäkuussa",
    "heinäkuussa",
    "elokuussa",
    "syyskuussa",
    "lokakuussa",
    "marraskuussa",
    "joulukuussa",
)

# Finnish genitives of the common nouns bodies call themselves, for sentences such as "9
# neuvottelukunnan 10 äänivaltaisesta jäsenestä". Finnish genitives need consonant gradation
# (neuvottelukunta → neuvottelukunnan), so they are listed, not computed; a noun not listed
# gets a sentence without it.
FINNISH_GENITIVES = {
    "neuvottelukunta": "neuvottelukunnan",
    "jaosto": "jaoston",
    "toimikunta": "toimikunnan",
    "lautakunta": "lautakunnan",
    "työryhmä": "työryhmän",
    "ohjausryhmä": "ohjausryhmän",
    "valtuuskunta": "valtuuskunnan",
    "neuvosto": "neuvoston",
}

POSTS = {
    "chair": "chair",
    "vice_chair": "vice-chair",
    "secretary_general": "secretary general",
    "secretary": "secretary",
    "member": "member",
    "deputy": "deputy member",
    "permanent_expert": "permanent expert",
}


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext translations of ``lang``, compiled in memory from its PO catalog."""
    if lang not in LANGUAGES:
        raise ValueError(f"no message catalog for language {lang!r}; have {', '.join(LANGUAGES)}")
    path = LOCALE / lang / "LC_MESSAGES" / "kokous.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str):
    """``_`` for Python code (the documents package): the same catalogs the templates use."""
    return translations(lang).gettext


#: Numbers one to ten in words, as the style guides want them in running text (Kielikello,
#: Svenska skrivregler, the EU's English Style Guide): "kolme kertaa", "ett möte", "one meeting".
#: Swedish "ett": the nouns counted in summaries (möte, beslut, utlåtande, pressmeddelande) are
#: neuter.
NUMBER_WORDS = {
    "fi": (
        "nolla",
        "yksi",
        "kaksi",
        "kolme",
        "neljä",
        "viisi",
        "kuusi",
        "seitsemän",
        "kahdeksan",
        "yhdeksän",
        "kymmenen",
    ),
    "sv": ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}


def number_words(count: int, lang: str) -> str:
    """``count`` as running text writes it: in words from one to ten, in digits above."""
    words = NUMBER_WORDS.get(lang)
    if words and 0 <= count < len(words):
        return words[count]
    return str(count)


def post_label(post: str, lang: str) -> str:
    """The post's label in running text, lower case ("puheenjohtaja", "ordförande", "chair")."""
    return translations(lang).gettext(POSTS[post])


# ---------------------------------------------------------------------------------------------
# Dates and times


def format_date_numeric(day: dt.date) -> str:
    """12.3.2025: no leading zeros, four-digit year (Kielikello); used in all three languages
    in tables and labels, as on valtioneuvosto.fi."""
    return f"{day.day}.{day.month}.{day.year}"


def format_date_label(day: dt.date, lang: str) -> str:
    """A date in a label or heading: fi "12.3.2025" (as on valtioneuvosto.fi), sv "12 mars
    2025" and en "12 March 2025", the style of their running text, so that a Swedish or English
    document never mixes the two."""
    if lang in ("sv", "en"):
        # Swedish too: "Möte 12 mars 2025" beside "den 12 mars 2025" in the text, one date
        # style in one release (issue 21).
        return babel_format_date(day, "d MMMM y", locale=lang)
    return format_date_numeric(day)


def format_date(day: dt.date, lang: str) -> str:
    """The date in running text: fi "12.3.2025", sv "den 12 mars 2025", en "12 March 2025"."""
    if lang == "fi":
        return format_date_numeric(day)
    if lang == "sv":
        return "den " + babel_format_date(day, "d MMMM y", locale="sv")
    return babel_format_date(day, "d MMMM y", locale="en")


def format_date_long(day: dt.date, lang: str) -> str:
    """fi "12. maaliskuuta 2025", sv "12 mars 2025", en "12 March 2025"."""
    pattern = "d. MMMM y" if lang == "fi" else "d MMMM y"
    return babel_format_date(day, pattern, locale=lang)


def format_time(time: dt.time, lang: str) -> str:
    """fi "klo 13.00", sv "kl. 13.00", en "13.00" (Finnish government English uses the full
    stop too)."""
    return f"{_time_prefix(lang)}{time.hour}.{time.minute:02d}"


def format_time_range(start: dt.time | None, end: dt.time | None, lang: str) -> str:
    """fi "klo 13.00–15.30" (full stop, en dash), sv "kl. 13.00–15.30", en "13.00–15.30"."""  # noqa: RUF002 - the en dash is the point
    if start is None:
        return ""
    text = f"{_time_prefix(lang)}{start.hour}.{start.minute:02d}"
    if end is not None:
        text += f"\u2013{end.hour}.{end.minute:02d}"
    return text


def _time_prefix(lang: str) -> str:
    return {"fi": "klo ", "sv": "kl. "}.get(lang, "")


def format_datetime(moment: dt.datetime, lang: str) -> str:
    """fi "12.3.2025 klo 16.00", sv "12.3.2025 kl. 16.00", en "12 March 2025 at 16.00"."""
    time = format_time(moment.time(), lang)
    if lang == "en":
        time = "at " + time
    return f"{format_date_label(moment.date(), lang)} {time}"


def month_phrase(year: int, month: int, day: int | None, lang: str, this_year: int) -> str:
    """When something happens: fi "kesäkuussa" (inessive), "kesäkuussa 2026", "11.6.2025";
    sv "i juni", "den 11 juni 2025"; en "in June", "on 11 June 2025". The year is added when
    it differs from ``this_year``."""
    if day is not None:
        when = dt.date(year, month, day)
        return format_date(when, lang) if lang != "en" else "on " + format_date(when, lang)
    if lang == "fi":
        text = FINNISH_MONTHS_INESSIVE[month - 1]
    else:
        name = babel_format_date(dt.date(year, month, 1), "LLLL", locale=lang)
        text = f"i {name}" if lang == "sv" else f"in {name}"
    return text if year == this_year else f"{text} {year}"


def genitive(noun: str, lang: str) -> str | None:
    """The genitive of a body's noun ("neuvottelukunnan", "delegationens", "the Board's"),
    or None when it is not known (Finnish)."""
    if lang == "fi":
        return FINNISH_GENITIVES.get(noun.lower())
    if lang == "sv":
        return noun if noun.endswith("s") else noun + "s"
    return noun + "'s"


def quote(text: str, lang: str) -> str:
    """Quotation marks: Finnish and Swedish close and open with the same mark (”…”), English
    uses “…”."""
    return f"\u201c{text}\u201d" if lang == "en" else f"\u201d{text}\u201d"


# Endings before which a Finnish genitive needs consonant gradation (Lahti → Lahden, Pelto →
# Pellon, Esimerkki → Esimerkin): the genitive cannot be told from the spelling alone.
_GRADATING = ("kk", "pp", "tt", "k", "p", "t", "lt", "nt", "rt", "mp", "nk", "ht")


def finnish_genitive(name: str, given: str | None = None) -> str | None:
    """The Finnish genitive of a full name, for "Kaisa Kuvitelman sijaisena": ``given`` when
    the record states it, else derived from the surname's ending where that is unambiguous
    (-nen → -sen, -us/-ys → -uksen/-yksen, a vowel after a non-gradating consonant → +n, a
    consonant other than s → +in); None where it is not (-as, -es, -is; gradation)."""
    if given:
        return given
    first, _, surname = name.rpartition(" ")
    lower = surname.lower()
    if lower.endswith("nen"):
        genitive = surname[:-3] + "sen"
    elif lower.endswith(("us", "ys")):
        genitive = surname[:-1] + ("ksen")
    elif lower[-1:] in "aeiouyäö":
        stem = lower[:-1]
        if stem.endswith(_GRADATING):
            return None
        genitive = surname + "n"
    elif lower[-1:] != "s" and lower[-1:].isalpha():
        genitive = surname + "in"
    else:
        return None
    return f"{first} {genitive}" if first else genitive
