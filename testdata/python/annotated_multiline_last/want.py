from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://localhost/app"
    workers: Annotated[
        int,
        Field(
            ge=1,
            le=64,
            description="Number of worker processes",
        ),
    ] = 4

    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # Comment that belongs to the validator below.

    @property
    def dsn(self) -> str:
        return self.database_url
