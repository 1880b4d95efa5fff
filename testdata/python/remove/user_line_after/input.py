from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "x"

    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # TODO: use sentinel

    debug: bool = False
