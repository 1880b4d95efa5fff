from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "win"

    # Database
    database_url: str = "sqlite://"

    def dsn(self) -> str:
        return self.database_url
