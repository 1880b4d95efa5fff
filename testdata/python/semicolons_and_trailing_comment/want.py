from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    host: str = "0.0.0.0"; port: int = 8000  # both on one line

    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # belongs to the validator

    @classmethod
    def make(cls) -> "Settings":
        return cls()
