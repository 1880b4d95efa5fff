from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    debug: bool = False


class Settings(CommonSettings):
    app_name: str = "myapp"


settings = Settings()
