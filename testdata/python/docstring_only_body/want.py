from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Everything comes from the environment."""

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
