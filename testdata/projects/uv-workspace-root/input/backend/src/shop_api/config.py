from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "shop"
    database_url: str = "sqlite+aiosqlite:///./shop.db"


@lru_cache
def get_settings() -> Settings:
    return Settings()
