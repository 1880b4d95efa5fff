from pydantic import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://localhost/app"
    secret_key: str = "change-me"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    class Config:
        env_file = ".env"
        env_prefix = "APP_"
        case_sensitive = False


settings = Settings()
