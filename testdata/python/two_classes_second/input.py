from pydantic import BaseModel
from pydantic_settings import BaseSettings


class Pagination(BaseModel):
    page: int = 1
    size: int = 50


class Settings(BaseSettings):
    database_url: str = "sqlite://"
    pagination: Pagination = Pagination()


settings = Settings()
