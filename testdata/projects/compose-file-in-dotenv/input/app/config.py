from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://notes:notes@localhost/notes"


settings = Settings()
