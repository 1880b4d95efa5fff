# Konfiguration für die Anwendung — 設定ファイル
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Einstellungen für die Anwendung (日本語のコメント)."""

    # Datenbank: Größe des Pools — プールのサイズ
    pool_size: int = 5  # 日本
    greeting: str = "Grüß Gott, 日本"
