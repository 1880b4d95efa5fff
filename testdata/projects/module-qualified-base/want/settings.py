import pydantic_settings


class Settings(pydantic_settings.BaseSettings):
    app_name: str = "myapp"
    debug: bool = False

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
