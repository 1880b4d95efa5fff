"""Project settings, loaded from the environment and .env."""

from functools import lru_cache

from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Application
    app_name: str = "myapp"
    debug: bool = False

    # Database
    database_url: Annotated[
        str,
        Field(
            description="SQLAlchemy URL of the main database",
            examples=["postgresql+asyncpg://u:p@host/db"],
        ),
    ] = "postgresql+asyncpg://postgres:postgres@localhost:5432/myapp"
    pool_size: int = Field(
        default=5,
        ge=1,
        description="connections kept open",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
