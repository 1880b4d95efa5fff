from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "svc"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # Observability
    metrics_enabled: bool = True
    otel_service_name: str = "on-event"
    otel_exporter_otlp_endpoint: str = "http://localhost:4317"


settings = Settings()
