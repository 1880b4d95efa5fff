from typing import Literal, Optional

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file='.env')

    app_name: str = 'legacy'
    debug: bool = False

    # Storage
    storage_backend: Literal['local', 's3'] = 'local'
    storage_local_path: str = './uploads'
    storage_s3_bucket: str = ''
    storage_s3_region: str = 'us-east-1'
    storage_s3_endpoint_url: Optional[str] = None
    storage_s3_access_key: Optional[str] = None
    storage_s3_secret_key: Optional[SecretStr] = None

    # Email
    smtp_host: str = 'localhost'
    smtp_port: int = 1025
    smtp_username: Optional[str] = None
    smtp_password: Optional[SecretStr] = None
    smtp_use_tls: bool = False
    email_from: str = 'noreply@example.com'

    # WebSocket
    ws_redis_url: Optional[str] = None
    ws_heartbeat_interval: int = 30


settings = Settings()
