from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # App
    app_name: str = "files"

    # Storage
    storage_backend: Literal["local", "s3"] = "local"
    storage_local_path: str = "./uploads"
    storage_s3_endpoint_url: str | None = None
    storage_s3_secret_key: SecretStr | None = None

    # Metrics
    metrics_enabled: bool = True
    sample_rate: float = 0.25

    # WebSocket
    ws_heartbeat_interval: int = Field(default=30, ge=1)
