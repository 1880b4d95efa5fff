from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    host: str = "0.0.0.0"; port: int = 8000  # both on one line
    # belongs to the validator

    @classmethod
    def make(cls) -> "Settings":
        return cls()
