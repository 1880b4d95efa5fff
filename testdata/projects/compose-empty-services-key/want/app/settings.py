from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    debug: bool = False

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
