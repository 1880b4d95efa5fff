from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    warehouse: str = "main"
