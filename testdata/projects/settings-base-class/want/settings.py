from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    debug: bool = False


class Settings(CommonSettings):
    app_name: str = "myapp"

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
