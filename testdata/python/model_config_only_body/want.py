from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Docs."""

    model_config = SettingsConfigDict(env_file=".env")

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    def describe(self) -> str:
        return "settings"
