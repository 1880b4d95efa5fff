from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "bom"

    # Redis
    redis_url: str = "redis://localhost:6379/0"
