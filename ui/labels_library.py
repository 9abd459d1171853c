# ruff: noqa: E501  (labels are data; a line per language reads better than split strings)
"""Labels of the document library (tab, filters, table, reader), in the six UN languages
(merged into ui.labels.LABELS; kept apart so each module stays readable)."""

LIBRARY_LABELS: dict[str, dict[str, str]] = {
    "tab_chat": {"en": "Chat", "fr": "Discussion", "es": "Chat", "ru": "Чат", "ar": "الدردشة", "zh": "问答"},
    "tab_library": {"en": "Library", "fr": "Bibliothèque", "es": "Biblioteca", "ru": "Библиотека", "ar": "المكتبة", "zh": "文件库"},
    "filter_language": {"en": "Language version", "fr": "Version linguistique", "es": "Versión lingüística", "ru": "Языковая версия", "ar": "النسخة اللغوية", "zh": "语言版本"},
    "filter_kind": {"en": "Kind of document", "fr": "Type de document", "es": "Tipo de documento", "ru": "Вид документа", "ar": "نوع الوثيقة", "zh": "文件类型"},
    "filter_since": {"en": "Dated from (YYYY-MM-DD)", "fr": "Daté à partir du (AAAA-MM-JJ)", "es": "Fechado desde (AAAA-MM-DD)", "ru": "Дата с (ГГГГ-ММ-ДД)", "ar": "بتاريخ من (YYYY-MM-DD)", "zh": "起始日期（YYYY-MM-DD）"},
    "filter_until": {"en": "Dated until (YYYY-MM-DD)", "fr": "Daté jusqu'au (AAAA-MM-JJ)", "es": "Fechado hasta (AAAA-MM-DD)", "ru": "Дата по (ГГГГ-ММ-ДД)", "ar": "بتاريخ حتى (YYYY-MM-DD)", "zh": "截止日期（YYYY-MM-DD）"},
    "filter_text": {"en": "Symbol or title contains", "fr": "Cote ou titre contenant", "es": "Signatura o título que contiene", "ru": "Условное обозначение или название содержит", "ar": "الرمز أو العنوان يتضمن", "zh": "文号或标题包含"},
    "any_kind": {"en": "Any", "fr": "Tous", "es": "Cualquiera", "ru": "Любой", "ar": "أي نوع", "zh": "不限"},
    "languages": {"en": "Languages", "fr": "Langues", "es": "Idiomas", "ru": "Языки", "ar": "اللغات", "zh": "语言"},
    "kind": {"en": "Kind", "fr": "Type", "es": "Tipo", "ru": "Вид", "ar": "النوع", "zh": "类型"},
    "audience_column": {"en": "Audience", "fr": "Public", "es": "Público", "ru": "Доступ", "ar": "الجمهور", "zh": "读者"},
    "units": {"en": "Units", "fr": "Unités", "es": "Unidades", "ru": "Единицы", "ar": "الوحدات", "zh": "单元数"},
    "actions": {"en": "Actions", "fr": "Actions", "es": "Acciones", "ru": "Действия", "ar": "الإجراءات", "zh": "操作"},
    "audience_public": {"en": "public", "fr": "public", "es": "público", "ru": "открытый", "ar": "عام", "zh": "公开"},
    "open_version": {"en": "Open {symbol} in {lang_name}", "fr": "Ouvrir {symbol} en {lang_name}", "es": "Abrir {symbol} en {lang_name}", "ru": "Открыть {symbol} ({lang_name})", "ar": "فتح {symbol} باللغة {lang_name}", "zh": "打开 {symbol}（{lang_name}）"},
    "delete_document": {"en": "Delete", "fr": "Supprimer", "es": "Eliminar", "ru": "Удалить", "ar": "حذف", "zh": "删除"},
    "delete_named": {"en": "Delete {symbol}", "fr": "Supprimer {symbol}", "es": "Eliminar {symbol}", "ru": "Удалить {symbol}", "ar": "حذف {symbol}", "zh": "删除 {symbol}"},
    "delete_confirm": {"en": "Delete {symbol} (every language version) from the index?", "fr": "Supprimer {symbol} (toutes les versions linguistiques) de l'index ?", "es": "¿Eliminar {symbol} (todas las versiones lingüísticas) del índice?", "ru": "Удалить {symbol} (все языковые версии) из индекса?", "ar": "هل تريد حذف {symbol} (جميع النسخ اللغوية) من الفهرس؟", "zh": "要从索引中删除 {symbol}（所有语言版本）吗？"},
    "deleted": {"en": "Deleted: {symbol}", "fr": "Supprimé : {symbol}", "es": "Eliminado: {symbol}", "ru": "Удалено: {symbol}", "ar": "تم الحذف: {symbol}", "zh": "已删除：{symbol}"},
    "delete_denied": {"en": "Only staff may delete documents.", "fr": "Seul le personnel peut supprimer des documents.", "es": "Solo el personal puede eliminar documentos.", "ru": "Удалять документы могут только сотрудники.", "ar": "لا يحق حذف الوثائق إلا للموظفين.", "zh": "只有工作人员可以删除文件。"},
    "replace_hint": {"en": "To replace a document, upload its new file (same symbol and language) in the sidebar.", "fr": "Pour remplacer un document, téléversez son nouveau fichier (même cote et même langue) dans la barre latérale.", "es": "Para sustituir un documento, suba su nuevo archivo (misma signatura e idioma) en la barra lateral.", "ru": "Чтобы заменить документ, загрузите его новый файл (то же обозначение и язык) на боковой панели.", "ar": "لاستبدال وثيقة، حمّل ملفها الجديد (بالرمز واللغة نفسيهما) في الشريط الجانبي.", "zh": "如需替换文件，请在侧栏上传其新文件（文号和语言相同）。"},
    "no_match": {"en": "No document matches these filters.", "fr": "Aucun document ne correspond à ces filtres.", "es": "Ningún documento coincide con estos filtros.", "ru": "Ни один документ не соответствует этим фильтрам.", "ar": "لا توجد وثيقة تطابق عوامل التصفية هذه.", "zh": "没有符合这些筛选条件的文件。"},
    "reader_empty": {"en": "Open a document to read it here; each paragraph has a link of its own.", "fr": "Ouvrez un document pour le lire ici ; chaque paragraphe a son propre lien.", "es": "Abra un documento para leerlo aquí; cada párrafo tiene su propio enlace.", "ru": "Откройте документ, чтобы прочитать его здесь; у каждого абзаца есть своя ссылка.", "ar": "افتح وثيقة لقراءتها هنا؛ لكل فقرة رابط خاص بها.", "zh": "打开文件即可在此阅读；每个段落都有自己的链接。"},
    "paragraph_link": {"en": "Link to {citation}", "fr": "Lien vers {citation}", "es": "Enlace a {citation}", "ru": "Ссылка на {citation}", "ar": "رابط إلى {citation}", "zh": "链接到 {citation}"},
    "documents_table": {"en": "Indexed documents", "fr": "Documents indexés", "es": "Documentos indexados", "ru": "Проиндексированные документы", "ar": "الوثائق المفهرسة", "zh": "已索引的文件"},
    "open_in_library": {"en": "Read the whole document", "fr": "Lire tout le document", "es": "Leer el documento completo", "ru": "Читать весь документ", "ar": "قراءة الوثيقة كاملة", "zh": "阅读全文"},
}
