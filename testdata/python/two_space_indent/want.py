from pydantic_settings import BaseSettings


class Settings(BaseSettings):
  app_name: str = "two"
  debug: bool = False

  # Redis
  redis_url: str = "redis://localhost:6379/0"

  @property
  def title(self) -> str:
    return self.app_name.title()
