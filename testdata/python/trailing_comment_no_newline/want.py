from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    a: int = 1  # note

    # Redis
    redis_url: str = "redis://localhost:6379/0"