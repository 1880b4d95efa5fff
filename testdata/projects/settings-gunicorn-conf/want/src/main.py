from contextlib import asynccontextmanager

from fastapi import FastAPI

from src.config import settings
from src.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(openapi_url="/openapi.json" if settings.environment == "local" else None, lifespan=lifespan)
