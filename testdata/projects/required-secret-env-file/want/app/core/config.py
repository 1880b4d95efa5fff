from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "notes"
    # Signs session cookies: no default, the environment must give it.
    secret_key: str
    database_url: str = "postgresql://postgres:postgres@localhost:5432/notes"
    # Redis
    redis_url: str = "redis://localhost:6379/0"
    # Background tasks
    arq_redis_url: str = "redis://localhost:6379/1"
    arq_max_jobs: int = 10
    arq_job_timeout: int = 300


settings = Settings()
