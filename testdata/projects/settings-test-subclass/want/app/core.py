"""Application wiring: the settings object lives here."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "sqlite:///./library.db"
    page_size: int = 50

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
