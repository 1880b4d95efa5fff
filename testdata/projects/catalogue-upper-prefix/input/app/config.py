from functools import cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class AppConfig(BaseSettings):
  model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

  DATABASE_URL: str = 'postgresql://shop@localhost/shop'
  LOG_LEVEL: str = 'INFO'

  def dsn(self) -> str:
    return self.DATABASE_URL


@cache
def get_config() -> AppConfig:
  return AppConfig()
