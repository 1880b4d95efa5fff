from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    app_name: str = "shop"
    database_url: str = "postgresql://shop:shop@localhost:5432/shop"


settings = Settings()
