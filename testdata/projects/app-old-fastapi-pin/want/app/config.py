from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "svc"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
