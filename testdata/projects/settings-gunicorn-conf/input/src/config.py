from pydantic_settings import BaseSettings


class Config(BaseSettings):
    database_url: str = "postgresql+asyncpg://app:app@localhost:5432/app"
    environment: str = "local"


settings = Config()
