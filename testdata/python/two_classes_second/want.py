from pydantic import BaseModel
from pydantic_settings import BaseSettings


class Pagination(BaseModel):
    page: int = 1
    size: int = 50


class Settings(BaseSettings):
    database_url: str = "sqlite://"
    pagination: Pagination = Pagination()

    # Redis
    redis_url: str = "redis://localhost:6379/0"


settings = Settings()
