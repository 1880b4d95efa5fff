from pydantic_settings import BaseSettings


class Settings(BaseSettings):
  app_name: str = "two"
  debug: bool = False

  @property
  def title(self) -> str:
    return self.app_name.title()
