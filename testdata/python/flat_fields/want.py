from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "flat"
    database_url: str = "sqlite://"
    secret_key: str = "x"

    # Redis
    redis_url: str = "redis://localhost:6379/0"



