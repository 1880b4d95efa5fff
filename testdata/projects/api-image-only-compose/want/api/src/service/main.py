from contextlib import asynccontextmanager

from fastapi import FastAPI

from src.service.core.cache import close_redis_client
from src.service.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(debug=settings.debug, lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
