from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Bookshelf settings."""

    class Config:
        env_file = ".env"

    title: str = "Bookshelf"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # Background tasks
    arq_redis_url: str = "redis://localhost:6379/1"
    arq_max_jobs: int = 10
    arq_job_timeout: int = 300

    # Storage
    storage_backend: Literal["local", "s3"] = "local"
    storage_local_path: str = "./uploads"
    storage_s3_bucket: str = ""
    storage_s3_region: str = "us-east-1"
    storage_s3_endpoint_url: str | None = None
    storage_s3_access_key: str | None = None
    storage_s3_secret_key: SecretStr | None = None

    # Observability
    metrics_enabled: bool = True
    otel_service_name: str = "bookshelf"
    otel_exporter_otlp_endpoint: str = "http://localhost:4317"

    # Email
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_use_tls: bool = False
    email_from: str = "noreply@example.com"

    # WebSocket
    ws_redis_url: str | None = None
    ws_heartbeat_interval: int = 30


settings = Settings()
