from acme_platform.settings import PlatformSettings
from pydantic_settings import BaseSettings, SettingsConfigDict


class PostgresSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PG_")

    host: str = "localhost"
    port: int = 5432


class Settings(PlatformSettings):
    service_name: str = "billing"
    postgres: PostgresSettings = PostgresSettings()

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
