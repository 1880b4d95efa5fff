from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MYAPP_", env_file=".env")

    database_url: str = "postgresql://localhost/myapp"
    log_level: str = "INFO"
