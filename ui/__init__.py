"""The Gradio chat UI: a thin layer over `assistant.service.AssistantService`.

Nothing in assistant/ or ingest/ imports this package. Gradio's analytics are switched off
before any submodule imports gradio: the machines this runs on have no internet, and a
document service must not report its use to a third party.
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
