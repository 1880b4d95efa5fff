from pydantic_settings import BaseSettings


class Config(BaseSettings):
    database_url: str = "postgresql+asyncpg://app:app@localhost:5432/app"
    environment: str = "local"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Config()
