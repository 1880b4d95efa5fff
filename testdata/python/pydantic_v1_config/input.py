from pydantic import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://localhost/app"
    secret_key: str = "change-me"

    class Config:
        env_file = ".env"
        env_prefix = "APP_"
        case_sensitive = False


settings = Settings()
