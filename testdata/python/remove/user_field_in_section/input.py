from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "x"

    # Redis
    redis_url: str = "redis://localhost:6379/0"
    redis_pool_size: int = 10
