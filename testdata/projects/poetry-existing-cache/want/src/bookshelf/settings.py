from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Bookshelf settings."""

    class Config:
        env_file = ".env"

    title: str = "Bookshelf"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
