"""Fixed sentences the assistant says, in the six UN languages (English is the fallback)."""

from __future__ import annotations

_MESSAGES: dict[str, dict[str, str]] = {
    "abstain": {
        "en": "The indexed documents do not appear to answer this.",
        "fr": "Les documents indexés ne semblent pas répondre à cette question.",
        "es": "Los documentos indexados no parecen responder a esta pregunta.",
        "ru": "Проиндексированные документы, по-видимому, не отвечают на этот вопрос.",
        "ar": "لا يبدو أن الوثائق المفهرسة تجيب عن هذا السؤال.",
        "zh": "已索引的文件似乎没有回答这个问题。",
    },
    "closest": {
        "en": "Closest passages:",
        "fr": "Passages les plus proches :",
        "es": "Pasajes más cercanos:",
        "ru": "Ближайшие фрагменты:",
        "ar": "أقرب المقاطع:",
        "zh": "最相关的段落：",
    },
    "no_documents": {
        "en": "No documents are indexed yet. Run `reformqa ingest` first.",
        "fr": "Aucun document n'est encore indexé. Lancez d'abord `reformqa ingest`.",
        "es": "Todavía no hay documentos indexados. Ejecute primero `reformqa ingest`.",
        "ru": "Документы ещё не проиндексированы. Сначала выполните `reformqa ingest`.",
        "ar": "لم تُفهرس أي وثائق بعد. شغّل `reformqa ingest` أولاً.",
        "zh": "尚未索引任何文件。请先运行 `reformqa ingest`。",
    },
    "unsupported": {
        "en": "(not supported by the cited paragraph)",
        "fr": "(non étayé par le paragraphe cité)",
        "es": "(no respaldado por el párrafo citado)",
        "ru": "(не подтверждается цитируемым пунктом)",
        "ar": "(لا تدعمه الفقرة المستشهد بها)",
        "zh": "（引用段落不支持此句）",
    },
    "llm_fallback": {
        "en": "The language model's answer could not be verified against the documents; "
        "showing the extracted answer instead.",
        "fr": "La réponse du modèle de langue n'a pas pu être vérifiée dans les documents ; "
        "voici la réponse extraite.",
        "es": "La respuesta del modelo de lenguaje no pudo verificarse con los documentos; "
        "se muestra la respuesta extraída.",
        "ru": "Ответ языковой модели не удалось проверить по документам; показан извлечённый "
        "ответ.",
        "ar": "تعذّر التحقق من إجابة النموذج اللغوي مقابل الوثائق؛ تُعرض الإجابة المستخرجة بدلاً "
        "منها.",
        "zh": "无法根据文件核实语言模型的回答；以下为摘录的回答。",
    },
    "llm_unavailable": {
        "en": "The language model is unavailable ({reason}); showing the extracted answer.",
        "fr": "Le modèle de langue est indisponible ({reason}) ; voici la réponse extraite.",
        "es": "El modelo de lenguaje no está disponible ({reason}); se muestra la respuesta "
        "extraída.",
        "ru": "Языковая модель недоступна ({reason}); показан извлечённый ответ.",
        "ar": "النموذج اللغوي غير متاح ({reason})؛ تُعرض الإجابة المستخرجة.",
        "zh": "语言模型不可用（{reason}）；以下为摘录的回答。",
    },
    "quote_language": {
        "en": "The cited passage is in {languages}; it is quoted as written.",
        "fr": "Le passage cité est en {languages} ; il est reproduit tel quel.",
        "es": "El pasaje citado está en {languages}; se reproduce tal cual.",
        "ru": "Цитируемый фрагмент на {languages} языке; он приводится без изменений.",
        "ar": "المقطع المستشهد به باللغة {languages}؛ ويُقتبس كما ورد.",
        "zh": "所引段落为{languages}，按原文引用。",
    },
    "in_figures": {
        "en": "In figures: {figures}.",
        "fr": "En chiffres : {figures}.",
        "es": "En cifras: {figures}.",
        "ru": "В цифрах: {figures}.",
        "ar": "بالأرقام: {figures}.",
        "zh": "数字：{figures}。",
    },
    "reference_choice": {
        "en": "Several documents have the paragraph you name; this answer is from {symbol}. "
        "Add a document symbol to the question to ask about another.",
        "fr": "Plusieurs documents contiennent le paragraphe indiqué ; cette réponse provient "
        "de {symbol}. Précisez la cote d'un document pour en interroger un autre.",
        "es": "Varios documentos tienen el párrafo indicado; esta respuesta procede de "
        "{symbol}. Añada la signatura de un documento para preguntar por otro.",
        "ru": "Указанный пункт есть в нескольких документах; этот ответ взят из {symbol}. "
        "Чтобы спросить о другом документе, укажите его условное обозначение.",
        "ar": "الفقرة المذكورة موجودة في عدة وثائق؛ هذه الإجابة مأخوذة من {symbol}. "
        "أضف رمز الوثيقة إلى السؤال للسؤال عن وثيقة أخرى.",
        "zh": "多份文件都有您所说的段落；此回答出自 {symbol}。"
        "如需询问其他文件，请在问题中注明文件编号。",
    },
}


# Each language's name as written in the asker's language (Russian in the prepositional case,
# as "на {languages} языке" needs it).
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"ar": "Arabic", "en": "English", "es": "Spanish", "fr": "French",
           "ru": "Russian", "zh": "Chinese"},
    "fr": {"ar": "arabe", "en": "anglais", "es": "espagnol", "fr": "français",
           "ru": "russe", "zh": "chinois"},
    "es": {"ar": "árabe", "en": "inglés", "es": "español", "fr": "francés",
           "ru": "ruso", "zh": "chino"},
    "ru": {"ar": "арабском", "en": "английском", "es": "испанском", "fr": "французском",
           "ru": "русском", "zh": "китайском"},
    "ar": {"ar": "العربية", "en": "الإنكليزية", "es": "الإسبانية", "fr": "الفرنسية",
           "ru": "الروسية", "zh": "الصينية"},
    "zh": {"ar": "阿拉伯文", "en": "英文", "es": "西班牙文", "fr": "法文", "ru": "俄文",
           "zh": "中文"},
}  # fmt: skip


def message(name: str, language: str, **values: str) -> str:
    table = _MESSAGES[name]
    return table.get(language, table["en"]).format(**values)
