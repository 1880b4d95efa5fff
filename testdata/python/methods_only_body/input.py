from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # helpers
    def describe(self) -> str:
        return "settings"
