from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    a: int = 1  # note