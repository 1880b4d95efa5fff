from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Bookshelf settings."""

    class Config:
        env_file = ".env"

    title: str = "Bookshelf"


settings = Settings()
