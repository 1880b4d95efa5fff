from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "ledger"
    database_url: str = "postgresql://ledger:ledger@localhost:5432/ledger"


settings = Settings()
