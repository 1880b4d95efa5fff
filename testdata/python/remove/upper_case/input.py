from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    APP_NAME: str = "x"

    # Redis
    REDIS_URL: str = "redis://cache:6379/0"
