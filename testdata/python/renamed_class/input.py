from pydantic_settings import BaseSettings


class AppConfig(BaseSettings):
    app_name: str = "shop"
    database_url: str = "sqlite:///./shop.db"


config = AppConfig()
