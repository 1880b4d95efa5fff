from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://notes:notes@localhost/notes"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
