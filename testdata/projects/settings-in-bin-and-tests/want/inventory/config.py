from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    warehouse: str = "main"

    # Redis
    redis_url: str = "redis://localhost:6379/0"
