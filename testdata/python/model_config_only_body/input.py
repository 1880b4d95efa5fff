from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Docs."""

    model_config = SettingsConfigDict(env_file=".env")

    def describe(self) -> str:
        return "settings"
