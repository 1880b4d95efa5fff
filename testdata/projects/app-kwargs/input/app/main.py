from typing import Any

from fastapi import FastAPI

from app.config import settings

fastapi_kwargs: dict[str, Any] = {"title": settings.app_name, "docs_url": "/docs"}

app = FastAPI(**fastapi_kwargs)
