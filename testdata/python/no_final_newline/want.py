from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "eof"
    database_url: str = "sqlite://"

    # Redis
    redis_url: str = "redis://localhost:6379/0"