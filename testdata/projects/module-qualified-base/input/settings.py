import pydantic_settings


class Settings(pydantic_settings.BaseSettings):
    app_name: str = "myapp"
    debug: bool = False


settings = Settings()
