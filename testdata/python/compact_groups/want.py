from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "compact"
    # Database
    database_url: str = "sqlite://"
    # Redis
    redis_url: str = "redis://localhost:6379/0"
    def dsn(self) -> str:
        return self.database_url
