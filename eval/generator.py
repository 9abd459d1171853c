"""A deterministic generator of UN-style documents for load tests: numbered paragraphs,
footnotes, section headings, a UN header, six languages, numbers, country names and UN
terms (from the glossary), at any size. The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.glossary import COLUMNS, load_glossary

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
}
_COUNTRIES = (
    "Bahrain",
    "Ethiopia",
    "Georgia",
    "Iraq",
    "Lesotho",
    "Rwanda",
    "Türkiye",
    "Ukraine",
    "Egypt",
    "Kuwait",
    "Lebanon",
    "Sudan",
    "Tunisia",
    "Brazil",
    "Colombia",
    "Mexico",
    "Panama",
)
_TEMPLATES = {
    "en": (
        "In {year}, UN-Habitat contributed to {pct}% of the {term} reported by {country}.",
        "The {term} was strengthened in {n} countries, including {country} and {country2}.",
        "{country} reported progress on the {term}, with support from the regional office.",
        "Resources for the {term} reached {n} million dollars in {year}.",
    ),
    "fr": (
        "En {year}, ONU-Habitat a contribué à {pct} % des {term} signalés par {country}.",
        "Le {term} a été renforcé dans {n} pays, dont {country} et {country2}.",
        "{country} a signalé des progrès concernant le {term}, avec l'appui du bureau régional.",
        "Les ressources consacrées au {term} ont atteint {n} millions de dollars en {year}.",
    ),
    "es": (
        "En {year}, ONU-Hábitat contribuyó al {pct} % de los {term} comunicados por {country}.",
        "El {term} se reforzó en {n} países, entre ellos {country} y {country2}.",
        "{country} informó de avances en el {term}, con el apoyo de la oficina regional.",
        "Los recursos destinados al {term} alcanzaron {n} millones de dólares en {year}.",
    ),
    "ru": (
        "В {year} году ООН-Хабитат внесла вклад в {pct}% показателей ({term}), о которых "
        "сообщила страна {country}.",
        "Работа по теме «{term}» была укреплена в {n} странах, включая {country} и {country2}.",
        "Страна {country} сообщила о прогрессе по теме «{term}» при поддержке регионального "
        "отделения.",
        "Ресурсы по теме «{term}» достигли {n} млн долларов в {year} году.",
    ),
    "ar": (
        "في عام {year}، ساهم موئل الأمم المتحدة في {pct} في المائة من {term} التي أبلغت عنها "
        "{country}.",
        "عُزز {term} في {n} بلدا، منها {country} و{country2}.",
        "أبلغت {country} عن إحراز تقدم في {term} بدعم من المكتب الإقليمي.",
        "بلغت الموارد المخصصة لـ{term} {n} مليون دولار في عام {year}.",
    ),
    "zh": (
        "{year} 年，人居署为{country}报告的{pct}% 的{term}作出了贡献。",
        "{term}在 {n} 个国家得到加强，其中包括{country}和{country2}。",
        "{country}在区域办事处的支持下报告了{term}方面的进展。",
        "{year} 年用于{term}的资源达到 {n} 百万美元。",
    ),
}
_HEADINGS = {
    "en": "Progress in {term}",
    "fr": "Progrès : {term}",
    "es": "Avances: {term}",
    "ru": "Прогресс: {term}",
    "ar": "التقدم في {term}",
    "zh": "{term}方面的进展",
}
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class GeneratedDocument:
    name: str
    symbol: str
    language: str
    text: str
    units: int  # numbered paragraphs + footnotes
    audience: str = "public"


class CorpusGenerator:
    """Documents of `paragraphs_per_document` paragraphs (and a footnote every fifth one)."""

    def __init__(
        self,
        seed: int = 2026,
        paragraphs_per_document: int = 40,
        languages: tuple[str, ...] = COLUMNS,  # the glossary's order keeps corpora as before
        prefix: str = "GEN",
        staff_every: int = 10,
    ) -> None:
        """Every `staff_every`-th document is `audience: staff` (0: none), so that a
        delegate's audience filter matches most of the store but not all of it, as in a
        deployment where staff upload their own papers."""
        self.rng = random.Random(seed)
        self.staff_every = staff_every
        self.prefix = prefix
        self.paragraphs = paragraphs_per_document
        self.languages = languages
        glossary = load_glossary()
        self.countries = [t.forms for t in glossary if t.forms.get("en") in _COUNTRIES]
        self.terms = [
            t.forms for t in glossary if t.forms.get("en") not in _COUNTRIES and len(t.forms) == 6
        ]

    def documents(self, total_units: int) -> Iterator[GeneratedDocument]:
        produced = 0
        number = 0
        while produced < total_units:
            number += 1
            language = self.languages[(number - 1) % len(self.languages)]
            paragraphs = min(self.paragraphs, max(1, total_units - produced))
            document = self._document(number, language, paragraphs, total_units - produced)
            produced += document.units
            yield document

    def write(self, folder: Path, total_units: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for document in self.documents(total_units):
            path = folder / document.name
            path.write_text(document.text, encoding="utf-8")
            paths.append(path)
        return paths

    def sentence(self, language: str) -> str:
        rng = self.rng
        first, second = rng.sample(self.countries, 2)
        return rng.choice(_TEMPLATES[language]).format(
            year=rng.randint(2015, 2030),
            pct=rng.randint(5, 99),
            n=rng.randint(2, 180),
            term=rng.choice(self.terms)[language],
            country=first[language],
            country2=second[language],
        )

    def _document(
        self, number: int, language: str, paragraphs: int, budget: int
    ) -> GeneratedDocument:
        rng = self.rng
        symbol = f"{self.prefix}/{2020 + number % 7}/{number}"
        title_term = rng.choice(self.terms)[language]
        lines = [
            symbol,
            "",
            "Distr.: General",
            f"{rng.randint(1, 28)} March 2026",
            "",
            LANGUAGE_NAMES[language],
            "Original: English",
            "",
            f"Item {rng.randint(1, 20)} of the provisional agenda",
            "",
            f"## {_HEADINGS[language].format(term=title_term)}",
            "",
        ]
        footnotes: list[str] = []
        units = 0
        for index in range(1, paragraphs + 1):
            if units >= budget:
                break
            if index % 10 == 1:
                section = _ROMAN[(index // 10) % len(_ROMAN)]
                heading = _HEADINGS[language].format(term=rng.choice(self.terms)[language])
                lines += [f"### {section}. {heading}", ""]
            body = " " if language != "zh" else ""
            text = body.join(self.sentence(language) for _ in range(rng.randint(2, 3)))
            units += 1
            if index % 5 == 0 and units < budget:
                footnotes.append(self.sentence(language))
                text += f"<sup>{len(footnotes)}</sup>"
                units += 1
            lines += [f"{index}. {text}", ""]
        if footnotes:
            lines += ["---", ""] + [f"<sup>{i}</sup> {t}" for i, t in enumerate(footnotes, 1)]
        name = symbol.replace("/", "-") + f".{language}.md"
        audience = "staff" if self.staff_every and number % self.staff_every == 0 else "public"
        if audience == "staff":  # front matter only: the text, and the random draws, as before
            lines = ["---", "audience: staff", "---", ""] + lines
        text = "\n".join(lines) + "\n"
        return GeneratedDocument(name, symbol, language, text, units, audience)
