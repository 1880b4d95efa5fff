from pydantic import BaseSettings


class Settings(BaseSettings):
    app_name: str = "myapp"
    database_url: str = "postgresql://localhost/myapp"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    class Config:
        env_file = ".env"
        env_prefix = "APP_"


settings = Settings()
