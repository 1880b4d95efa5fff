# -*- coding: utf-8 -*-
"""Settings."""

# Keep imports sorted (isort).
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict  # noqa: F401


# The one settings class.  Every field can be overridden by the environment.
class Settings(BaseSettings):  # pragma: no cover
    """All configuration, in one place."""

    # ----------------------------------------------------------------------
    # Application
    # ----------------------------------------------------------------------


    app_name: str = "myapp"  # shown in the OpenAPI title

    debug: bool = False  # never True in production!


    # Database
    # (see docs/database.md)
    database_url: str = "postgresql+asyncpg://postgres:postgres@localhost:5432/myapp"


    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # TODO: read replicas

    model_config = SettingsConfigDict(env_file=".env")  # trailing


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
# end of file
