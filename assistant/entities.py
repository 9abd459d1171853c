"""The UN entities a question names, in any of the six languages, and the entity a document
belongs to.

Documents of different entities look alike (two audits of the same checklist, two entities'
annual reports); a delegate names the entity in their own language ("l'audit du FNUAP",
"人口基金的审计"), so the name is evidence for retrieval that no embedding of a French
question reliably links to an English document. The names are the entities' official short
names and acronyms in the six UN languages; a document's entity comes from its symbol's
series (DP/FPA/… is UNFPA) and from the names in its title.
"""

from __future__ import annotations

import re
from functools import lru_cache

# entity → names in ar, en, es, fr, ru, zh (acronyms match case-sensitively, as whole words)
_NAMES: dict[str, tuple[str, ...]] = {
    "UN-Habitat": ("UN-Habitat", "ONU-Habitat", "ONU-Hábitat", "ООН-Хабитат",
                   "موئل الأمم المتحدة", "人居署"),
    "UNFPA": ("UNFPA", "FNUAP", "Fondo de Población", "Fonds des Nations Unies pour la population",
              "ЮНФПА", "صندوق الأمم المتحدة للسكان", "人口基金"),
    "UNDP": ("UNDP", "PNUD", "ПРООН", "برنامج الأمم المتحدة الإنمائي", "开发署",
             "Development Programme"),
    "UNOPS": ("UNOPS", "ЮНОПС", "مكتب الأمم المتحدة لخدمات المشاريع", "项目署"),
    "UN-Women": ("UN-Women", "ONU-Femmes", "ONU-Mujeres", "ООН-женщины",
                 "هيئة الأمم المتحدة للمرأة", "妇女署"),
    "UNICEF": ("UNICEF", "ЮНИСЕФ", "اليونيسف", "儿基会", "儿童基金会"),
    "WFP": ("WFP", "PAM", "PMA", "ВПП", "برنامج الأغذية العالمي", "粮食署", "粮食计划署",
            "World Food Programme"),
    "UNEP": ("UNEP", "PNUE", "PNUMA", "ЮНЕП", "برنامج الأمم المتحدة للبيئة", "环境署",
             "Environment Programme"),
    "JIU": ("JIU", "Joint Inspection Unit", "Corps commun d'inspection", "CCI",
            "Dependencia Común de Inspección", "DCI", "ОИГ", "Объединенная инспекционная группа",
            "وحدة التفتيش المشتركة", "联检组", "联合检查组"),
    "OIOS": ("OIOS", "BSCI", "OSSI", "УСВН", "مكتب خدمات الرقابة الداخلية", "监督厅",
             "Internal Oversight Services"),
    "CEB": ("CEB", "CCS", "JJE", "КСР", "مجلس الرؤساء التنفيذيين", "行政首长协调会",
            "Chief Executives Board"),
}  # fmt: skip
# symbol series → entity, longest prefix first
_SERIES = (
    ("DP/FPA/", "UNFPA"), ("DP/OPS/", "UNOPS"), ("DP/", "UNDP"), ("HSP/", "UN-Habitat"),
    ("UNW/", "UN-Women"), ("E/ICEF/", "UNICEF"), ("WFP/", "WFP"), ("UNEP/", "UNEP"),
    ("JIU/", "JIU"), ("CEB/", "CEB"),
)  # fmt: skip


def _pattern(name: str) -> str:
    escaped = re.escape(name)
    if re.fullmatch(r"[A-ZА-Я]{2,6}", name):  # an acronym: a whole word, case as written
        return rf"(?<![\w-]){escaped}(?![\w-])"
    return f"(?i:{escaped})"


_FINDERS = {
    entity: re.compile("|".join(_pattern(name) for name in names))
    for entity, names in _NAMES.items()
}


def entities_in(text: str) -> frozenset[str]:
    """The entities `text` names, e.g. {"UNFPA"} for "Dans l'audit du FNUAP"."""
    return frozenset(entity for entity, finder in _FINDERS.items() if finder.search(text))


@lru_cache(maxsize=4096)
def document_entities(symbol: str, title: str) -> frozenset[str]:
    """The entity whose series the symbol is in, and those its title names."""
    series = next((entity for prefix, entity in _SERIES if symbol.startswith(prefix)), None)
    named = entities_in(title)
    return named | {series} if series else named
