from pydantic_settings import BaseSettings


class AppConfig(BaseSettings):
    app_name: str = "shop"
    database_url: str = "sqlite:///./shop.db"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


config = AppConfig()
