from fastapi import FastAPI

from src.config import settings

app = FastAPI(openapi_url="/openapi.json" if settings.environment == "local" else None)
