from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Nothing configured yet."""


settings = Settings()
