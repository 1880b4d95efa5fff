from typing import Optional

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    app_name: str = "shop"
    database_url: str = "postgresql://shop:shop@localhost:5432/shop"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # Email
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    smtp_username: Optional[str] = None
    smtp_password: Optional[SecretStr] = None
    smtp_use_tls: bool = False
    email_from: str = "noreply@example.com"


settings = Settings()
