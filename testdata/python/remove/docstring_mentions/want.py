from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """redis_url: str = 1"""

    app_name: str = "x"
