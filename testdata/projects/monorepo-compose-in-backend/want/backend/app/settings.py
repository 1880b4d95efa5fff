from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: str

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
