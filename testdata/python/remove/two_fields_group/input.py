from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "x"

    # Redis
    redis_url: str = "redis://cache"
    arq_max_jobs: int = 20

    def url(self) -> str:
        return self.redis_url
