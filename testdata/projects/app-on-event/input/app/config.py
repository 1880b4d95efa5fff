from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "svc"


settings = Settings()
