from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    database_url: str
    secret_key: str

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # Background tasks
    arq_redis_url: str = "redis://localhost:6379/1"
    arq_max_jobs: int = 10
    arq_job_timeout: int = 300


settings = Settings()
