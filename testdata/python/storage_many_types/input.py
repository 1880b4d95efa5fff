from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "files"
