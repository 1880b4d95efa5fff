"""Application configuration.

Everything the service reads from the environment lives on one object.
(An older version declared `class Settings(BaseSettings):` in main.py;
don't bring that back — import `settings` from here.)
"""

from functools import lru_cache
from typing import Annotated

from pydantic import Field, PostgresDsn, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings for the shop API. Values come from the environment or .env."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        case_sensitive=False,
        extra="ignore",
    )

    # App
    app_name: str = "shop-api"
    debug: bool = False
    # Comma-separated in the environment: "http://a,http://b"
    cors_origins: list[str] = ["http://localhost:3000"]

    # Database — Postgres 16 (see docker-compose.yml)
    database_url: PostgresDsn = "postgresql+asyncpg://shop:shop@localhost:5432/shop"  # type: ignore[assignment]
    db_pool_size: Annotated[
        int,
        Field(ge=1, le=50, description="connections kept open per worker"),
    ] = 5

    # RabbitMQ
    rabbitmq_url: str = "amqp://guest:guest@localhost:5672/"
    rabbitmq_prefetch_count: int = 10

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_origins(cls, value: str | list[str]) -> list[str]:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def is_production(self) -> bool:
        return not self.debug


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
