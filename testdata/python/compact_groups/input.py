from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "compact"
    # Database
    database_url: str = "sqlite://"
    def dsn(self) -> str:
        return self.database_url
