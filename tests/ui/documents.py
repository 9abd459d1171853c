"""Small documents the UI tests write next to the seed: another language version of paragraph
9, a staff-only note, an upload, and documents whose text and title carry markup."""

from __future__ import annotations

from pathlib import Path

FRENCH_9 = """---
symbol: HSP/EB.2026/12
language: fr
title: Mise en œuvre par ONU-Habitat de la réforme du système des Nations Unies
date: 2026-02-16
---
8. ONU-Habitat a continué de participer aux équipes de pays des Nations Unies.

9. En 2025, ONU-Habitat a contribué à au moins 82 % des résultats prioritaires des
plans-cadres de coopération des Nations Unies pour le développement durable.
"""

STAFF_NOTE = """---
symbol: HSP/EB.2026/INF.9
language: en
title: Internal note on the relocation of the regional office
date: 2026-03-02
audience: staff
---
1. The secretariat plans to relocate the Bangkok regional office to Kuala Lumpur in 2027.

2. The relocation will cost 4.2 million dollars, drawn from the reserve.
"""

UPLOAD = """---
symbol: HSP/EB.2026/13
language: en
title: Urban Resilience Hub in Maputo
date: 2026-03-10
---
1. The Executive Board approved a budget of 7.5 million dollars for the Urban Resilience Hub
in Maputo.

2. The Hub will train municipal engineers from twelve coastal cities.
"""

# HTML entities become literal markup in the unit text: the UI must show it, never run it.
MARKUP_HTML = """<html><body>
<p>TEST/XSS/1</p>
<p>1. The committee noted &lt;script&gt;window.__xss=2&lt;/script&gt; markup and
&lt;img src=x onerror="window.__xss=3"&gt; tags in the budget annex of the Urban Lab.</p>
<p>2. The Urban Lab budget for 2027 is 3.4 million dollars.</p>
</body></html>
"""

MARKUP_TITLE = """---
symbol: TEST/XSS/2
language: en
title: Annex <img src=x onerror="window.__xss=1"> review
date: 2026-03-01
---
1. The review of the Urban Lab annex found that procurement records were incomplete.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def corrupt_pdf(folder: Path, name: str = "corrupt.pdf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"%PDF-1.4 this is not a PDF body")
    return path
