from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "svc"

    # Redis
    redis_url: str = "redis://localhost:6379/0"

    # WebSocket
    ws_redis_url: str | None = None
    ws_heartbeat_interval: int = 30


settings = Settings()
