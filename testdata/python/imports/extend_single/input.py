from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    name: str = Field("x")
