from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Everything comes from the environment."""


settings = Settings()
