from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
