# ruff: noqa: E501  (messages are data; a line per language reads better than split strings)
"""Messages for refused API inputs and unexpected errors, in the six UN languages (merged into
ui.labels.LABELS; kept apart so that each module stays readable)."""

ERROR_LABELS: dict[str, dict[str, str]] = {
    "bad_k": {
        "en": "k (sources per answer) must be a whole number from {low} to {high}; got {value}.",
        "fr": "k (sources par réponse) doit être un nombre entier de {low} à {high} ; reçu {value}.",
        "es": "k (fuentes por respuesta) debe ser un número entero de {low} a {high}; se recibió {value}.",
        "ru": "k (число источников в ответе) должно быть целым числом от {low} до {high}; получено {value}.",
        "ar": "يجب أن تكون k (عدد المصادر لكل إجابة) عدداً صحيحاً من {low} إلى {high}؛ القيمة المستلمة {value}.",
        "zh": "k（每个回答的来源数）必须是 {low} 到 {high} 之间的整数；收到的是 {value}。",
    },
    "bad_date": {
        "en": "{name} must be a date written YYYY-MM-DD; got {value}.",
        "fr": "{name} doit être une date au format AAAA-MM-JJ ; reçu {value}.",
        "es": "{name} debe ser una fecha con el formato AAAA-MM-DD; se recibió {value}.",
        "ru": "{name} должно быть датой в формате ГГГГ-ММ-ДД; получено {value}.",
        "ar": "يجب أن تكون {name} تاريخاً بالصيغة YYYY-MM-DD؛ القيمة المستلمة {value}.",
        "zh": "{name} 必须是 YYYY-MM-DD 格式的日期；收到的是 {value}。",
    },
    "bad_date_order": {
        "en": "since ({since}) is after until ({until}).",
        "fr": "since ({since}) est postérieure à until ({until}).",
        "es": "since ({since}) es posterior a until ({until}).",
        "ru": "since ({since}) позже, чем until ({until}).",
        "ar": "since ({since}) يقع بعد until ({until}).",
        "zh": "since（{since}）晚于 until（{until}）。",
    },
    "bad_type": {
        "en": "{name} has the wrong type: {value}.",
        "fr": "{name} n'a pas le bon type : {value}.",
        "es": "{name} no tiene el tipo correcto: {value}.",
        "ru": "{name} имеет неверный тип: {value}.",
        "ar": "{name} من نوع غير صحيح: {value}.",
        "zh": "{name} 的类型不正确：{value}。",
    },
    "bad_choice": {
        "en": "{name} must be one of: {choices}.",
        "fr": "{name} doit être l'une des valeurs : {choices}.",
        "es": "{name} debe ser uno de: {choices}.",
        "ru": "{name} должно быть одним из значений: {choices}.",
        "ar": "يجب أن تكون {name} إحدى القيم: {choices}.",
        "zh": "{name} 必须是以下之一：{choices}。",
    },
    "too_long": {
        "en": "{name} is too long: {length} characters, at most {limit}.",
        "fr": "{name} est trop long : {length} caractères, au plus {limit}.",
        "es": "{name} es demasiado largo: {length} caracteres, como máximo {limit}.",
        "ru": "{name} слишком длинное: {length} символов, не более {limit}.",
        "ar": "{name} طويل جداً: {length} حرفاً، والحد الأقصى {limit}.",
        "zh": "{name} 过长：{length} 个字符，最多 {limit} 个。",
    },
    "too_many": {
        "en": "{name}: at most {limit} entries; got {count}.",
        "fr": "{name} : au plus {limit} éléments ; reçu {count}.",
        "es": "{name}: como máximo {limit} elementos; se recibieron {count}.",
        "ru": "{name}: не более {limit} элементов; получено {count}.",
        "ar": "{name}: {limit} عنصراً كحد أقصى؛ العدد المستلم {count}.",
        "zh": "{name}：最多 {limit} 项；收到 {count} 项。",
    },
    "question_empty": {
        "en": "The question is empty: ask something about the indexed documents.",
        "fr": "La question est vide : posez une question sur les documents indexés.",
        "es": "La pregunta está vacía: pregunte algo sobre los documentos indexados.",
        "ru": "Вопрос пуст: спросите что-нибудь о проиндексированных документах.",
        "ar": "السؤال فارغ: اسأل عن شيء في الوثائق المفهرسة.",
        "zh": "问题为空：请就已索引的文件提问。",
    },
    "unexpected_error": {
        "en": "Something went wrong (id {id}). The server log has the details under this id.",
        "fr": "Une erreur s'est produite (id {id}). Le journal du serveur en donne le détail sous cet id.",
        "es": "Algo salió mal (id {id}). El registro del servidor tiene los detalles con este id.",
        "ru": "Что-то пошло не так (id {id}). Подробности в журнале сервера под этим id.",
        "ar": "حدث خطأ ما (المعرّف {id}). يتضمن سجل الخادم التفاصيل تحت هذا المعرّف.",
        "zh": "出现了问题（编号 {id}）。服务器日志中以此编号记录了详情。",
    },
}
