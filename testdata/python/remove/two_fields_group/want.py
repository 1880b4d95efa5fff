from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "x"

    def url(self) -> str:
        return self.redis_url
