from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "x"

    # Redis
    redis_url: str = "redis://cache"
    mine: int = 1
    arq_max_jobs: int = 20
