from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "flat"
    database_url: str = "sqlite://"
    secret_key: str = "x"



