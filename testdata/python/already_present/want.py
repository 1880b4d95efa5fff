from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "sqlite://"

    # Redis
    redis_url: str = "redis://cache:6379/0"
