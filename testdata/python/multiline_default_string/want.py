from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    banner: str = """
Welcome!
    (indented text inside a string)
"""

    # Redis
    redis_url: str = "redis://localhost:6379/0"
