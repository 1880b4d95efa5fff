from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "svc"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # Background tasks
    arq_redis_url: str = "redis://localhost:6379/1"
    arq_max_jobs: int = 10
    arq_job_timeout: int = 300


settings = Settings()
