from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # Database
    database_url: str = "sqlite://"

    # Background tasks
    arq_redis_url: str = "redis://localhost:6379/1"
    arq_job_timeout: int = 300
    arq_max_jobs: int = 10

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    @property
    def x(self) -> int:
        return 1
