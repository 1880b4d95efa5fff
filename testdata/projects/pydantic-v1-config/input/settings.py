from pydantic import BaseSettings


class Settings(BaseSettings):
    app_name: str = "myapp"
    database_url: str = "postgresql://localhost/myapp"

    class Config:
        env_file = ".env"
        env_prefix = "APP_"


settings = Settings()
