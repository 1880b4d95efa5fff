from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "spaced"


    # Database
    database_url: str = "sqlite://"


    # Redis
    redis_url: str = "redis://localhost:6379/0"
