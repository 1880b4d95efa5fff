from functools import cache
from typing import Literal, Optional

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class AppConfig(BaseSettings):
  model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

  DATABASE_URL: str = 'postgresql://shop@localhost/shop'
  LOG_LEVEL: str = 'INFO'

  # Redis
  REDIS_URL: str = "redis://localhost:6379/0"

  # Background tasks
  ARQ_REDIS_URL: str = "redis://localhost:6379/1"
  ARQ_MAX_JOBS: int = 10
  ARQ_JOB_TIMEOUT: int = 300

  # Storage
  STORAGE_BACKEND: Literal["local", "s3"] = "local"
  STORAGE_LOCAL_PATH: str = "./uploads"
  STORAGE_S3_BUCKET: str = ""
  STORAGE_S3_REGION: str = "us-east-1"
  STORAGE_S3_ENDPOINT_URL: Optional[str] = None
  STORAGE_S3_ACCESS_KEY: Optional[str] = None
  STORAGE_S3_SECRET_KEY: Optional[SecretStr] = None

  # Observability
  METRICS_ENABLED: bool = True
  OTEL_SERVICE_NAME: str = "shop"
  OTEL_EXPORTER_OTLP_ENDPOINT: str = "http://localhost:4317"

  # Email
  SMTP_HOST: str = "localhost"
  SMTP_PORT: int = 1025
  SMTP_USERNAME: Optional[str] = None
  SMTP_PASSWORD: Optional[SecretStr] = None
  SMTP_USE_TLS: bool = False
  EMAIL_FROM: str = "noreply@example.com"

  # WebSocket
  WS_REDIS_URL: Optional[str] = None
  WS_HEARTBEAT_INTERVAL: int = 30

  def dsn(self) -> str:
    return self.DATABASE_URL


@cache
def get_config() -> AppConfig:
  return AppConfig()
