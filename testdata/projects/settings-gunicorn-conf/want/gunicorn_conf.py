import multiprocessing

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    workers_per_core: float = 1.0
    max_workers: int | None = None
    host: str = "0.0.0.0"
    port: int = 8000


settings = Settings()
workers = max(int(settings.workers_per_core * multiprocessing.cpu_count()), 2)
bind = f"{settings.host}:{settings.port}"
