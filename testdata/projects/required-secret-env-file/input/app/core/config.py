from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "notes"
    # Signs session cookies: no default, the environment must give it.
    secret_key: str
    database_url: str = "postgresql://postgres:postgres@localhost:5432/notes"


settings = Settings()
